"""Shipments, pick-ups and counter sales that name no lot are attributed to the lots received at that location,
oldest receipt first (先进先出), so the lot's story and its recall reach the order and the shopper."""

import json
from decimal import Decimal

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.core import events
from chushan.trace.models import LotBalance, LotSale, TraceEvent
from chushan.trace.services import platform_event_record
from chushan.trace.services.platform import fifo_split
from chushan.trace.tests.factories import LotFactory, gln

pytestmark = pytest.mark.django_db


def _publish(capture, name, **payload):
    with capture(execute=True):
        events.publish(name, **payload)


def _receive(tea, lot, quantity, *, at=None, when="2024-05-01T09:00:00+08:00", reference="SM1"):
    return platform_event_record(kind="received", seller_id=tea.seller.pk, reference=reference, occurred_at=when,
                                 lines=[{"gtin": tea.gtin, "lot": lot, "serial": None, "quantity": quantity}],
                                 location_gln=at or tea.shop.gln, location_name="凯里门店")


def _sell(tea, quantity, *, kind="sold", reference="S-1", at=None, shopper=None, gtin=None, lot=None):
    return platform_event_record(kind=kind, seller_id=tea.seller.pk, reference=reference, shopper_id=shopper,
                                 lines=[{"gtin": gtin or tea.gtin, "lot": lot, "serial": None, "quantity": quantity}],
                                 location_gln=at or tea.shop.gln, occurred_at="2024-05-09T15:00:00+08:00")


def _quantities(event: TraceEvent) -> list[tuple[str, int]]:
    return [(q["epcClass"].rsplit("/", 1)[-1], q["quantity"]) for q in json.loads(event.body)["quantityList"]]


def _rests() -> dict[str, Decimal]:
    return {row.lot.code: row.rest for row in LotBalance.objects.select_related("lot")}


# The pure split ------------------------------------------------------------------------------------------

def test_fifo_takes_the_oldest_first_and_splits_across_lots():
    assert fifo_split([("A", Decimal(3)), ("B", Decimal(5))], Decimal(2)) == [("A", Decimal(2))]
    assert fifo_split([("A", Decimal(3)), ("B", Decimal(5))], Decimal(4)) == [("A", Decimal(3)), ("B", Decimal(1))]


def test_fifo_skips_empty_lots_and_takes_no_more_than_there_is():
    assert fifo_split([("A", Decimal(0)), ("B", Decimal(2))], Decimal(5)) == [("B", Decimal(2))]
    assert fifo_split([], Decimal(1)) == []


# Receipts ------------------------------------------------------------------------------------------------

def test_a_received_lot_is_registered_and_opens_a_balance_at_the_location(tea, django_capture_on_commit_callbacks):
    _publish(django_capture_on_commit_callbacks, events.STOCK_RECEIVED, seller_id=tea.seller.pk, reference="SM7",
             lines=[{"gtin": tea.gtin, "lot": "LS2024-05", "serial": None, "quantity": 20, "uom": "EA"}],
             location_gln=tea.shop.gln, location_name="凯里门店", occurred_at="2024-05-01T09:00:00+08:00")
    balance = LotBalance.objects.select_related("lot").get()
    assert (balance.lot.code, balance.lot.seller, balance.lot.sku.gtin) == ("LS2024-05", tea.seller, tea.gtin)
    assert (balance.location_gln, balance.received, balance.attributed) == (tea.shop.gln, 20, 0)
    assert json.loads(TraceEvent.objects.get().body)["bizStep"] == "receiving"


def test_a_receipt_told_twice_counts_once_and_a_second_receipt_adds(tea):
    _receive(tea, "LS-A", 3)
    assert _receive(tea, "LS-A", 3) is None
    _receive(tea, "LS-A", 2, when="2024-05-02T09:00:00+08:00", reference="SM2")
    assert _rests() == {"LS-A": 5}


def test_a_receipt_without_a_location_opens_no_balance(tea):
    platform_event_record(kind="received", seller_id=tea.seller.pk, reference="SM1",
                          lines=[{"gtin": tea.gtin, "lot": "LS-A", "quantity": 3}])
    assert TraceEvent.objects.count() == 1 and not LotBalance.objects.exists()


# Attribution ---------------------------------------------------------------------------------------------

def test_a_sale_naming_no_lot_is_attributed_to_the_received_lot(tea):
    _receive(tea, "LS-A", 10)
    shopper = UserFactory()
    event = _sell(tea, 4, kind="picked_up", reference="O-1", shopper=shopper.pk)
    data = json.loads(event.body)
    assert (data["bizStep"], data["disposition"]) == ("retail_selling", "retail_sold")
    assert data["quantityList"] == [{"epcClass": f"https://id.gs1.org/01/{tea.gtin}/10/LS-A", "quantity": 4,
                                     "uom": "EA"}]
    sale = LotSale.objects.get()
    assert (sale.lot.code, sale.kind, sale.reference, sale.shopper, sale.quantity, sale.location_gln) == (
        "LS-A", "picked_up", "O-1", shopper, 4, tea.shop.gln)
    assert _rests() == {"LS-A": 6}


def test_fifo_split_a_sale_bigger_than_the_first_lots_rest(tea):
    _receive(tea, "LS-A", 3, when="2024-05-01T09:00:00+08:00", reference="SM1")
    _receive(tea, "LS-B", 5, when="2024-05-03T09:00:00+08:00", reference="SM2")
    assert _quantities(_sell(tea, 2, reference="S-1")) == [("LS-A", 2)]
    split = _sell(tea, 4, reference="S-2")
    assert _quantities(split) == [("LS-A", 1), ("LS-B", 3)]
    assert sorted(LotSale.objects.filter(event=split).values_list("lot__code", "quantity")) == [
        ("LS-A", 1), ("LS-B", 3)]
    assert _rests() == {"LS-A": 0, "LS-B": 2}


def test_the_oldest_receipt_goes_first_whatever_order_they_were_told_in(tea):
    _receive(tea, "LS-NEW", 5, when="2024-05-03T09:00:00+08:00", reference="SM2")
    _receive(tea, "LS-OLD", 5, when="2024-05-01T09:00:00+08:00", reference="SM1")
    assert _quantities(_sell(tea, 6)) == [("LS-OLD", 5), ("LS-NEW", 1)]


def test_units_no_lot_accounts_for_are_left_out(tea):
    _receive(tea, "LS-A", 3)
    assert _quantities(_sell(tea, 5, reference="S-1")) == [("LS-A", 3)]
    assert _sell(tea, 1, reference="S-2") is None
    assert TraceEvent.objects.count() == 2 and LotSale.objects.count() == 1


def test_only_lots_received_at_that_location_are_attributed(tea):
    _receive(tea, "LS-A", 3, at=tea.site.gln)
    assert _sell(tea, 1) is None
    assert _quantities(_sell(tea, 1, at=tea.site.gln, kind="shipped", reference="O-9")) == [("LS-A", 1)]


def test_only_lots_of_that_gtin_are_attributed(tea):
    _receive(tea, "LS-A", 3)
    assert _sell(tea, 1, gtin=tea.gtin2) is None
    assert _rests() == {"LS-A": 3}


def test_an_operation_told_twice_is_attributed_once(tea, django_capture_on_commit_callbacks):
    _receive(tea, "LS-A", 10)
    for _ in range(2):
        _publish(django_capture_on_commit_callbacks, events.ORDER_PICKED_UP, seller_id=tea.seller.pk,
                 lines=[{"gtin": tea.gtin, "lot": None, "serial": None, "quantity": 2}], order_ref="O-1",
                 shopper_id=None, location_gln=tea.shop.gln, location_name="凯里门店")
    assert LotSale.objects.count() == 1 and _rests() == {"LS-A": 8}


def test_a_lot_named_outright_takes_from_its_balance(tea):
    _receive(tea, "LS-A", 3, reference="SM1")
    _receive(tea, "LS-B", 3, when="2024-05-02T09:00:00+08:00", reference="SM2")
    assert _quantities(_sell(tea, 2, lot="LS-B", reference="S-1")) == [("LS-B", 2)]
    assert _quantities(_sell(tea, 5, reference="S-2")) == [("LS-A", 3), ("LS-B", 1)]
    assert _rests() == {"LS-A": 0, "LS-B": 0}


def test_a_lot_named_outright_still_records_when_nothing_was_received(tea):
    lot = LotFactory(seller=tea.seller, gtin=tea.gtin)
    assert _quantities(_sell(tea, 2, lot=lot.code)) == [(lot.code, 2)]
    assert not LotBalance.objects.exists()


def test_another_sellers_location_attributes_nothing(tea, rival):
    _receive(tea, "LS-A", 3)
    assert _sell(tea, 1, at=rival.shop.gln) is None
    assert _rests() == {"LS-A": 3}


def test_a_new_shop_becomes_a_site_on_its_first_receipt(tea):
    shop = gln(location="00077")
    _receive(tea, "LS-A", 3, at=shop)
    assert _quantities(_sell(tea, 1, at=shop)) == [("LS-A", 1)]
