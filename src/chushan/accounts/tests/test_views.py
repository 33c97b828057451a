"""Pages: sign in, sign up, sign in by code, reset password, my account and tokens."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from chushan.accounts.models import ApiToken, OneTimeCode, User
from chushan.accounts.services import api_token_create
from chushan.accounts.tests.factories import PASSWORD, UserFactory
from chushan.accounts.tests.support import last_code, wrong

pytestmark = pytest.mark.django_db
NUMBER = "13800138000"
NEW_PASSWORD = "embroidered-silver-88"


@pytest.fixture
def client():
    """A browser that asks for English pages (the site is in Chinese by default)."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def user():
    return UserFactory(mobile=NUMBER)


def _signed_in(client) -> int | None:
    return client.session.get(SESSION_KEY) and int(client.session[SESSION_KEY])


# Sign in with a password ------------------------------------------------------------------------------------

def test_the_sign_in_page_is_a_form_with_a_csrf_token(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.text
    assert 'name="csrfmiddlewaretoken"' in html and 'name="mobile"' in html and 'type="password"' in html
    assert 'inputmode="tel"' in html and 'name="viewport"' in html
    for name in ("login_code", "signup", "password_reset"):
        assert reverse(f"accounts:{name}") in html


def test_signing_in_goes_to_the_page_asked_for(client, user):
    response = client.post(reverse("accounts:login"), {"mobile": "138 0013 8000", "password": PASSWORD,
                                                       "next": "/heritage/"})
    assert response.status_code == 302 and response["Location"] == "/heritage/"
    assert _signed_in(client) == user.pk


def test_a_next_address_on_another_site_is_ignored(client, user):
    response = client.post(reverse("accounts:login"), {"mobile": NUMBER, "password": PASSWORD,
                                                       "next": "https://evil.example/"})
    assert response["Location"] == reverse("storefront:home")


def test_a_wrong_password_shows_the_same_error_as_an_unknown_number(client, user):
    wrong_password = client.post(reverse("accounts:login"), {"mobile": NUMBER, "password": "nope"})
    unknown = client.post(reverse("accounts:login"), {"mobile": "13900139000", "password": "nope"})
    message = "The mobile number or the password is not right."
    assert wrong_password.status_code == unknown.status_code == 200
    assert message in wrong_password.text and message in unknown.text
    assert _signed_in(client) is None


def test_too_many_failures_show_when_to_try_again_with_a_429(client, user):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"mobile": NUMBER, "password": "nope"})
    response = client.post(reverse("accounts:login"), {"mobile": NUMBER, "password": PASSWORD})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many attempts. Try again in 15 minutes." in response.text
    assert _signed_in(client) is None


def test_an_empty_form_is_refused_with_field_errors(client):
    response = client.post(reverse("accounts:login"), {"mobile": "", "password": ""})
    assert response.status_code == 200 and response.text.count("This field is required.") == 2


def test_forms_need_the_csrf_token(user):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(reverse("accounts:login"), {"mobile": NUMBER, "password": PASSWORD})
    assert response.status_code == 403 and _signed_in(client) is None


def test_signing_out_takes_a_post(client, user):
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and _signed_in(client) is None


# Code flows ----------------------------------------------------------------------------------------------------

def _ask_code(client, name, mobile=NUMBER, **extra):
    return client.post(reverse(f"accounts:{name}"), {"mobile": mobile, **extra})


def test_signing_up_takes_a_code_then_a_password(client, outbox):
    response = _ask_code(client, "signup", mobile="+86 138 0013 8000")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_verify")
    page = client.get(reverse("accounts:signup_verify"))
    assert "138****8000" in page.text and 'autocomplete="one-time-code"' in page.text
    response = client.post(reverse("accounts:signup_verify"), {
        "code": last_code(outbox, NUMBER), "display_name": "阿朵", "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get()
    assert user.display_name == "阿朵" and user.check_password(NEW_PASSWORD) and _signed_in(client) == user.pk


def test_signing_up_with_two_different_passwords_writes_nothing(client, outbox):
    _ask_code(client, "signup")
    response = client.post(reverse("accounts:signup_verify"), {
        "code": last_code(outbox, NUMBER), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    assert response.status_code == 200 and "The two passwords differ." in response.text
    assert not User.objects.exists() and OneTimeCode.objects.get().consumed_at is None


def test_a_wrong_code_is_shown_on_the_code_field(client, outbox):
    _ask_code(client, "signup")
    response = client.post(reverse("accounts:signup_verify"), {
        "code": wrong(last_code(outbox, NUMBER)), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert "The code is not right." in response.text
    assert re.search(r'id="id_code_error"|errorlist', response.text)
    assert not User.objects.exists()


def test_a_weak_password_is_shown_on_the_password_field(client, outbox):
    _ask_code(client, "signup")
    response = client.post(reverse("accounts:signup_verify"), {
        "code": last_code(outbox, NUMBER), "password1": "abc", "password2": "abc"})
    assert "This password is too short." in response.text and not User.objects.exists()


def test_the_code_step_without_a_number_goes_back_to_the_first_step(client):
    response = client.get(reverse("accounts:password_reset_verify"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset")


def test_asking_again_too_soon_is_shown_with_a_429(client, user):
    _ask_code(client, "login_code")
    response = _ask_code(client, "login_code")
    assert response.status_code == 429 and "Too many attempts." in response.text


def test_a_bad_number_is_shown_on_the_number_field(client):
    response = _ask_code(client, "signup", mobile="12345")
    assert response.status_code == 200 and "Enter an 11-digit mainland mobile number." in response.text
    assert not OneTimeCode.objects.exists()


def test_signing_in_by_code(client, user, outbox):
    _ask_code(client, "login_code", next="/brands/")
    response = client.post(reverse("accounts:login_code_verify"), {"code": last_code(outbox, NUMBER)})
    assert response["Location"] == "/brands/" and _signed_in(client) == user.pk


def test_resetting_a_password_then_signing_in_with_it(client, user, outbox):
    api_token_create(actor=user, name="x")
    _ask_code(client, "password_reset")
    response = client.post(reverse("accounts:password_reset_verify"), {
        "code": last_code(outbox, NUMBER), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)
    assert "Your password is changed" in response.text
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
    client.post(reverse("accounts:login"), {"mobile": NUMBER, "password": NEW_PASSWORD})
    assert _signed_in(client) == user.pk


def test_the_pages_are_in_chinese_by_default():
    response = Client().get(reverse("accounts:signup"))
    assert "手机号" in response.text and "注册" in response.text


# My account and tokens ----------------------------------------------------------------------------------------

def test_my_account_needs_signing_in(client):
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_new_token_is_shown_once(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:account"), {"name": "stock sync"})
    raw = re.search(r'data-testid="new-token">([^<]+)<', response.text).group(1)
    assert ApiToken.objects.get().prefix == raw[:8]
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    later = client.get(reverse("accounts:account")).text
    assert raw not in later and raw[:8] in later and "stock sync" in later


def test_revoking_a_token_from_the_page(client, user):
    token = api_token_create(actor=user, name="old").token
    client.force_login(user)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]), follow=True)
    assert "is revoked" in response.text
    assert ApiToken.objects.get().revoked_at is not None


def test_another_persons_token_cannot_be_revoked_from_the_page(client, user):
    theirs = api_token_create(actor=UserFactory(), name="theirs").token
    client.force_login(user)
    response = client.post(reverse("accounts:token_revoke", args=[theirs.pk]), follow=True)
    assert "You have no such token." in response.text
    assert ApiToken.objects.get().revoked_at is None


def test_an_overlong_token_id_is_not_found(client, user):
    client.force_login(user)
    assert client.post("/accounts/me/tokens/9999999999999999999999/revoke/").status_code == 404
