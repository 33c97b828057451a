"""Counter sales without a hold (POS), and returns back onto a chosen shelf."""

import pytest

from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.inventory import services
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Stock, StockMovement
from chushan.inventory.tests.conftest import assert_ledger_balances, ledger_count
from chushan.inventory.tests.factories import ConsignmentCounterFactory
from chushan.sellers.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_clerk_sells_off_the_shelf(clerk, sku, shop, receive):
    receive(shop, sku, 3)
    line = services.stock_sell_now(actor=clerk, sku=sku, location=shop, quantity=2, reference="receipt:88")
    assert (line.kind, line.on_hand_delta, line.reserved_delta, line.channel.code) == ("sale", -2, 0, "shop_counter")
    assert Stock.objects.get().on_hand == 1
    assert_ledger_balances()


def test_units_held_for_web_checkouts_are_not_sold_at_the_counter(clerk, shopper, sku, shop, receive):
    receive(shop, sku, 2)
    services.stock_reserve(actor=shopper, sku=sku, location=shop, quantity=2)
    lines = ledger_count()
    with pytest.raises(InsufficientStock):
        services.stock_sell_now(actor=clerk, sku=sku, location=shop, quantity=1)
    assert ledger_count() == lines and Stock.objects.get().on_hand == 2


def test_a_shopper_or_another_sellers_clerk_cannot_sell_here(shopper, stranger, sku, shop, receive):
    receive(shop, sku, 2)
    for actor in (shopper, stranger):
        with pytest.raises(PermissionDenied):
            services.stock_sell_now(actor=actor, sku=sku, location=shop, quantity=1)
    assert Stock.objects.get().on_hand == 2 and ledger_count() == 1


def test_the_host_sells_consignment_goods_that_stay_the_owners(seller, owner, sku):
    counter = ConsignmentCounterFactory(seller=seller)
    host_clerk = MembershipFactory(seller=counter.host_seller).user
    services.stock_receive(actor=owner, sku=sku, location=counter, quantity=4)
    line = services.stock_sell_now(actor=host_clerk, sku=sku, location=counter, quantity=1)
    assert line.channel.code == "consignment_counter"
    assert line.stock.location.seller == seller  # the goods were the owner's
    with pytest.raises(PermissionDenied):  # the host may sell, not receive
        services.stock_receive(actor=host_clerk, sku=sku, location=counter, quantity=1)
    assert_ledger_balances()


def test_the_old_plan_name_is_the_same_use_case():
    assert services.stock_sell_at_counter is services.stock_sell_now


def test_a_return_goes_back_onto_the_chosen_shelf(owner, sku, warehouse, shop, receive):
    receive(shop, sku, 1)
    services.stock_sell_now(actor=owner, sku=sku, location=shop, quantity=1)
    line = services.stock_return(actor=owner, sku=sku, location=warehouse, quantity=1, reference="return:3",
                                 reason="颜色不符", channel="web")
    assert (line.kind, line.on_hand_delta, line.reason, line.channel.code) == ("return", 1, "颜色不符", "web")
    assert Stock.objects.get(location=warehouse).on_hand == 1
    assert_ledger_balances()


def test_returns_are_refused_for_strangers_and_bad_quantities(stranger, owner, sku, warehouse):
    with pytest.raises(PermissionDenied):
        services.stock_return(actor=stranger, sku=sku, location=warehouse, quantity=1)
    with pytest.raises(Unprocessable):
        services.stock_return(actor=owner, sku=sku, location=warehouse, quantity=-1)
    with pytest.raises(Unprocessable):
        services.stock_return(actor=owner, sku=sku, location=warehouse, quantity=1, channel="nope")
    assert not StockMovement.objects.exists() and not Stock.objects.exists()
