import pytest

from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable
from chushan.inventory import rules, services
from chushan.inventory.models import Stock, StockMovement
from chushan.inventory.tests.conftest import assert_ledger_balances, ledger_count

pytestmark = pytest.mark.django_db


def test_receiving_creates_the_stock_row_and_one_ledger_line(owner, sku, warehouse):
    movement = services.stock_receive(actor=owner, sku=sku, location=warehouse, quantity=12, reference="PO-7",
                                      note="春茶第一批")
    stock = Stock.objects.get(sku=sku, location=warehouse)
    assert (stock.on_hand, stock.reserved) == (12, 0)
    assert (movement.kind, movement.on_hand_delta, movement.reference, movement.reason) == (
        "receipt", 12, "PO-7", "春茶第一批")
    assert movement.actor == owner
    services.stock_receive(actor=owner, sku=sku, location=warehouse, quantity=3)
    stock.refresh_from_db()
    assert stock.on_hand == 15
    assert_ledger_balances()


def test_staff_of_another_seller_cannot_receive_and_nothing_is_written(stranger, sku, warehouse):
    with pytest.raises(PermissionDenied):
        services.stock_receive(actor=stranger, sku=sku, location=warehouse, quantity=5)
    assert not Stock.objects.exists() and ledger_count() == 0


def test_a_shopper_cannot_receive(shopper, sku, warehouse):
    with pytest.raises(PermissionDenied):
        services.stock_receive(actor=shopper, sku=sku, location=warehouse, quantity=5)
    assert ledger_count() == 0


def test_another_sellers_sku_cannot_be_stocked_here(owner, warehouse):
    foreign = SkuFactory()
    with pytest.raises(PermissionDenied):
        services.stock_receive(actor=owner, sku=foreign, location=warehouse, quantity=5)
    assert not Stock.objects.exists() and ledger_count() == 0


def test_an_unknown_sku_is_not_found(owner, sku, warehouse):
    sku.pk = 999_999
    with pytest.raises(NotFound):
        services.stock_receive(actor=owner, sku=sku, location=warehouse, quantity=5)
    assert ledger_count() == 0


@pytest.mark.parametrize("quantity", [0, -3, 1.5, rules.MAX_QUANTITY + 1])
def test_bad_quantities_are_refused_and_nothing_is_written(owner, sku, warehouse, quantity):
    with pytest.raises(Unprocessable) as refused:
        services.stock_receive(actor=owner, sku=sku, location=warehouse, quantity=quantity)
    assert "quantity" in refused.value.errors
    assert not Stock.objects.exists() and ledger_count() == 0


def test_a_location_cannot_hold_more_than_the_bound(owner, sku, warehouse, receive, monkeypatch):
    receive(warehouse, sku, 90)
    monkeypatch.setattr(rules, "MAX_ON_HAND", 100)
    with pytest.raises(Unprocessable):
        services.stock_receive(actor=owner, sku=sku, location=warehouse, quantity=11)
    assert Stock.objects.get().on_hand == 90 and StockMovement.objects.count() == 1


def test_a_closed_location_receives_nothing(owner, sku, warehouse):
    warehouse.is_active = False
    warehouse.save()
    with pytest.raises(Unprocessable):
        services.stock_receive(actor=owner, sku=sku, location=warehouse, quantity=5)
    assert ledger_count() == 0


def test_overlong_reference_is_refused(owner, sku, warehouse):
    with pytest.raises(Unprocessable) as refused:
        services.stock_receive(actor=owner, sku=sku, location=warehouse, quantity=1, reference="x" * 81)
    assert "reference" in refused.value.errors
    assert ledger_count() == 0
