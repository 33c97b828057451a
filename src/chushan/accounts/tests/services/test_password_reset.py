"""password_reset: a new password by texted code; the old password and every API token stop working."""

import pytest
from django.contrib.auth.hashers import check_password

from chushan.accounts.errors import InvalidCredentials
from chushan.accounts.models import ApiToken, OneTimeCode, User
from chushan.accounts.services import api_token_create, otp_request, password_reset, user_login_password
from chushan.accounts.tests.factories import PASSWORD, UserFactory
from chushan.accounts.tests.support import ADDRESS, last_code, wrong
from chushan.core.errors import RateLimited, Unprocessable

pytestmark = pytest.mark.django_db
NUMBER = "13800138000"
NEW = "new-batik-indigo-77"


@pytest.fixture
def user():
    user = UserFactory(mobile=NUMBER)
    api_token_create(actor=user, name="stock sync")
    return user


@pytest.fixture
def code(user, outbox):
    otp_request(mobile=NUMBER, purpose="reset", address=ADDRESS)
    return last_code(outbox, NUMBER)


def _reset(the_code, new_password=NEW, mobile=NUMBER):
    return password_reset(mobile=mobile, code=the_code, new_password=new_password, address=ADDRESS)


def test_the_new_password_works_the_old_does_not_and_tokens_are_revoked(user, code):
    _reset(code)
    user.refresh_from_db()
    assert check_password(NEW, user.password) and not check_password(PASSWORD, user.password)
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    assert user_login_password(mobile=NUMBER, password=NEW, address=ADDRESS) == user
    with pytest.raises(InvalidCredentials):
        user_login_password(mobile=NUMBER, password=PASSWORD, address=ADDRESS)


def test_a_reset_unlocks_a_number_locked_by_failures(user, code):
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            user_login_password(mobile=NUMBER, password="guess", address=ADDRESS)
    with pytest.raises(RateLimited):
        user_login_password(mobile=NUMBER, password=PASSWORD, address=ADDRESS)
    _reset(code)
    assert user_login_password(mobile=NUMBER, password=NEW, address=ADDRESS) == user


def test_a_wrong_code_changes_nothing(user, code):
    before = User.objects.get(pk=user.pk).password
    with pytest.raises(Unprocessable) as refused:
        _reset(wrong(code))
    assert refused.value.code == "code_wrong"
    assert User.objects.get(pk=user.pk).password == before
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 1


def test_a_weak_new_password_changes_nothing_and_keeps_the_code(user, code):
    before = User.objects.get(pk=user.pk).password
    with pytest.raises(Unprocessable) as refused:
        _reset(code, new_password="12345")
    assert "password" in refused.value.errors
    assert User.objects.get(pk=user.pk).password == before
    assert OneTimeCode.objects.get().consumed_at is None
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 1


def test_a_password_like_the_owners_name_is_refused(code, user):
    User.objects.filter(pk=user.pk).update(display_name="indigobatikmaker")
    with pytest.raises(Unprocessable):
        _reset(code, new_password="indigobatikmaker")
    assert OneTimeCode.objects.get().consumed_at is None


def test_a_reset_code_works_once(code):
    _reset(code)
    with pytest.raises(Unprocessable) as reused:
        _reset(code, new_password="yet-another-pass-42")
    assert reused.value.code == "code_missing"


def test_a_number_without_an_account_cannot_be_reset(outbox):
    otp_request(mobile=NUMBER, purpose="reset", address=ADDRESS)
    assert outbox == []
    with pytest.raises(Unprocessable) as refused:
        _reset("123456")
    assert refused.value.code == "code_wrong" and not User.objects.exists()


def test_a_sign_in_code_does_not_reset_a_password(user, outbox):
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    before = User.objects.get(pk=user.pk).password
    with pytest.raises(Unprocessable):
        _reset(last_code(outbox, NUMBER))
    assert User.objects.get(pk=user.pk).password == before
