"""API authentication: bearer tokens and the session, as every authenticated endpoint sees them."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from chushan.accounts.models import ApiToken, User
from chushan.accounts.services import api_token_create, api_token_revoke
from chushan.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _me(raw):
    return Client().get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_a_token_authenticates_and_its_use_is_recorded():
    user = UserFactory()
    raw = api_token_create(actor=user, name="x").raw
    response = _me(raw)
    assert response.status_code == 200 and response.json()["id"] == user.pk
    assert ApiToken.objects.get().last_used_at is not None


def test_use_is_recorded_at_most_once_a_minute():
    raw = api_token_create(actor=UserFactory(), name="x").raw
    recent = timezone.now() - timedelta(seconds=10)
    ApiToken.objects.update(last_used_at=recent)
    _me(raw)
    assert ApiToken.objects.get().last_used_at == recent
    ApiToken.objects.update(last_used_at=recent - timedelta(minutes=5))
    _me(raw)
    assert ApiToken.objects.get().last_used_at > recent


def test_a_revoked_token_fails():
    user = UserFactory()
    new = api_token_create(actor=user, name="x")
    api_token_revoke(actor=user, token_id=new.token.pk)
    assert _me(new.raw).status_code == 401


def test_the_token_of_a_deactivated_person_fails():
    user = UserFactory()
    raw = api_token_create(actor=user, name="x").raw
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert _me(raw).status_code == 401


def test_only_the_exact_token_works():
    raw = api_token_create(actor=UserFactory(), name="x").raw
    assert _me(raw[:-1]).status_code == 401
    assert _me(raw.upper()).status_code == 401
    assert _me(raw).status_code == 200


def test_a_deactivated_persons_session_fails(client):
    user = UserFactory()
    client.force_login(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/api/v1/auth/me").status_code == 401
