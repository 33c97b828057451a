"""API tokens: the raw token is shown once and only its digest is kept; owners revoke their own."""

import hashlib

import pytest

from chushan.accounts.models import ApiToken
from chushan.accounts.rules import TOKENS_PER_USER
from chushan.accounts.services import api_token_create, api_token_revoke
from chushan.accounts.tests.factories import UserFactory
from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable

pytestmark = pytest.mark.django_db


def test_a_token_is_returned_once_and_stored_as_a_digest():
    user = UserFactory()
    new = api_token_create(actor=user, name=" stock sync ")
    stored = ApiToken.objects.get()
    assert (stored.user, stored.name, stored.revoked_at) == (user, "stock sync", None)
    assert stored.digest == hashlib.sha256(new.raw.encode()).hexdigest()
    assert stored.prefix == new.raw[:8] and new.raw not in (stored.digest, stored.prefix)


@pytest.mark.parametrize("name", ["", "   ", "x" * 61, "nul\x00byte", "two\nlines", "esc\x1b[31m"])
def test_a_token_needs_a_short_name(name):
    with pytest.raises(Unprocessable) as refused:
        api_token_create(actor=UserFactory(), name=name)
    assert "name" in refused.value.errors and not ApiToken.objects.exists()


def test_a_person_holds_at_most_twenty_tokens():
    user = UserFactory()
    for n in range(TOKENS_PER_USER):
        api_token_create(actor=user, name=f"t{n}")
    with pytest.raises(Conflict):
        api_token_create(actor=user, name="one more")
    assert ApiToken.objects.count() == TOKENS_PER_USER
    api_token_revoke(actor=user, token_id=ApiToken.objects.first().pk)
    api_token_create(actor=user, name="one more")


def test_an_inactive_person_gets_no_token():
    with pytest.raises(PermissionDenied):
        api_token_create(actor=UserFactory(is_active=False), name="x")
    assert not ApiToken.objects.exists()


def test_revoking_is_recorded_and_can_be_repeated():
    user = UserFactory()
    token = api_token_create(actor=user, name="x").token
    first = api_token_revoke(actor=user, token_id=token.pk).revoked_at
    assert first is not None
    assert api_token_revoke(actor=user, token_id=token.pk).revoked_at == first


def test_nobody_revokes_another_persons_token():
    token = api_token_create(actor=UserFactory(), name="x").token
    with pytest.raises(NotFound):
        api_token_revoke(actor=UserFactory(), token_id=token.pk)
    assert ApiToken.objects.get().revoked_at is None
