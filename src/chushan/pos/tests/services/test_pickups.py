"""Pick-ups at the counter: the clerk types or scans the shopper's code; it works once, and only at its shop."""

import pytest

from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.inventory.tests.factories import ShopFactory
from chushan.orders import services as orders
from chushan.orders.models import Order
from chushan.orders.tests.support import line, pay, place
from chushan.pos import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(shopper, owner, stocked, sku, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(sku, 1, fulfilment="pickup", pickup_location=stocked))
    pay(checkout, django_capture_on_commit_callbacks)
    order = orders.order_ready_for_pickup(actor=owner, order=checkout.orders.get())
    return Order.objects.select_related("pickup_code").get(pk=order.pk)


def test_the_clerk_finds_the_order_by_its_code_and_hands_it_over(ready, clerk, stocked):
    code = ready.pickup_code.code
    assert services.pos_pickup_find(actor=clerk, location=stocked, code=f" {code[:4]} {code[4:]} ") == ready
    handed = services.pos_pickup_hand_over(actor=clerk, location=stocked, code=code)
    assert handed.state == "picked_up"


def test_a_code_works_once(ready, clerk, stocked):
    services.pos_pickup_hand_over(actor=clerk, location=stocked, code=ready.pickup_code.code)
    with pytest.raises(Conflict):
        services.pos_pickup_hand_over(actor=clerk, location=stocked, code=ready.pickup_code.code)


def test_a_code_does_not_open_an_order_waiting_at_another_shop(ready, clerk, seller):
    elsewhere = ShopFactory(seller=seller)
    with pytest.raises(NotFound):
        services.pos_pickup_hand_over(actor=clerk, location=elsewhere, code=ready.pickup_code.code)
    ready.refresh_from_db()
    assert ready.state == "ready_for_pickup"


def test_other_sellers_staff_cannot_hand_over(ready, stranger, stocked):
    with pytest.raises(PermissionDenied):
        services.pos_pickup_hand_over(actor=stranger, location=stocked, code=ready.pickup_code.code)
    ready.refresh_from_db()
    assert ready.state == "ready_for_pickup"


@pytest.mark.parametrize("code", ["1234", "abcdefgh", "", None])
def test_a_malformed_code_is_refused(clerk, stocked, code):
    with pytest.raises(Unprocessable):
        services.pos_pickup_find(actor=clerk, location=stocked, code=code)
