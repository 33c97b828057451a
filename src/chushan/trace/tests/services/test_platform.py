"""Events implied by the platform's own operations, recorded from other apps' domain events."""

import json

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.core import events
from chushan.trace.models import LotSale, Site, TraceEvent
from chushan.trace.tests.factories import LotFactory, gln

pytestmark = pytest.mark.django_db


def _publish(django_capture_on_commit_callbacks, name, **payload):
    with django_capture_on_commit_callbacks(execute=True):
        events.publish(name, **payload)


def test_stock_received_is_a_receiving_event_at_the_location(tea, django_capture_on_commit_callbacks):
    lot = LotFactory(seller=tea.seller, gtin=tea.gtin)
    _publish(django_capture_on_commit_callbacks, events.STOCK_RECEIVED, seller_id=tea.seller.pk,
             lines=[{"gtin": tea.gtin, "lot": lot.code, "quantity": "12.5", "uom": "KGM"}],
             location_gln=tea.shop.gln, location_name="凯里门店", reference="GR-1",
             occurred_at="2024-05-03T10:00:00+08:00")
    event = TraceEvent.objects.get()
    data = json.loads(event.body)
    assert (event.source, data["bizStep"], data["disposition"]) == ("platform", "receiving", "in_progress")
    assert data["quantityList"] == [{"epcClass": f"https://id.gs1.org/01/{tea.gtin}/10/{lot.code}",
                                     "quantity": 12.5, "uom": "KGM"}]
    assert data["bizTransactionList"] == [{"type": "recadv", "bizTransaction": "urn:chushan:stock-receipt:GR-1"}]
    assert data["chushan:creditCode"] == tea.seller.credit_code
    assert event.biz_location == f"https://id.gs1.org/414/{tea.shop.gln}"


def test_an_order_shipped_records_the_shopper_privately(tea, django_capture_on_commit_callbacks):
    lot = LotFactory(seller=tea.seller, gtin=tea.gtin)
    shopper = UserFactory()
    for _ in range(2):  # told twice about the same shipment: one event, one sale
        _publish(django_capture_on_commit_callbacks, events.ORDER_SHIPPED, seller_id=tea.seller.pk,
                 lines=[{"gtin": tea.gtin, "lot": lot.code, "quantity": 2}], order_ref="O-1001",
                 shopper_id=shopper.pk, location_gln=tea.site.gln, occurred_at="2024-05-04T09:00:00+08:00")
    event = TraceEvent.objects.get()
    assert shopper.mobile not in event.body and "shopper" not in event.body.lower()
    sale = LotSale.objects.get()
    assert (sale.lot, sale.shopper, sale.reference, sale.kind) == (lot, shopper, "O-1001", "shipped")


def test_a_new_location_becomes_a_site_of_the_seller(tea, django_capture_on_commit_callbacks):
    lot = LotFactory(seller=tea.seller, gtin=tea.gtin)
    new_gln = gln(location="00077")
    _publish(django_capture_on_commit_callbacks, events.SALE_RECORDED, seller_id=tea.seller.pk,
             lines=[{"gtin": tea.gtin, "lot": lot.code, "quantity": 1}], sale_ref="S-9", shopper_id=None,
             location_gln=new_gln, location_name="西江千户苗寨店")
    assert Site.objects.get(gln=new_gln).seller == tea.seller
    assert json.loads(TraceEvent.objects.get().body)["bizStep"] == "retail_selling"
    assert LotSale.objects.get().shopper is None


def test_lines_without_lot_or_serial_record_nothing(tea, django_capture_on_commit_callbacks):
    _publish(django_capture_on_commit_callbacks, events.ORDER_PICKED_UP, seller_id=tea.seller.pk,
             lines=[{"gtin": tea.gtin, "quantity": 1}], order_ref="O-2", shopper_id=None)
    assert TraceEvent.objects.count() == 0


def test_a_failure_is_logged_and_never_raised(tea, django_capture_on_commit_callbacks, caplog, monkeypatch):
    from chushan.trace import services

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "platform_event_record", broken)
    _publish(django_capture_on_commit_callbacks, events.STOCK_RECEIVED, seller_id=tea.seller.pk,
             lines=[{"gtin": tea.gtin, "lot": "L1", "quantity": 1}], reference="R")
    assert TraceEvent.objects.count() == 0
    assert "could not record the received event" in caplog.text


def test_another_sellers_location_is_left_out(tea, rival, django_capture_on_commit_callbacks):
    lot = LotFactory(seller=tea.seller, gtin=tea.gtin)
    _publish(django_capture_on_commit_callbacks, events.STOCK_RECEIVED, seller_id=tea.seller.pk,
             lines=[{"gtin": tea.gtin, "lot": lot.code, "quantity": 1}], location_gln=rival.shop.gln, reference="R")
    event = TraceEvent.objects.get()
    assert event.biz_location == "" and rival.shop.gln not in event.body
