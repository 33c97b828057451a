"""Roles: superusers manage operators; operators manage reviewers; nobody else manages anything."""

import pytest
from django.contrib.auth.models import Group

from chushan.accounts.roles import OPERATORS, REVIEWERS
from chushan.accounts.selectors import user_roles
from chushan.accounts.services import role_grant, role_revoke
from chushan.accounts.tests.factories import UserFactory
from chushan.core.errors import PermissionDenied, Unprocessable

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def operator(superuser):
    user = UserFactory()
    role_grant(actor=superuser, user=user, role=OPERATORS)
    return user


def test_the_roles_exist_with_their_permissions_after_migrate():
    operators = Group.objects.get(name=OPERATORS)
    perms = {f"{p.content_type.app_label}.{p.codename}" for p in operators.permissions.select_related("content_type")}
    assert {"accounts.view_user"} <= perms
    assert Group.objects.filter(name=REVIEWERS).exists()


def test_a_superuser_makes_an_operator_who_gets_back_office_access(superuser):
    user = UserFactory()
    role_grant(actor=superuser, user=user, role=OPERATORS)
    user.refresh_from_db()
    assert user_roles(user=user) == [OPERATORS] and user.is_staff
    assert user.has_perm("accounts.view_user")


def test_an_operator_makes_and_unmakes_reviewers(operator):
    user = UserFactory()
    role_grant(actor=operator, user=user, role=REVIEWERS)
    assert user_roles(user=user) == [REVIEWERS]
    role_revoke(actor=operator, user=user, role=REVIEWERS)
    user.refresh_from_db()
    assert user_roles(user=user) == [] and not user.is_staff


def test_an_operator_cannot_make_another_operator(operator):
    user = UserFactory()
    with pytest.raises(PermissionDenied):
        role_grant(actor=operator, user=user, role=OPERATORS)
    user.refresh_from_db()
    assert user_roles(user=user) == [] and not user.is_staff


def test_an_operator_cannot_unmake_an_operator(operator, superuser):
    other = UserFactory()
    role_grant(actor=superuser, user=other, role=OPERATORS)
    with pytest.raises(PermissionDenied):
        role_revoke(actor=operator, user=other, role=OPERATORS)
    assert user_roles(user=other) == [OPERATORS]


@pytest.mark.parametrize("role", [REVIEWERS, OPERATORS])
def test_people_without_a_role_grant_nothing(role):
    reviewer, user = UserFactory(), UserFactory()
    Group.objects.get(name=REVIEWERS).user_set.add(reviewer)
    with pytest.raises(PermissionDenied):
        role_grant(actor=reviewer, user=user, role=role)
    assert user_roles(user=user) == []


def test_an_unknown_role_is_refused(superuser):
    user = UserFactory()
    with pytest.raises(Unprocessable):
        role_grant(actor=superuser, user=user, role="admins")
    assert not user.groups.exists()


def test_a_deactivated_operator_can_no_longer_grant(operator):
    operator.is_active = False
    with pytest.raises(PermissionDenied):
        role_grant(actor=operator, user=UserFactory(), role=REVIEWERS)


def test_losing_one_role_of_two_keeps_back_office_access(superuser):
    user = UserFactory()
    role_grant(actor=superuser, user=user, role=OPERATORS)
    role_grant(actor=superuser, user=user, role=REVIEWERS)
    role_revoke(actor=superuser, user=user, role=OPERATORS)
    user.refresh_from_db()
    assert user_roles(user=user) == [REVIEWERS] and user.is_staff


def test_a_superuser_keeps_back_office_access_without_roles(superuser):
    role_grant(actor=superuser, user=superuser, role=REVIEWERS)
    role_revoke(actor=superuser, user=superuser, role=REVIEWERS)
    superuser.refresh_from_db()
    assert superuser.is_staff
