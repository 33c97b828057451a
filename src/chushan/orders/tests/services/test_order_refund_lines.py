"""order_refund_lines (used by after-sales): unit price × units, never more than is left, marked on the lines."""

from decimal import Decimal

import pytest

from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.orders import services
from chushan.orders.models import OrderRefund
from chushan.orders.tests.support import line, pay, place, snapshot
from chushan.payments.models import Refund
from chushan.pricing.tests.factories import PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(shopper, address, stocked, seller, owner, django_capture_on_commit_callbacks):
    PromotionFactory(seller=seller, skus=[stocked], price=Decimal("80.00"), per_shopper_limit=1)
    checkout = place(shopper, line(stocked, 3, address=address))
    pay(checkout, django_capture_on_commit_callbacks)
    order = checkout.orders.get()
    services.order_pack(actor=owner, order=order)
    services.order_ship(actor=owner, order=order)
    services.order_deliver(actor=owner, order=order)
    return order


def test_refunding_some_units_asks_for_their_price(delivered, owner, django_capture_on_commit_callbacks):
    full = delivered.lines.get(unit_price=Decimal("100.00"))
    with django_capture_on_commit_callbacks(execute=True):
        refund = services.order_refund_lines(actor=owner, order=delivered, lines=[(full.pk, 1)], reason="破损")
    assert refund.amount == Decimal("100.00") and refund.lines == [[full.pk, 1]]
    assert Refund.objects.get().amount == Decimal("100.00")
    full.refresh_from_db()
    delivered.refresh_from_db()
    assert full.refunded_quantity == 1
    assert (delivered.state, delivered.refunded_amount) == ("delivered", Decimal("100.00"))
    assert delivered.is_partially_refunded


def test_refunding_everything_makes_the_order_refunded(delivered, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.order_refund_lines(actor=owner, order=delivered,
                                    lines=[(ln.pk, ln.quantity) for ln in delivered.lines.all()], reason="退货")
    delivered.refresh_from_db()
    assert (delivered.state, delivered.refunded_amount) == ("refunded", Decimal("280.00"))


def test_more_units_than_are_left_are_refused(delivered, owner):
    first = delivered.lines.first()
    before = snapshot()
    with pytest.raises(Unprocessable) as caught:
        services.order_refund_lines(actor=owner, order=delivered, lines=[(first.pk, first.quantity + 1)], reason="x")
    assert "lines.0.quantity" in caught.value.errors
    assert snapshot() == before


def test_a_line_of_another_order_is_refused(delivered, owner):
    with pytest.raises(Unprocessable):
        services.order_refund_lines(actor=owner, order=delivered, lines=[(999999, 1)], reason="x")
    assert not OrderRefund.objects.exists()


def test_the_shopper_and_other_sellers_cannot_refund(delivered, shopper, rival):
    line_ = delivered.lines.first()
    before = snapshot()
    with pytest.raises(NotFound):
        services.order_refund_lines(actor=rival, order=delivered, lines=[(line_.pk, 1)], reason="x")
    with pytest.raises(PermissionDenied):
        services.order_refund_lines(actor=shopper, order=delivered, lines=[(line_.pk, 1)], reason="x")
    assert snapshot() == before


def test_an_unpaid_order_has_nothing_to_refund(shopper, address, stocked, owner):
    checkout = place(shopper, line(stocked, 1, address=address))
    order = checkout.orders.get()
    with pytest.raises(Conflict):
        services.order_refund_lines(actor=owner, order=order, lines=[(order.lines.get().pk, 1)], reason="x")


def test_the_payments_api_refuses_a_seller_refunding_a_checkout_directly(delivered, owner, client):
    from chushan.payments.models import Payment

    payment = Payment.objects.get(payable_ref=delivered.checkout.payable_ref)
    client.force_login(owner)
    response = client.post("/api/v1/refunds", {"payment_id": payment.pk, "amount": "10.00", "reason": "x"},
                           content_type="application/json")
    assert response.status_code == 404
    assert not Refund.objects.exists()
