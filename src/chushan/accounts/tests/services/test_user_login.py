"""Sign-in by password or texted code: hashed passwords, counted attempts, single-use codes."""

import pytest
from django.contrib.auth.hashers import make_password

from chushan.accounts.errors import InvalidCredentials
from chushan.accounts.models import OneTimeCode, User
from chushan.accounts.services import otp_request, user_login_otp, user_login_password
from chushan.accounts.tests.factories import PASSWORD, UserFactory
from chushan.accounts.tests.support import ADDRESS, age_codes, last_code, wrong
from chushan.core.errors import RateLimited, Unprocessable

pytestmark = pytest.mark.django_db
NUMBER = "13800138000"


@pytest.fixture
def user():
    return UserFactory(mobile=NUMBER)


def _login(password=PASSWORD, mobile=NUMBER, address=ADDRESS):
    return user_login_password(mobile=mobile, password=password, address=address)


def test_the_right_password_signs_in(user):
    assert _login(mobile="138 0013 8000") == user


def test_a_wrong_password_and_an_unknown_number_get_the_same_answer(user):
    with pytest.raises(InvalidCredentials) as wrong_password:
        _login("not-the-password")
    with pytest.raises(InvalidCredentials) as unknown:
        _login(mobile="13900139000")
    assert wrong_password.value.status == unknown.value.status == 401
    assert str(wrong_password.value.message) == str(unknown.value.message)


def test_an_inactive_account_cannot_sign_in(user):
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(InvalidCredentials):
        _login()


def test_a_password_stored_with_an_old_hasher_is_rehashed_on_sign_in(user, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="md5"))
    _login()
    assert User.objects.get(pk=user.pk).password.startswith("pbkdf2_sha256$")


def test_after_five_failures_a_number_is_locked_even_with_the_right_password(user):
    for attempt in range(5):
        with pytest.raises(InvalidCredentials):
            _login("wrong-password", address=f"198.51.100.{attempt}")  # from five different places
    with pytest.raises(RateLimited) as refused:
        _login()
    assert refused.value.status == 429 and 0 < refused.value.extra["retry_after"] <= 900
    assert User.objects.get(pk=user.pk).last_login is None


def test_signing_in_clears_the_numbers_failures(user):
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            _login("wrong-password")
    _login()
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            _login("wrong-password")
    with pytest.raises(RateLimited):
        _login()


def test_an_address_trying_many_numbers_is_held_back(settings):
    settings.CHUSHAN_RATE_LIMITS = {**settings.CHUSHAN_RATE_LIMITS, "login:address": (3, 900)}
    for n in range(3):
        with pytest.raises(InvalidCredentials):
            _login(mobile=f"1380000000{n}")
    with pytest.raises(RateLimited):
        _login(mobile="13800000009")
    with pytest.raises(InvalidCredentials):
        _login(mobile="13800000009", address="198.51.100.1")


def test_an_enormous_password_is_refused_without_hashing_it(user, monkeypatch):
    from django.contrib.auth import hashers

    monkeypatch.setattr(hashers, "check_password", lambda *a, **k: pytest.fail("hashed a huge password"))
    with pytest.raises(InvalidCredentials):
        _login("x" * 1_000_000)


@pytest.mark.parametrize(("mobile", "password", "field"), [("", PASSWORD, "mobile"), (NUMBER, "", "password")])
def test_missing_input_is_refused_on_its_field(user, mobile, password, field):
    with pytest.raises(Unprocessable) as refused:
        _login(password, mobile=mobile)
    assert field in refused.value.errors


# By texted code ------------------------------------------------------------------------------------------

@pytest.fixture
def code(user, outbox):
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    return last_code(outbox, NUMBER)


def _login_code(code, mobile=NUMBER):
    return user_login_otp(mobile=mobile, code=code, address=ADDRESS)


def test_the_texted_code_signs_in_once(user, code):
    assert _login_code(code) == user
    with pytest.raises(InvalidCredentials) as reused:
        _login_code(code)
    assert reused.value.code == "code_missing" and reused.value.status == 401


def test_an_expired_code_does_not_sign_in(code, settings):
    age_codes(settings.CHUSHAN_OTP_TTL_SECONDS)
    with pytest.raises(InvalidCredentials) as refused:
        _login_code(code)
    assert refused.value.code == "code_expired"
    assert OneTimeCode.objects.get().consumed_at is None


def test_a_wrong_code_counts_and_signs_in_nobody(code):
    with pytest.raises(InvalidCredentials) as refused:
        _login_code(wrong(code))
    assert refused.value.code == "code_wrong" and "code" in refused.value.errors
    assert OneTimeCode.objects.get().attempts == 1


def test_an_earlier_code_stops_working_when_a_new_one_is_sent(outbox, code):
    age_codes(61)
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    with pytest.raises(InvalidCredentials):
        _login_code(code)
    _login_code(last_code(outbox, NUMBER))


def test_a_number_without_an_account_cannot_sign_in_by_code(outbox):
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    assert outbox == []
    with pytest.raises(InvalidCredentials) as refused:
        _login_code("123456")
    assert refused.value.code == "code_wrong"


def test_code_attempts_count_towards_the_numbers_sign_in_limit(code):
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            _login_code(wrong(code))
    with pytest.raises(RateLimited):
        _login_code(code)


def test_an_account_closed_after_the_code_was_sent_cannot_sign_in(user, code):
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(InvalidCredentials):
        _login_code(code)
    assert OneTimeCode.objects.get().consumed_at is None
