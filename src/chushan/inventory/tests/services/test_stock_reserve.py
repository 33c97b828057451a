import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from chushan.catalog.models import Product
from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.heritage.tests.factories import region
from chushan.inventory import selectors, services
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Reservation, Stock, StockMovement
from chushan.inventory.tests.conftest import assert_ledger_balances, ledger_count
from chushan.inventory.tests.factories import ConsignmentCounterFactory, LocationFactory

pytestmark = pytest.mark.django_db


def test_a_hold_takes_units_out_of_what_is_available(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    before = timezone.now()
    reservation = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=2,
                                         reference="order-line:1")
    stock = Stock.objects.get(sku=sku, location=warehouse)
    assert (stock.on_hand, stock.reserved, stock.available) == (5, 2, 3)
    saved = Reservation.objects.get(pk=reservation.pk)
    assert (saved.state, saved.quantity, saved.reference, saved.actor) == ("held", 2, "order-line:1", shopper)
    assert saved.channel.code == "web"
    assert datetime.timedelta(seconds=899) < saved.expires_at - before <= datetime.timedelta(seconds=901)
    line = StockMovement.objects.get(reservation=saved)
    assert (line.kind, line.on_hand_delta, line.reserved_delta) == ("reservation", 0, 2)
    assert_ledger_balances()


@override_settings(CHUSHAN_RESERVATION_TTL_SECONDS=60)
def test_the_hold_time_comes_from_settings(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 1)
    reservation = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1)
    assert reservation.expires_at - reservation.created_at == datetime.timedelta(seconds=60)


def test_cannot_hold_more_than_available_and_nothing_is_written(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 3)
    services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=2)
    lines = ledger_count()
    with pytest.raises(InsufficientStock) as refused:
        services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=2)
    assert refused.value.status == 409
    item = refused.value.extra["items"][0]
    assert (item["requested"], item["available"], item["location"]) == (2, 1, warehouse.pk)
    assert ledger_count() == lines and Reservation.objects.count() == 1
    assert Stock.objects.get().reserved == 2


def test_no_stock_row_at_all_is_insufficient_stock(shopper, sku, warehouse):
    with pytest.raises(InsufficientStock):
        services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1)
    assert ledger_count() == 0


def test_a_lapsed_hold_is_released_when_it_stands_in_the_way(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 1)
    old = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1, ttl=1)
    Reservation.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=5),
                                                 expires_at=timezone.now() - datetime.timedelta(minutes=1))
    fresh = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1)
    assert Reservation.objects.get(pk=old.pk).state == "expired"
    assert Reservation.objects.get(pk=fresh.pk).state == "held"
    assert Stock.objects.get().reserved == 1
    assert_ledger_balances()


@pytest.mark.parametrize("quantity", [0, -1, 0.5, 10**9])
def test_bad_quantities_are_refused(shopper, sku, warehouse, receive, quantity):
    receive(warehouse, sku, 5)
    with pytest.raises(Unprocessable):
        services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=quantity)
    assert Reservation.objects.count() == 0 and Stock.objects.get().reserved == 0


def test_anonymous_visitors_cannot_hold(sku, warehouse, receive):
    from django.contrib.auth.models import AnonymousUser

    receive(warehouse, sku, 5)
    with pytest.raises(PermissionDenied):
        services.stock_reserve(actor=AnonymousUser(), sku=sku, location=warehouse, quantity=1)
    assert Reservation.objects.count() == 0


def test_a_draft_product_cannot_be_held_online(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    Product.objects.filter(pk=sku.product_id).update(status=Product.Status.DRAFT)
    with pytest.raises(Unprocessable):
        services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1)
    assert Reservation.objects.count() == 0


def test_a_location_that_does_not_sell_on_the_channel_refuses(shopper, sku, seller, owner):
    counter_only = LocationFactory(seller=seller, channels=["shop_counter"])
    services.stock_receive(actor=owner, sku=sku, location=counter_only, quantity=5)
    with pytest.raises(Unprocessable) as refused:
        services.stock_reserve(actor=shopper, sku=sku, location=counter_only, quantity=1)
    assert refused.value.code == "channel_not_sold_here"
    with pytest.raises(Unprocessable) as refused:
        services.stock_reserve(actor=shopper, sku=sku, location=counter_only, quantity=1, channel="teleport")
    assert refused.value.code == "unknown_channel"
    assert Reservation.objects.count() == 0


def test_counter_holds_are_for_the_shops_staff(shopper, clerk, sku, shop, receive):
    receive(shop, sku, 5)
    with pytest.raises(PermissionDenied):
        services.stock_reserve(actor=shopper, sku=sku, location=shop, quantity=1, channel="shop_counter")
    services.stock_reserve(actor=clerk, sku=sku, location=shop, quantity=1, channel="shop_counter")
    assert Reservation.objects.count() == 1


def test_another_sellers_sku_at_this_location_is_refused(shopper, warehouse):
    with pytest.raises(PermissionDenied):
        services.stock_reserve(actor=shopper, sku=SkuFactory(), location=warehouse, quantity=1)
    assert ledger_count() == 0


def test_without_a_location_the_nearest_that_has_it_is_held(shopper, sku, seller, owner):
    far = LocationFactory(seller=seller, region=region("620102"), name="兰州仓")  # Lanzhou
    near = LocationFactory(seller=seller, region=region("522601"), name="凯里仓")  # Kaili
    empty_nearest = LocationFactory(seller=seller, region=region("522601"), name="凯里二仓")
    for location in (far, near):
        services.stock_receive(actor=owner, sku=sku, location=location, quantity=2)
    services.stock_receive(actor=owner, sku=sku, location=empty_nearest, quantity=1)
    services.stock_reserve(actor=owner, sku=sku, location=empty_nearest, quantity=1)  # nothing left there
    reservation = services.stock_reserve(actor=shopper, sku=sku, quantity=2, near=region("522601"))
    assert reservation.stock.location == near
    reservation = services.stock_reserve(actor=shopper, sku=sku, quantity=2, near=region("522601"))
    assert reservation.stock.location == far
    with pytest.raises(InsufficientStock):
        services.stock_reserve(actor=shopper, sku=sku, quantity=1, near=region("522601"))
    assert_ledger_balances()


def test_consignment_counters_do_not_serve_web_orders(shopper, sku, seller, owner):
    counter = ConsignmentCounterFactory(seller=seller)
    services.stock_receive(actor=owner, sku=sku, location=counter, quantity=3)
    with pytest.raises(InsufficientStock):
        services.stock_reserve(actor=shopper, sku=sku, quantity=1)
    assert selectors.stock_available(sku=sku, channel_code="web") == 0
    assert selectors.stock_available(sku=sku, channel_code="consignment_counter") == 3


def test_many_lines_are_held_together_or_not_at_all(shopper, sku, seller, warehouse, shop, receive):
    other = SkuFactory(product__seller=seller)
    receive(warehouse, sku, 5)
    receive(shop, other, 1)
    requests = [services.StockRequest(sku=sku, location=warehouse, quantity=2, reference="a"),
                services.StockRequest(sku=other, location=shop, quantity=3, reference="b")]
    with pytest.raises(InsufficientStock) as refused:
        services.stock_reserve_many(actor=shopper, requests=requests)
    assert [item["sku"] for item in refused.value.extra["items"]] == [other.pk]
    assert Reservation.objects.count() == 0 and Stock.objects.filter(reserved__gt=0).count() == 0
    requests[1] = services.StockRequest(sku=other, location=shop, quantity=1, reference="b")
    held = services.stock_reserve_many(actor=shopper, requests=requests)
    assert [(r.reference, r.quantity) for r in held] == [("a", 2), ("b", 1)]
    assert_ledger_balances()
