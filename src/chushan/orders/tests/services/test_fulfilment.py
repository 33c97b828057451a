"""The seller packs and ships or readies for pick-up; the clerk hands over with the code, which works once."""

import pytest

from chushan.core import events
from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.inventory.tests.factories import ShopFactory
from chushan.orders import services
from chushan.orders.models import Order, PickupCode
from chushan.orders.notifiers import OutboxNotifier
from chushan.orders.tests.support import line, pay, place, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard(monkeypatch):
    seen = []
    real = events.publish

    def record(event, **payload):
        seen.append((event, payload))
        real(event, **payload)

    monkeypatch.setattr(events, "publish", record)
    return seen


@pytest.fixture
def delivery(shopper, address, stocked, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 2, address=address))
    pay(checkout, django_capture_on_commit_callbacks)
    return checkout.orders.get()


@pytest.fixture
def pickup(shopper, stocked, shop, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 1, fulfilment="pickup", pickup_location=shop))
    pay(checkout, django_capture_on_commit_callbacks)
    return checkout.orders.get()


def test_pack_and_ship_tell_trace_where_the_goods_left_from(delivery, owner, warehouse, stocked, heard):
    services.order_pack(actor=owner, order=delivery)
    services.order_ship(actor=owner, order=delivery, tracking_number="SF1234567890")
    delivery.refresh_from_db()
    assert (delivery.state, delivery.tracking_number) == ("shipped", "SF1234567890")
    assert delivery.shipped_at is not None
    shipped = [payload for name, payload in heard if name == events.ORDER_SHIPPED]
    assert len(shipped) == 1
    assert shipped[0]["order_id"] == delivery.pk and shipped[0]["order_ref"] == delivery.number
    assert shipped[0]["location_name"] == warehouse.name and shipped[0]["seller_id"] == delivery.seller_id
    assert shipped[0]["lines"] == [{"gtin": stocked.gtin, "lot": None, "serial": None, "quantity": 2}]


def test_a_delivery_order_cannot_be_made_ready_for_pickup(delivery, owner):
    with pytest.raises(Conflict):
        services.order_ready_for_pickup(actor=owner, order=delivery)
    assert Order.objects.get(pk=delivery.pk).state == "paid"


def test_another_sellers_staff_cannot_pack(delivery, rival):
    before = snapshot()
    with pytest.raises(NotFound):
        services.order_pack(actor=rival, order=delivery)
    assert snapshot() == before


def test_ready_for_pickup_tells_the_shopper_and_starts_the_hold(pickup, owner, shop,
                                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.order_ready_for_pickup(actor=owner, order=pickup)
    code = PickupCode.objects.get(order=pickup)
    assert code.ready_at is not None and code.expires_at > code.ready_at
    assert OutboxNotifier.outbox == [{"order": pickup.number, "shopper_id": pickup.shopper_id, "code": code.code,
                                      "location": shop.name, "expires_at": code.expires_at}]


def test_the_clerk_finds_and_hands_over_once(pickup, owner, clerk, shop, heard):
    services.order_ready_for_pickup(actor=owner, order=pickup)
    code = PickupCode.objects.get(order=pickup).code
    assert services.order_pickup_find(actor=clerk, location=shop, code=code) == pickup
    done = services.order_pickup_complete(actor=clerk, location=shop, code=code)
    assert done.state == "picked_up"
    used = PickupCode.objects.get(order=pickup)
    assert used.used_by == clerk and used.used_at is not None
    assert [p["order_id"] for n, p in heard if n == events.ORDER_PICKED_UP] == [pickup.pk]
    before = snapshot()
    with pytest.raises(Conflict) as caught:
        services.order_pickup_complete(actor=clerk, location=shop, code=code)
    assert caught.value.code == "pickup_code_used"
    assert snapshot() == before


def test_a_code_is_not_handed_over_before_the_order_is_ready(pickup, clerk, shop):
    code = PickupCode.objects.get(order=pickup).code
    with pytest.raises(Conflict) as caught:
        services.order_pickup_complete(actor=clerk, location=shop, code=code)
    assert caught.value.code == "pickup_not_ready"
    assert PickupCode.objects.get(order=pickup).used_at is None


def test_a_code_works_only_at_its_shop(pickup, owner, seller, clerk):
    services.order_ready_for_pickup(actor=owner, order=pickup)
    code = PickupCode.objects.get(order=pickup).code
    elsewhere = ShopFactory(seller=seller)
    with pytest.raises(NotFound):
        services.order_pickup_complete(actor=clerk, location=elsewhere, code=code)
    assert Order.objects.get(pk=pickup.pk).state == "ready_for_pickup"


def test_another_sellers_clerk_cannot_use_the_code(pickup, owner, rival, shop):
    services.order_ready_for_pickup(actor=owner, order=pickup)
    code = PickupCode.objects.get(order=pickup).code
    before = snapshot()
    with pytest.raises(NotFound):
        services.order_pickup_complete(actor=rival, location=shop, code=code)
    assert snapshot() == before


@pytest.mark.parametrize("code", ["1234567", "123456789", "abcdefgh", "", "1234 678"])
def test_malformed_codes_are_refused(pickup, clerk, shop, code):
    with pytest.raises(Unprocessable):
        services.order_pickup_find(actor=clerk, location=shop, code=code)


def test_the_shopper_cannot_hand_over_their_own_order(pickup, shopper, shop, owner):
    services.order_ready_for_pickup(actor=owner, order=pickup)
    code = PickupCode.objects.get(order=pickup).code
    with pytest.raises(NotFound):
        services.order_pickup_complete(actor=shopper, location=shop, code=code)


def test_the_shopper_cannot_ship(delivery, shopper, owner):
    services.order_pack(actor=owner, order=delivery)
    with pytest.raises(PermissionDenied):
        services.order_ship(actor=shopper, order=delivery)
