"""Transfers between two of a seller's locations carry the lots at the source (oldest receipt first) to the
destination, as a shipping and a receiving event; returned units go back to the lots their sale took."""

import json
from datetime import datetime
from decimal import Decimal

import pytest

from chushan.core import events
from chushan.trace.builders import place
from chushan.trace.models import LotBalance, LotSale, TraceEvent
from chushan.trace.services import platform_event_record, platform_return_record, platform_transfer_record
from chushan.trace.tests.factories import gln

pytestmark = pytest.mark.django_db
WAREHOUSE = gln(location="00031")


def _receive(tea, lot, quantity, *, at=WAREHOUSE, when="2024-05-01T09:00:00+08:00", reference="SM1"):
    return platform_event_record(kind="received", seller_id=tea.seller.pk, reference=reference, occurred_at=when,
                                 lines=[{"gtin": tea.gtin, "lot": lot, "serial": None, "quantity": quantity}],
                                 location_gln=at, location_name="丹寨仓库")


def _transfer(tea, quantity, *, source=WAREHOUSE, target=None, reference="TR1", when="2024-05-05T10:00:00+08:00",
              lot=None):
    return platform_transfer_record(seller_id=tea.seller.pk, reference=reference, occurred_at=when,
                                    lines=[{"gtin": tea.gtin, "lot": lot, "serial": None, "quantity": quantity,
                                            "uom": "EA"}],
                                    from_gln=source, from_name="丹寨仓库", to_gln=target or tea.shop.gln,
                                    to_name="西江千户苗寨店")


def _sell(tea, quantity, *, reference="S-1", at=None, kind="sold", when="2024-05-09T15:00:00+08:00"):
    return platform_event_record(kind=kind, seller_id=tea.seller.pk, reference=reference, occurred_at=when,
                                 lines=[{"gtin": tea.gtin, "lot": None, "serial": None, "quantity": quantity}],
                                 location_gln=at or tea.shop.gln)


def _return(tea, quantity, *, sold_ref="S-1", reference="SM90", at=None, when="2024-05-10T11:00:00+08:00"):
    return platform_return_record(seller_id=tea.seller.pk, reference=reference, sold_ref=sold_ref, occurred_at=when,
                                  lines=[{"gtin": tea.gtin, "lot": None, "serial": None, "quantity": quantity}],
                                  location_gln=at or tea.shop.gln, location_name="凯里门店")


def _quantities(event: TraceEvent) -> list[tuple[str, int]]:
    return [(q["epcClass"].rsplit("/", 1)[-1], q["quantity"]) for q in json.loads(event.body)["quantityList"]]


def _rests(at: str) -> dict[str, Decimal]:
    return {row.lot.code: row.rest for row in LotBalance.objects.filter(location_gln=at).select_related("lot")}


def _first_received(code: str, at: str) -> datetime:
    return LotBalance.objects.get(lot__code=code, location_gln=at).first_received_at


# Transfers -----------------------------------------------------------------------------------------------

def test_a_transfer_is_shipped_from_the_source_and_received_at_the_destination(tea):
    _receive(tea, "LS-A", 10)
    shipped, received = _transfer(tea, 4)
    lot_class = f"https://id.gs1.org/01/{tea.gtin}/10/LS-A"
    ship = json.loads(shipped.body)
    assert (ship["bizStep"], ship["disposition"], ship["readPoint"]["id"]) == (
        "shipping", "in_transit", place(WAREHOUSE))
    assert "bizLocation" not in ship  # in transit: no longer at the warehouse, not yet at the shop
    assert ship["sourceList"] == [{"type": "location", "source": place(WAREHOUSE)}]
    assert ship["destinationList"] == [{"type": "location", "destination": place(tea.shop.gln)}]
    assert ship["bizTransactionList"] == [{"type": "desadv", "bizTransaction": "urn:chushan:transfer:TR1"}]
    assert ship["quantityList"] == [{"epcClass": lot_class, "quantity": 4, "uom": "EA"}]
    assert ship["chushan:destinationName"] == "西江千户苗寨店"
    got = json.loads(received.body)
    assert (got["bizStep"], got["disposition"], got["bizLocation"]["id"]) == (
        "receiving", "in_progress", place(tea.shop.gln))
    assert (got["sourceList"], got["destinationList"]) == (ship["sourceList"], ship["destinationList"])
    assert got["quantityList"] == ship["quantityList"] and got["chushan:sourceName"] == "丹寨仓库"
    assert shipped.event_time == received.event_time and shipped.pk < received.pk
    assert (_rests(WAREHOUSE), _rests(tea.shop.gln)) == ({"LS-A": 6}, {"LS-A": 4})
    assert not LotSale.objects.exists()  # a transfer hands nothing to a shopper


def test_a_sale_at_the_destination_takes_the_transferred_lot(tea):
    _receive(tea, "LS-A", 10)
    _transfer(tea, 4)
    assert _quantities(_sell(tea, 3)) == [("LS-A", 3)]
    assert _rests(tea.shop.gln) == {"LS-A": 1} and _rests(WAREHOUSE) == {"LS-A": 6}


def test_the_destination_keeps_the_lots_original_receipt_time(tea):
    _receive(tea, "LS-OLD", 5, when="2024-05-01T09:00:00+08:00", reference="SM1")
    _receive(tea, "LS-NEW", 5, at=tea.shop.gln, when="2024-05-03T09:00:00+08:00", reference="SM2")
    _transfer(tea, 2, when="2024-05-05T10:00:00+08:00")
    assert _first_received("LS-OLD", tea.shop.gln) == _first_received("LS-OLD", WAREHOUSE)
    # FIFO at the shop goes by original receipt: the lot that came later, but was received first, goes first.
    assert _quantities(_sell(tea, 3)) == [("LS-OLD", 2), ("LS-NEW", 1)]


def test_a_transfer_splits_across_the_sources_lots_oldest_first(tea):
    _receive(tea, "LS-A", 3, when="2024-05-01T09:00:00+08:00", reference="SM1")
    _receive(tea, "LS-B", 5, when="2024-05-02T09:00:00+08:00", reference="SM2")
    shipped, received = _transfer(tea, 4)
    assert _quantities(shipped) == _quantities(received) == [("LS-A", 3), ("LS-B", 1)]
    assert _rests(WAREHOUSE) == {"LS-A": 0, "LS-B": 4} and _rests(tea.shop.gln) == {"LS-A": 3, "LS-B": 1}


def test_a_transfer_of_more_than_the_source_holds_carries_only_what_is_covered(tea):
    _receive(tea, "LS-A", 3)
    shipped, _received = _transfer(tea, 5)
    assert _quantities(shipped) == [("LS-A", 3)]
    assert _rests(WAREHOUSE) == {"LS-A": 0} and _rests(tea.shop.gln) == {"LS-A": 3}
    assert _quantities(_sell(tea, 5)) == [("LS-A", 3)]
    assert _transfer(tea, 1, reference="TR2", when="2024-05-06T10:00:00+08:00") == []


def test_a_transfer_from_a_place_with_nothing_received_records_nothing(tea):
    assert _transfer(tea, 2) == []
    assert not TraceEvent.objects.exists() and not LotBalance.objects.exists()


def test_a_transfer_told_twice_moves_once(tea, django_capture_on_commit_callbacks):
    _receive(tea, "LS-A", 10)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            events.publish(events.STOCK_TRANSFERRED, seller_id=tea.seller.pk, reference="TR7",
                           lines=[{"gtin": tea.gtin, "lot": None, "serial": None, "quantity": 4, "uom": "EA"}],
                           occurred_at="2024-05-05T10:00:00.123456+08:00", from_gln=WAREHOUSE, from_name="丹寨仓库",
                           to_gln=tea.shop.gln, to_name="西江千户苗寨店")
    assert TraceEvent.objects.count() == 3  # the receipt, then one shipping and one receiving
    assert (_rests(WAREHOUSE), _rests(tea.shop.gln)) == ({"LS-A": 6}, {"LS-A": 4})


def test_a_transfer_to_a_place_that_is_not_a_site_is_shipped_only(tea):
    _receive(tea, "LS-A", 10)
    (shipped,) = platform_transfer_record(seller_id=tea.seller.pk, reference="TR1", from_gln=WAREHOUSE,
                                          to_gln=None, to_name="西江寄售柜台",
                                          lines=[{"gtin": tea.gtin, "lot": None, "quantity": 4}])
    data = json.loads(shipped.body)
    assert "destinationList" not in data and data["chushan:destinationName"] == "西江寄售柜台"
    assert list(LotBalance.objects.values_list("location_gln", "received", "attributed")) == [(WAREHOUSE, 10, 4)]


def test_a_transfer_back_adds_to_the_balance_it_left(tea):
    _receive(tea, "LS-A", 10)
    _transfer(tea, 4)
    _transfer(tea, 1, source=tea.shop.gln, target=WAREHOUSE, reference="TR2", when="2024-05-06T10:00:00+08:00")
    assert (_rests(WAREHOUSE), _rests(tea.shop.gln)) == ({"LS-A": 7}, {"LS-A": 3})
    assert LotBalance.objects.count() == 2


def test_a_transfer_from_another_sellers_place_moves_nothing(tea, rival):
    _receive(tea, "LS-A", 10)
    assert _transfer(tea, 2, source=rival.shop.gln) == []
    assert _transfer(tea, 2, target=rival.shop.gln) != []  # the destination is named; nothing arrives at it
    assert _rests(WAREHOUSE) == {"LS-A": 8} and not _rests(rival.shop.gln)


def test_a_lot_named_in_a_transfer_moves_from_its_balance(tea):
    _receive(tea, "LS-A", 3, reference="SM1")
    _receive(tea, "LS-B", 3, when="2024-05-02T09:00:00+08:00", reference="SM2")
    shipped, _received = _transfer(tea, 2, lot="LS-B")
    assert _quantities(shipped) == [("LS-B", 2)]
    assert _rests(WAREHOUSE) == {"LS-A": 3, "LS-B": 1} and _rests(tea.shop.gln) == {"LS-B": 2}


# Returns -------------------------------------------------------------------------------------------------

def test_a_returned_unit_goes_back_to_the_lot_its_sale_took(tea):
    _receive(tea, "LS-A", 5, at=tea.shop.gln)
    _sell(tea, 3, reference="S-1")
    back = _return(tea, 1)
    data = json.loads(back.body)
    assert (data["bizStep"], data["bizLocation"]["id"]) == ("receiving", place(tea.shop.gln))
    assert data["bizTransactionList"] == [{"type": "rma", "bizTransaction": "urn:chushan:stock-return:SM90"},
                                          {"type": "inv", "bizTransaction": "urn:chushan:sale:S-1"}]
    assert _quantities(back) == [("LS-A", 1)]
    assert _rests(tea.shop.gln) == {"LS-A": 3}
    assert _quantities(_sell(tea, 3, reference="S-2")) == [("LS-A", 3)]


def test_returns_never_give_a_lot_more_than_the_sale_took_from_it(tea):
    _receive(tea, "LS-A", 1, at=tea.shop.gln, reference="SM1")
    _receive(tea, "LS-B", 5, at=tea.shop.gln, when="2024-05-02T09:00:00+08:00", reference="SM2")
    _sell(tea, 2, reference="O-1", kind="picked_up")
    assert _quantities(_return(tea, 1, sold_ref="O-1", reference="SM90")) == [("LS-A", 1)]
    assert _quantities(_return(tea, 3, sold_ref="O-1", reference="SM91",
                               when="2024-05-11T11:00:00+08:00")) == [("LS-B", 1)]
    assert _return(tea, 1, sold_ref="O-1", reference="SM92", when="2024-05-12T11:00:00+08:00") is None
    assert _rests(tea.shop.gln) == {"LS-A": 1, "LS-B": 5}


def test_a_return_to_another_place_opens_the_lot_there_with_its_first_receipt(tea):
    _receive(tea, "LS-A", 5, at=tea.shop.gln)
    _sell(tea, 2, reference="O-1", kind="picked_up")
    back = _return(tea, 2, sold_ref="O-1", at=WAREHOUSE)
    assert {"type": "po", "bizTransaction": "urn:chushan:order:O-1"} in json.loads(back.body)["bizTransactionList"]
    assert _rests(WAREHOUSE) == {"LS-A": 2} and _rests(tea.shop.gln) == {"LS-A": 3}
    assert _first_received("LS-A", WAREHOUSE) == _first_received("LS-A", tea.shop.gln)


def test_a_return_of_a_sale_no_lot_was_attributed_to_records_nothing(tea):
    _sell(tea, 2, reference="S-1")
    assert _return(tea, 1) is None
    assert _return(tea, 1, sold_ref="") is None
    assert not TraceEvent.objects.exists() and not LotBalance.objects.exists()


def test_a_return_told_twice_gives_back_once(tea, django_capture_on_commit_callbacks):
    _receive(tea, "LS-A", 5, at=tea.shop.gln)
    _sell(tea, 3, reference="S-1")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            events.publish(events.STOCK_RETURNED, seller_id=tea.seller.pk, reference="SM90", sold_ref="S-1",
                           lines=[{"gtin": tea.gtin, "lot": None, "serial": None, "quantity": 1, "uom": "EA"}],
                           occurred_at="2024-05-10T11:00:00+08:00", location_gln=tea.shop.gln,
                           location_name="凯里门店")
    assert _rests(tea.shop.gln) == {"LS-A": 3}
    assert TraceEvent.objects.filter(biz_step__endswith="receiving").count() == 2  # the receipt and one return
