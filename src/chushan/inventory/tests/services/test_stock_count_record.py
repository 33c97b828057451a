import pytest

from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.inventory import services
from chushan.inventory.models import Stock, StockCount, StockMovement
from chushan.inventory.tests.conftest import assert_ledger_balances, ledger_count

pytestmark = pytest.mark.django_db


def _items(*pairs):
    return [services.CountItem(sku=sku, counted=counted) for sku, counted in pairs]


def test_a_count_adjusts_the_books_to_what_was_counted(owner, seller, sku, warehouse, receive):
    found = SkuFactory(product__seller=seller)
    receive(warehouse, sku, 10)
    count = services.stock_count_record(actor=owner, location=warehouse, items=_items((sku, 8), (found, 2)),
                                        reason="月末盘点：两件破损")
    assert Stock.objects.get(sku=sku).on_hand == 8 and Stock.objects.get(sku=found).on_hand == 2
    assert sorted(count.lines.values_list("expected", "counted")) == [(0, 2), (10, 8)]
    adjustments = StockMovement.objects.filter(kind="adjustment", count=count)
    assert sorted(adjustments.values_list("on_hand_delta", flat=True)) == [-2, 2]
    assert set(adjustments.values_list("reason", flat=True)) == {"月末盘点：两件破损"}
    assert_ledger_balances()


def test_a_count_that_matches_writes_no_adjustment(owner, sku, warehouse, receive):
    receive(warehouse, sku, 4)
    services.stock_count_record(actor=owner, location=warehouse, items=_items((sku, 4)), reason="抽盘")
    assert ledger_count() == 1 and StockCount.objects.count() == 1


def test_a_count_needs_a_reason(owner, sku, warehouse, receive):
    receive(warehouse, sku, 4)
    with pytest.raises(Unprocessable) as refused:
        services.stock_count_record(actor=owner, location=warehouse, items=_items((sku, 3)), reason="  ")
    assert "reason" in refused.value.errors
    assert ledger_count() == 1 and not StockCount.objects.exists()


def test_a_count_below_what_is_held_is_refused(owner, shopper, sku, warehouse, receive):
    receive(warehouse, sku, 4)
    services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=3)
    lines = ledger_count()
    with pytest.raises(Unprocessable) as refused:
        services.stock_count_record(actor=owner, location=warehouse, items=_items((sku, 2)), reason="盘点")
    assert refused.value.code == "below_held"
    assert ledger_count() == lines and Stock.objects.get().on_hand == 4


def test_only_the_owners_staff_count(stranger, sku, warehouse, receive):
    receive(warehouse, sku, 4)
    with pytest.raises(PermissionDenied):
        services.stock_count_record(actor=stranger, location=warehouse, items=_items((sku, 0)), reason="x")
    assert Stock.objects.get().on_hand == 4 and not StockCount.objects.exists()


@pytest.mark.parametrize("counted", [-1, 2.5, "3", None])
def test_bad_counts_are_refused(owner, sku, warehouse, counted):
    with pytest.raises(Unprocessable):
        services.stock_count_record(actor=owner, location=warehouse, items=_items((sku, counted)), reason="x")
    assert not StockCount.objects.exists() and ledger_count() == 0
