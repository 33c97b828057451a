"""Real threads over real PostgreSQL connections: never oversell, every hold ends exactly once, transfers
never go negative or deadlock. Skipped on SQLite (see src/chushan/conftest.py)."""

import datetime
import random

import pytest
from django.utils import timezone

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.tests.factories import SkuFactory
from chushan.core.testing import race
from chushan.inventory import services
from chushan.inventory.errors import InsufficientStock, ReservationClosed
from chushan.inventory.models import Reservation, Stock, StockMovement
from chushan.inventory.tests.conftest import assert_ledger_balances
from chushan.inventory.tests.support import restore_reference_data

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests empty every table when they finish; put back what these tests stand on (the sales
    channels and the few regions the factories use) instead of re-serialising the whole database."""
    restore_reference_data()



def _unexpected(outcomes, *allowed):
    return [exc for kind, exc in outcomes if kind == "error" and not isinstance(exc, allowed)]


@pytest.mark.parametrize("reserve", [services.stock_reserve, services.stock_reserve_batched],
                         ids=["one-statement", "batched"])
def test_64_shoppers_racing_for_the_last_10_units(reserve, sku, warehouse, receive):
    receive(warehouse, sku, 10)
    shoppers = [UserFactory() for _ in range(64)]

    def checkout(i):
        held = reserve(actor=shoppers[i], sku=sku, location=warehouse, quantity=1, reference=f"order:{i}")
        return services.reservation_commit(actor=None, reservation=held)

    outcomes = race(64, checkout)
    assert _unexpected(outcomes, InsufficientStock) == []
    assert sum(kind == "ok" for kind, _ in outcomes) == 10
    stock = Stock.objects.get(sku=sku, location=warehouse)
    assert (stock.on_hand, stock.reserved) == (0, 0)
    assert Reservation.objects.filter(state="committed").count() == 10
    assert Reservation.objects.exclude(state="committed").count() == 0
    assert StockMovement.objects.filter(kind="sale").count() == 10
    assert_ledger_balances()


def test_expiry_racing_payment_returns_each_hold_exactly_once(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 40)
    holds = [services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1, ttl=600)
             for _ in range(20)]
    later = timezone.now() + datetime.timedelta(hours=1)

    def settle(i):
        hold = holds[i // 3]
        if i % 3 == 0:
            return services.reservation_commit(actor=None, reservation=hold)
        if i % 3 == 1:
            return services.reservations_expire(now=later, stock_ids=[hold.stock_id])
        return services.reservation_release(actor=None, reservation=hold)

    outcomes = race(60, settle)
    assert _unexpected(outcomes, ReservationClosed) == []
    states = list(Reservation.objects.values_list("state", flat=True))
    assert "held" not in states
    sold = states.count("committed")
    closing = StockMovement.objects.filter(kind__in=["sale", "release"])
    assert closing.count() == 20
    assert closing.values("reservation").distinct().count() == 20
    stock = Stock.objects.get()
    assert (stock.on_hand, stock.reserved) == (40 - sold, 0)
    assert_ledger_balances()


def test_concurrent_transfers_and_sales_never_go_negative(owner, seller, sku, warehouse, shop, receive):
    from chushan.inventory.tests.factories import LocationFactory

    others = [SkuFactory(product__seller=seller) for _ in range(2)]
    third = LocationFactory(seller=seller, name="三号仓")
    places = [warehouse, shop, third]
    skus = [sku, *others]
    for place in places:
        for item in skus:
            receive(place, item, 6)
    rng = random.Random(5)
    plans = []
    for _ in range(40):
        a, b = rng.sample(places, 2)
        lines = rng.sample(skus, rng.randint(1, 3))
        plans.append((a, b, [services.TransferItem(sku=s, quantity=rng.randint(1, 4)) for s in lines]))

    def move(i):
        if i % 5 == 4:
            return services.stock_sell_now(actor=owner, sku=skus[i % 3], location=shop, quantity=2)
        a, b, items = plans[i]
        return services.stock_transfer(actor=owner, from_location=a, to_location=b, items=items)

    outcomes = race(40, move)
    assert _unexpected(outcomes, InsufficientStock) == []  # in particular, no deadlock
    sold = 2 * sum(kind == "ok" and i % 5 == 4 for i, (kind, _) in enumerate(outcomes))
    assert Stock.objects.filter(on_hand__lt=0).count() == 0
    assert sum(Stock.objects.values_list("on_hand", flat=True)) == 6 * 9 - sold
    assert_ledger_balances()


def test_counter_sales_and_web_holds_share_one_stock(clerk, sku, shop, receive):
    receive(shop, sku, 15)
    shoppers = [UserFactory() for _ in range(30)]

    def buy(i):
        if i % 2:
            return services.stock_sell_now(actor=clerk, sku=sku, location=shop, quantity=1)
        return services.stock_reserve(actor=shoppers[i], sku=sku, location=shop, quantity=1)

    outcomes = race(30, buy)
    assert _unexpected(outcomes, InsufficientStock) == []
    assert sum(kind == "ok" for kind, _ in outcomes) == 15
    stock = Stock.objects.get()
    assert stock.available == 0 and stock.on_hand >= stock.reserved >= 0
    assert_ledger_balances()
