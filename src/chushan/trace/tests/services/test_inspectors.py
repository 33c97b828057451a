"""Inspectors: a seller lets a laboratory record inspections of its lots; the result joins the seller's chain."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from chushan.accounts.tests.factories import UserFactory
from chushan.core.errors import ApplicationError
from chushan.trace.models import ChainRecord, InspectorAccess, TraceEvent
from chushan.trace.services import (
    LotDraft,
    inspector_access_grant,
    inspector_access_revoke,
    lot_inspection_record,
    lot_register,
    verify_trace,
)

pytestmark = pytest.mark.django_db
LAB = "黔东南州农产品质量检测中心"


@pytest.fixture
def lab():
    return UserFactory()


@pytest.fixture
def lot(tea):
    return lot_register(actor=tea.user, draft=LotDraft(gtin=tea.gtin, code="LS2026-04"))


def _result(**extra) -> dict:
    return {"when": timezone.now() - datetime.timedelta(hours=1), "result": "pass", "quantity": Decimal("5"),
            "uom": "KGM", "note": "", "certificate_number": "QD-2026-0815", "certificate_issuer": "黔东南州市场监管局",
            "certificate_url": "https://example.org/QD-2026-0815.pdf", **extra}


def test_an_inspector_the_seller_let_in_records_into_the_sellers_chain(tea, lab, lot):
    inspector_access_grant(actor=tea.user, mobile=lab.mobile, organisation=LAB)
    event = lot_inspection_record(actor=lab, lot=lot, data=_result(inspector="typed by someone else"))
    data = json.loads(event.body)
    assert event.seller == tea.seller and event.source == TraceEvent.Source.INSPECTOR
    assert data["bizStep"].endswith("inspecting") and data["disposition"].endswith("conformant")
    assert data["chushan:inspector"] == LAB  # the granted organisation, not what the form said
    assert ChainRecord.objects.get(event=event).seq == 1 and verify_trace().intact


def test_without_access_nothing_is_recorded(tea, rival, lab, lot):
    inspector_access_grant(actor=rival.user, mobile=lab.mobile, organisation=LAB)  # another seller let them in
    with pytest.raises(ApplicationError) as caught:
        lot_inspection_record(actor=lab, lot=lot, data=_result())
    assert caught.value.status == 403
    assert TraceEvent.objects.count() == 0


def test_a_withdrawn_access_stops_further_inspections(tea, lab, lot):
    access = inspector_access_grant(actor=tea.user, mobile=lab.mobile, organisation=LAB)
    lot_inspection_record(actor=lab, lot=lot, data=_result())
    inspector_access_revoke(actor=tea.user, access_id=access.pk)
    with pytest.raises(ApplicationError) as caught:
        lot_inspection_record(actor=lab, lot=lot, data=_result(result="fail"))
    assert caught.value.status == 403
    assert TraceEvent.objects.count() == 1  # what was recorded stays
    assert inspector_access_grant(actor=tea.user, mobile=lab.mobile, organisation=LAB).pk != access.pk


@pytest.mark.parametrize("mobile, organisation, field", [
    ("13000000000", LAB, "mobile"),  # no such account
    ("", LAB, "mobile"),
    (None, "", "organisation"),
])
def test_granting_needs_an_account_and_an_organisation(tea, lab, mobile, organisation, field):
    with pytest.raises(ApplicationError) as caught:
        inspector_access_grant(actor=tea.user, mobile=lab.mobile if mobile is None else mobile,
                               organisation=organisation)
    assert caught.value.status == 422 and field in caught.value.errors
    assert InspectorAccess.objects.count() == 0


def test_twice_is_a_conflict_and_members_are_not_inspectors(tea, lab):
    inspector_access_grant(actor=tea.user, mobile=lab.mobile, organisation=LAB)
    with pytest.raises(ApplicationError) as caught:
        inspector_access_grant(actor=tea.user, mobile=lab.mobile, organisation=LAB)
    assert caught.value.status == 409
    with pytest.raises(ApplicationError) as caught:
        inspector_access_grant(actor=tea.user, mobile=tea.user.mobile, organisation=LAB)
    assert caught.value.status == 422
    assert InspectorAccess.objects.count() == 1


def test_only_members_grant_and_only_their_own_seller_revokes(tea, rival, lab):
    with pytest.raises(ApplicationError) as caught:
        inspector_access_grant(actor=lab, mobile=tea.user.mobile, organisation=LAB)
    assert caught.value.status == 403
    access = inspector_access_grant(actor=tea.user, mobile=lab.mobile, organisation=LAB)
    with pytest.raises(ApplicationError) as caught:
        inspector_access_revoke(actor=rival.user, access_id=access.pk)
    assert caught.value.status == 404
    assert InspectorAccess.objects.get().revoked_at is None
