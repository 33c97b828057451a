"""user_signup: an account for a number proven by a texted code, with a password Django accepts."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher
from django.utils import translation

from chushan.accounts.models import OneTimeCode, User
from chushan.accounts.rules import OTP_MAX_ATTEMPTS
from chushan.accounts.services import otp_request, user_signup
from chushan.accounts.tests.factories import UserFactory
from chushan.accounts.tests.support import ADDRESS, age_codes, last_code, wrong
from chushan.core.errors import Conflict, RateLimited, Unprocessable

pytestmark = pytest.mark.django_db
NUMBER = "13800138000"
PASSWORD = "blue-paper-cut-1984"


@pytest.fixture
def code(outbox):
    otp_request(mobile=NUMBER, purpose="signup", address=ADDRESS)
    return last_code(outbox, NUMBER)


def _signup(the_code, **kwargs):
    return user_signup(**{"mobile": NUMBER, "code": the_code, "password": PASSWORD, "address": ADDRESS, **kwargs})


def test_signing_up_opens_an_account_with_a_hashed_password(code, production_password_hashers):
    user = _signup(code, display_name=" 阿朵 ")
    user.refresh_from_db()
    assert (user.mobile, user.display_name, user.is_staff, user.is_superuser) == (NUMBER, "阿朵", False, False)
    assert PASSWORD not in user.password
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256"
    assert check_password(PASSWORD, user.password)
    assert OneTimeCode.objects.get().consumed_at is not None


def test_a_wrong_code_opens_nothing_and_counts_the_try(code):
    with pytest.raises(Unprocessable) as refused:
        _signup(wrong(code))
    assert refused.value.code == "code_wrong" and "code" in refused.value.errors
    assert not User.objects.exists()
    assert OneTimeCode.objects.get().attempts == 1


def test_a_code_cannot_be_used_twice(code):
    _signup(code)
    with pytest.raises(Unprocessable) as refused:
        _signup(code, password="another-long-pass-99")
    assert refused.value.code == "code_missing"
    assert User.objects.count() == 1 and check_password(PASSWORD, User.objects.get().password)


def test_an_expired_code_is_refused(code, settings):
    age_codes(settings.CHUSHAN_OTP_TTL_SECONDS + 1)
    with pytest.raises(Unprocessable) as refused:
        _signup(code)
    assert refused.value.code == "code_expired" and not User.objects.exists()


def test_after_five_wrong_tries_even_the_right_code_is_refused(code):
    for _ in range(OTP_MAX_ATTEMPTS):
        with pytest.raises(Unprocessable):
            _signup(wrong(code))
    with pytest.raises(Unprocessable) as refused:
        _signup(code)
    assert refused.value.code == "code_exhausted" and not User.objects.exists()


def test_only_the_latest_code_is_valid(outbox, code):
    age_codes(61)
    otp_request(mobile=NUMBER, purpose="signup", address=ADDRESS)
    with pytest.raises(Unprocessable):
        _signup(code)
    assert not User.objects.exists()
    _signup(last_code(outbox, NUMBER))
    assert User.objects.count() == 1


def test_a_code_for_another_purpose_does_not_open_an_account(outbox):
    UserFactory(mobile="13900139000")
    otp_request(mobile="13900139000", purpose="login", address=ADDRESS)
    with pytest.raises(Unprocessable) as refused:
        _signup(last_code(outbox, "13900139000"), mobile="13900139000")
    assert refused.value.code == "code_missing" and User.objects.count() == 1


@pytest.mark.parametrize(("password", "why"), [
    ("short", "too short"), ("password123", "too common"), ("4829105738", "entirely numeric"),
    ("13800138000a", "too similar"), ("x" * 129, "at most 128"),
])
def test_a_weak_password_is_refused_and_the_code_stays_usable(code, password, why):
    with translation.override("en"), pytest.raises(Unprocessable) as refused:
        _signup(code, password=password)
    assert why in " ".join(refused.value.errors["password"])
    assert not User.objects.exists()
    assert OneTimeCode.objects.get().consumed_at is None
    _signup(code)


def test_a_number_that_already_has_an_account_is_refused_after_the_code(code):
    existing = UserFactory(mobile=NUMBER)  # registered between asking for the code and using it
    before = existing.password
    with pytest.raises(Conflict) as refused:
        _signup(code)
    assert "mobile" in refused.value.errors
    assert User.objects.count() == 1 and User.objects.get().password == before
    assert OneTimeCode.objects.get().consumed_at is None


def test_signing_up_a_registered_number_without_its_code_gives_nothing_away(outbox):
    UserFactory(mobile=NUMBER)
    otp_request(mobile=NUMBER, purpose="signup", address=ADDRESS)  # texts a notice, no code
    with pytest.raises(Unprocessable) as refused:
        _signup("123456")
    assert refused.value.code in {"code_wrong"}  # the same answer a new number gets for a wrong code


@pytest.mark.parametrize(("field", "value"), [("mobile", "12"), ("code", "12ab56"), ("code", ""),
                                              ("display_name", "名" * 51), ("display_name", "阿\x00朵")])
def test_malformed_input_is_refused_on_its_field_without_counting_a_try(code, field, value):
    with pytest.raises(Unprocessable) as refused:
        _signup(code, **{field: value})
    assert field in refused.value.errors
    assert not User.objects.exists() and OneTimeCode.objects.get().attempts == 0


def test_an_address_opening_many_accounts_is_held_back(settings, code):
    settings.CHUSHAN_RATE_LIMITS = {**settings.CHUSHAN_RATE_LIMITS, "signup:address": (1, 3600)}
    with pytest.raises(Unprocessable):
        _signup(wrong(code))
    with pytest.raises(RateLimited):
        _signup(code)
    assert not User.objects.exists()
