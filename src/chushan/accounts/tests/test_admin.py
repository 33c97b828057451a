"""The back office: people found by mobile number, roles through the role rules, tokens read-only."""

import pytest
from django.test import Client
from django.urls import reverse

from chushan.accounts.models import ApiToken, User
from chushan.accounts.roles import OPERATORS, REVIEWERS
from chushan.accounts.selectors import user_roles
from chushan.accounts.services import api_token_create, role_grant
from chushan.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(mobile="13300000001", is_superuser=True, is_staff=True)


@pytest.fixture
def operator(superuser):
    user = UserFactory(mobile="13300000002")
    role_grant(actor=superuser, user=user, role=OPERATORS)
    return user


def _as(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_people_are_found_by_mobile_number(superuser):
    UserFactory(mobile="13812345678")
    response = _as(superuser).get(reverse("admin:accounts_user_changelist"), {"q": "1381234"})
    assert response.status_code == 200 and "13812345678" in response.text


def test_a_superuser_adds_a_person_by_mobile_number(superuser, production_password_hashers):
    response = _as(superuser).post(reverse("admin:accounts_user_add"), {
        "mobile": "+86 137 0000 0001", "display_name": "", "usable_password": "true",
        "password1": "silver-hair-pin-12", "password2": "silver-hair-pin-12"})
    assert response.status_code == 302, response.text[:2000]
    added = User.objects.get(mobile="13700000001")
    assert added.check_password("silver-hair-pin-12") and added.password.startswith("pbkdf2_sha256$")


def test_a_bad_mobile_number_is_refused_in_the_back_office(superuser):
    response = _as(superuser).post(reverse("admin:accounts_user_add"), {
        "mobile": "12345", "usable_password": "true", "password1": "silver-hair-pin-12",
        "password2": "silver-hair-pin-12"})
    assert response.status_code == 200 and "Enter an 11-digit mainland mobile number." in response.text
    assert User.objects.count() == 1


def test_an_operator_sees_people_but_cannot_edit_their_access(operator):
    person = UserFactory()
    client = _as(operator)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    page = client.get(reverse("admin:accounts_user_change", args=[person.pk]))
    assert page.status_code == 200 and 'name="is_superuser"' not in page.text
    client.post(reverse("admin:accounts_user_change", args=[person.pk]), {"mobile": person.mobile,
                                                                          "is_superuser": "on"})
    person.refresh_from_db()
    assert not person.is_superuser


def test_an_operator_makes_reviewers_through_the_action(operator):
    person = UserFactory()
    response = _as(operator).post(reverse("admin:accounts_user_changelist"), {
        "action": "grant_reviewers", "_selected_action": [person.pk]}, follow=True)
    assert response.status_code == 200
    assert user_roles(user=person) == [REVIEWERS]


def test_an_operator_cannot_make_operators_through_the_action(operator):
    person = UserFactory()
    response = _as(operator).post(reverse("admin:accounts_user_changelist"), {
        "action": "grant_operators", "_selected_action": [person.pk]}, follow=True)
    assert "Only a superuser" in response.text
    assert user_roles(user=person) == []


def test_a_shopper_has_no_back_office(client):
    shopper = UserFactory()
    response = _as(shopper).get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302


def test_tokens_are_read_only_in_the_back_office(superuser):
    token = api_token_create(actor=UserFactory(mobile="13812345678"), name="stock sync").token
    client = _as(superuser)
    listing = client.get(reverse("admin:accounts_apitoken_changelist"))
    assert listing.status_code == 200 and "stock sync" in listing.text and "138****5678" in listing.text
    assert token.digest not in listing.text
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    page = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    client.post(reverse("admin:accounts_apitoken_change", args=[token.pk]), {"name": "changed"})
    assert ApiToken.objects.get().name == "stock sync"
