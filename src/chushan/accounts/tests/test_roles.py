"""The operator role: the whole back office to look at, the ledgers never to be edited or deleted."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client, RequestFactory
from django.urls import reverse

from chushan.accounts.roles import OPERATORS, ROLE_PERMISSIONS, ensure_roles
from chushan.accounts.services import role_grant
from chushan.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BACK_OFFICE = [
    "inventory.saleschannel", "inventory.location", "inventory.stock", "inventory.stockmovement",
    "inventory.reservation", "inventory.transfer", "inventory.stockcount",
    "pricing.promotion", "pricing.channelprice",
    "payments.payment", "payments.refund", "payments.paymentnotification",
    "orders.order", "orders.checkout", "orders.pickupcode", "orders.orderrefund",
    "aftersales.returnrequest", "aftersales.ticket",
    "pos.possale", "pos.posreturn", "pos.settlement",
    "trace.site", "trace.lot", "trace.traceevent", "trace.chainrecord", "trace.chainanchor", "trace.recall",
    "trace.inspectoraccess",
]
LEDGERS = ["inventory.stockmovement", "trace.traceevent", "trace.chainrecord", "sellers.admissiondecision",
           "sellers.creditevent"]


@pytest.fixture
def operator():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    user = UserFactory()
    role_grant(actor=superuser, user=user, role=OPERATORS)
    return user


def _as(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_every_role_permission_exists():
    # ensure_roles skips what it cannot find; a misspelt codename would silently grant nothing.
    for perms in ROLE_PERMISSIONS.values():
        for perm in perms:
            app_label, codename = perm.split(".")
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), perm


@pytest.mark.parametrize("model", BACK_OFFICE)
def test_an_operator_opens_every_back_office_list(operator, model):
    app_label, model_name = model.split(".")
    response = _as(operator).get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert response.status_code == 200


def test_an_operator_finds_the_price_consistency_report(operator):
    client = _as(operator)
    report = reverse("admin:pricing_price_consistency")
    assert report in client.get(reverse("admin:pricing_promotion_changelist")).text
    assert report in client.get(reverse("admin:app_list", args=["pricing"])).text
    assert client.get(report).status_code == 200


def test_the_report_is_not_for_back_office_staff_without_the_role():
    response = _as(UserFactory(is_staff=True)).get(reverse("admin:pricing_price_consistency"))
    assert response.status_code == 403


@pytest.mark.parametrize("model", LEDGERS)
def test_an_operator_cannot_change_or_delete_a_ledger(operator, model):
    request = RequestFactory().get("/admin/")
    request.user = operator
    model_admin = admin.site._registry[apps.get_model(model)]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    app_label, model_name = model.split(".")
    assert not any(operator.has_perm(f"{app_label}.{action}_{model_name}") for action in ("add", "change", "delete"))
    page = _as(operator).get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert page.status_code == 200 and 'value="delete_selected"' not in page.text


def test_roles_are_resynced_on_an_existing_database():
    """A database migrated before a permission joined the role gets it on the next migrate (post_migrate)."""
    group = Group.objects.get(name=OPERATORS)
    group.permissions.remove(Permission.objects.get(content_type__app_label="pricing", codename="view_promotion"))
    ensure_roles()
    assert group.permissions.filter(codename="view_promotion").exists()
