import pytest

from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.inventory import services
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Stock, Transfer
from chushan.inventory.tests.conftest import assert_ledger_balances, ledger_count
from chushan.inventory.tests.factories import ConsignmentCounterFactory, LocationFactory

pytestmark = pytest.mark.django_db


def _items(*pairs):
    return [services.TransferItem(sku=sku, quantity=quantity) for sku, quantity in pairs]


def test_a_transfer_moves_units_with_two_ledger_lines_each(owner, seller, sku, warehouse, shop, receive):
    other = SkuFactory(product__seller=seller)
    receive(warehouse, sku, 10)
    receive(warehouse, other, 4)
    transfer = services.stock_transfer(actor=owner, from_location=warehouse, to_location=shop,
                                       items=_items((sku, 6), (other, 4)), note="国庆备货")
    assert Stock.objects.get(sku=sku, location=warehouse).on_hand == 4
    assert Stock.objects.get(sku=sku, location=shop).on_hand == 6
    assert Stock.objects.get(sku=other, location=shop).on_hand == 4
    assert sorted(transfer.movements.values_list("kind", "on_hand_delta")) == [
        ("transfer_in", 4), ("transfer_in", 6), ("transfer_out", -6), ("transfer_out", -4)]
    assert transfer.movements.count() == 4 and transfer.lines.count() == 2
    assert_ledger_balances()


def test_units_held_for_checkouts_do_not_move(owner, shopper, sku, warehouse, shop, receive):
    receive(warehouse, sku, 3)
    services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=2)
    lines = ledger_count()
    with pytest.raises(InsufficientStock) as refused:
        services.stock_transfer(actor=owner, from_location=warehouse, to_location=shop, items=_items((sku, 2)))
    assert refused.value.extra["items"][0]["available"] == 1
    assert ledger_count() == lines and not Transfer.objects.exists()
    assert not Stock.objects.filter(location=shop, on_hand__gt=0).exists()


def test_goods_go_onto_a_consignment_counter_in_anothers_shop(owner, seller, sku, warehouse, receive):
    counter = ConsignmentCounterFactory(seller=seller)
    receive(warehouse, sku, 5)
    services.stock_transfer(actor=owner, from_location=warehouse, to_location=counter, items=_items((sku, 2)))
    assert Stock.objects.get(location=counter).on_hand == 2
    assert_ledger_balances()


def test_transfers_stay_within_one_seller(owner, stranger, sku, warehouse, receive):
    theirs = LocationFactory()
    receive(warehouse, sku, 5)
    lines = ledger_count()
    with pytest.raises(PermissionDenied):
        services.stock_transfer(actor=owner, from_location=warehouse, to_location=theirs, items=_items((sku, 1)))
    with pytest.raises(PermissionDenied):
        services.stock_transfer(actor=stranger, from_location=warehouse, to_location=theirs, items=_items((sku, 1)))
    assert ledger_count() == lines and not Transfer.objects.exists()


@pytest.mark.parametrize("items", ["empty", "duplicate", "zero", "same"])
def test_malformed_transfers_are_refused(owner, sku, warehouse, shop, receive, items):
    receive(warehouse, sku, 5)
    to = warehouse if items == "same" else shop
    lines = {"empty": [], "duplicate": _items((sku, 1), (sku, 1)), "zero": _items((sku, 0)),
             "same": _items((sku, 1))}[items]
    with pytest.raises(Unprocessable):
        services.stock_transfer(actor=owner, from_location=warehouse, to_location=to, items=lines)
    assert ledger_count() == 1 and not Transfer.objects.exists()
