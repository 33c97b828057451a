"""otp_request: codes texted, replaced, limited; the answer never tells which numbers have accounts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chushan.accounts.models import OneTimeCode
from chushan.accounts.rules import code_digest
from chushan.accounts.services import otp_request
from chushan.accounts.sms import ACCOUNT_EXISTS, OTP_CODE, SmsNotSent
from chushan.accounts.tests.factories import UserFactory
from chushan.accounts.tests.support import ADDRESS, age_codes, last_code
from chushan.core.errors import RateLimited, Unprocessable

pytestmark = pytest.mark.django_db
NUMBER = "13800138000"


def test_a_registered_number_gets_a_sign_in_code_and_only_its_digest_is_kept(outbox, settings):
    UserFactory(mobile=NUMBER)
    sent = otp_request(mobile="+86 138 0013 8000", purpose="login", address=ADDRESS)
    code = last_code(outbox, NUMBER)
    stored = OneTimeCode.objects.get()
    assert (stored.mobile, stored.purpose, stored.attempts, stored.consumed_at) == (NUMBER, "login", 0, None)
    assert stored.digest == code_digest(settings.SECRET_KEY, NUMBER, code) and code not in stored.digest
    assert stored.expires_at - stored.created_at == timedelta(seconds=settings.CHUSHAN_OTP_TTL_SECONDS)
    assert (sent.mobile, sent.expires_in, sent.resend_in) == (NUMBER, settings.CHUSHAN_OTP_TTL_SECONDS, 60)


def test_a_new_number_gets_a_sign_up_code(outbox):
    otp_request(mobile=NUMBER, purpose="signup", address=ADDRESS)
    assert [m.template for m in outbox] == [OTP_CODE]


def test_signing_up_with_a_registered_number_texts_a_notice_not_a_code(outbox):
    UserFactory(mobile=NUMBER)
    registered = otp_request(mobile=NUMBER, purpose="signup", address=ADDRESS)
    fresh = otp_request(mobile="13900139000", purpose="signup", address=ADDRESS)
    assert [m.template for m in outbox] == [ACCOUNT_EXISTS, OTP_CODE]
    assert (registered.expires_in, registered.resend_in) == (fresh.expires_in, fresh.resend_in)


def test_a_number_without_an_account_gets_no_text_but_the_same_answer(outbox):
    UserFactory(mobile="13900139000")
    registered = otp_request(mobile="13900139000", purpose="login", address=ADDRESS)
    unknown = otp_request(mobile=NUMBER, purpose="reset", address=ADDRESS)
    assert [m.mobile for m in outbox] == ["13900139000"]
    assert (registered.expires_in, registered.resend_in) == (unknown.expires_in, unknown.resend_in)
    # A code is stored all the same, so both paths do the same work.
    assert OneTimeCode.objects.filter(mobile=NUMBER).count() == 1


def test_an_inactive_account_gets_no_sign_in_code(outbox):
    UserFactory(mobile=NUMBER, is_active=False)
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    assert outbox == []


def test_a_new_code_replaces_the_last_one(outbox):
    UserFactory(mobile=NUMBER)
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    age_codes(61)
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    live = OneTimeCode.objects.filter(consumed_at__isnull=True)
    assert OneTimeCode.objects.count() == 2 and live.count() == 1
    assert live.get() == OneTimeCode.objects.latest("created_at")


def test_asking_again_within_a_minute_is_refused_and_writes_nothing(outbox):
    UserFactory(mobile=NUMBER)
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    age_codes(20)
    with pytest.raises(RateLimited) as refused:
        otp_request(mobile=NUMBER, purpose="reset", address=ADDRESS)
    assert 39 <= refused.value.extra["retry_after"] <= 41
    assert OneTimeCode.objects.count() == 1 and len(outbox) == 1


def test_a_number_gets_at_most_three_codes_in_ten_minutes(outbox):
    UserFactory(mobile=NUMBER)
    for _ in range(3):
        otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
        age_codes(61)
    with pytest.raises(RateLimited) as refused:
        otp_request(mobile=NUMBER, purpose="login", address="198.51.100.1")
    assert refused.value.status == 429 and refused.value.extra["retry_after"] > 60
    assert OneTimeCode.objects.count() == 3 and len(outbox) == 3


def test_an_address_asking_for_many_numbers_is_held_back(outbox, settings):
    settings.CHUSHAN_RATE_LIMITS = {**settings.CHUSHAN_RATE_LIMITS, "otp:address": (2, 3600)}
    otp_request(mobile="13800000001", purpose="signup", address=ADDRESS)
    otp_request(mobile="13800000002", purpose="signup", address=ADDRESS)
    with pytest.raises(RateLimited):
        otp_request(mobile="13800000003", purpose="signup", address=ADDRESS)
    assert not OneTimeCode.objects.filter(mobile="13800000003").exists()
    otp_request(mobile="13800000003", purpose="signup", address="198.51.100.1")
    assert len(outbox) == 3


def test_ipv6_neighbours_share_one_address_limit(settings):
    settings.CHUSHAN_RATE_LIMITS = {**settings.CHUSHAN_RATE_LIMITS, "otp:address": (1, 3600)}
    otp_request(mobile="13800000001", purpose="signup", address="2001:db8:1:2::1")
    with pytest.raises(RateLimited):
        otp_request(mobile="13800000002", purpose="signup", address="2001:db8:1:2::ffff")


@pytest.mark.parametrize("mobile", ["", "12345", "1" * 5000, "+1 415 555 0100"])
def test_a_bad_number_is_refused_on_its_field_and_nothing_is_written(mobile, outbox):
    with pytest.raises(Unprocessable) as refused:
        otp_request(mobile=mobile, purpose="signup", address=ADDRESS)
    assert "mobile" in refused.value.errors
    assert not OneTimeCode.objects.exists() and outbox == []


def test_an_unknown_purpose_is_refused(outbox):
    with pytest.raises(Unprocessable) as refused:
        otp_request(mobile=NUMBER, purpose="admin", address=ADDRESS)
    assert "purpose" in refused.value.errors and not OneTimeCode.objects.exists()


def test_when_the_text_cannot_be_sent_no_code_is_kept_and_a_retry_is_not_held_back(monkeypatch):
    from chushan.accounts import sms

    def refuse(self, message):
        raise ConnectionError("provider down")

    monkeypatch.setattr(sms.OutboxSender, "send", refuse)
    with pytest.raises(SmsNotSent) as refused:
        otp_request(mobile=NUMBER, purpose="signup", address=ADDRESS)
    assert refused.value.status == 503
    assert not OneTimeCode.objects.exists()
    monkeypatch.undo()
    otp_request(mobile=NUMBER, purpose="signup", address=ADDRESS)
    assert OneTimeCode.objects.filter(consumed_at__isnull=True).count() == 1


def test_codes_older_than_a_day_are_purged():
    from chushan.accounts.services import otp_codes_purge

    otp_request(mobile=NUMBER, purpose="signup", address=ADDRESS)
    age_codes(2 * 24 * 3600)
    otp_request(mobile="13900139000", purpose="signup", address=ADDRESS)
    assert otp_codes_purge() == 1
    assert list(OneTimeCode.objects.values_list("mobile", flat=True)) == ["13900139000"]
    assert OneTimeCode.objects.get().created_at > timezone.now() - timedelta(minutes=1)
