"""A payment received sells the held stock and marks the orders paid exactly once; a late one holds the stock
again or is refunded in full; an unpaid checkout expires and gives its stock back."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from chushan.core import events
from chushan.inventory import services as stock_services
from chushan.inventory.models import Reservation, Stock, StockMovement
from chushan.orders import services
from chushan.orders.models import Checkout, Order, OrderRefund, PickupCode
from chushan.orders.tests.conftest import assert_ledger_balances
from chushan.orders.tests.support import line, pay, place
from chushan.payments import services as payment_services
from chushan.payments.models import Payment, Refund

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


def test_paying_sells_the_stock_and_marks_every_order_paid(shopper, address, stocked, warehouse,
                                                            django_capture_on_commit_callbacks, heard):
    checkout = place(shopper, line(stocked, 2, address=address))
    pay(checkout, django_capture_on_commit_callbacks)
    checkout.refresh_from_db()
    order = checkout.orders.get()
    assert (checkout.state, order.state) == ("paid", "paid")
    assert order.paid_at is not None and checkout.paid_at is not None
    stock = Stock.objects.get(sku=stocked, location=warehouse)
    assert (stock.on_hand, stock.reserved) == (8, 0)
    assert Reservation.objects.get().state == "committed"
    assert [t.to_state for t in order.transitions.all()] == ["pending_payment", "paid"]
    assert ("order_paid", {"order_id": order.pk}) in heard
    assert_ledger_balances()


def test_the_same_payment_settled_again_changes_nothing(shopper, address, stocked, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 1, address=address))
    payment = pay(checkout, django_capture_on_commit_callbacks)
    movements = StockMovement.objects.count()
    for _ in range(3):
        services.checkout_payment_settle(payable_ref=checkout.payable_ref, payment_id=payment.pk)
    order = checkout.orders.get()
    assert order.transitions.filter(to_state="paid").count() == 1
    assert StockMovement.objects.count() == movements
    assert not Refund.objects.exists()


def test_a_paid_pickup_order_gets_an_eight_digit_code(shopper, stocked, shop, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 1, fulfilment="pickup", pickup_location=shop))
    pay(checkout, django_capture_on_commit_callbacks)
    code = PickupCode.objects.get(order__checkout=checkout)
    assert len(code.code) == 8 and code.code.isdigit() and code.location == shop and code.ready_at is None


def _lapse(checkout):
    """Every hold of the checkout lapses and the stock sweep releases it."""
    Reservation.objects.filter(state="held").update(expires_at=timezone.now() - datetime.timedelta(seconds=1),
                                                    created_at=timezone.now() - datetime.timedelta(minutes=20))
    stock_services.reservations_expire()


def test_a_late_payment_holds_the_stock_again_when_it_is_still_there(shopper, address, stocked, warehouse,
                                                                      django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 2, address=address))
    _lapse(checkout)
    pay(checkout, django_capture_on_commit_callbacks)
    checkout.refresh_from_db()
    assert checkout.state == "paid" and checkout.orders.get().state == "paid"
    stock = Stock.objects.get(sku=stocked, location=warehouse)
    assert (stock.on_hand, stock.reserved) == (8, 0)
    assert_ledger_balances()


def test_a_late_payment_for_goods_sold_out_meanwhile_is_refunded_in_full(
        shopper, stranger, address, stocked, warehouse, shop, django_capture_on_commit_callbacks):
    from chushan.orders.tests.factories import AddressFactory

    checkout = place(shopper, line(stocked, 10, address=address))
    _lapse(checkout)
    place(stranger, line(stocked, 10, address=AddressFactory(shopper=stranger)))  # the units go to someone else
    payment = pay(checkout, django_capture_on_commit_callbacks)
    checkout.refresh_from_db()
    order = checkout.orders.get()
    assert (checkout.state, order.state) == ("cancelled", "refunded")
    refund = OrderRefund.objects.get()
    assert (refund.order, refund.amount, refund.state) == (order, Decimal("1000.00"), "succeeded")
    payment.refresh_from_db()
    assert payment.state == Payment.State.REFUNDED
    assert_ledger_balances()


def test_an_unpaid_checkout_expires_and_gives_its_stock_back(shopper, address, stocked, warehouse):
    checkout = place(shopper, line(stocked, 3, address=address))
    later = timezone.now() + datetime.timedelta(minutes=16)
    Payment.objects.filter(payable_ref=checkout.payable_ref).update(expires_at=timezone.now())
    assert services.checkouts_expire(now=later) == 1
    checkout.refresh_from_db()
    assert checkout.state == "expired"
    assert checkout.orders.get().state == "cancelled"
    assert Payment.objects.get(payable_ref=checkout.payable_ref).state == "closed"
    stock = Stock.objects.get(sku=stocked, location=warehouse)
    assert (stock.on_hand, stock.reserved) == (10, 0)
    assert services.checkouts_expire(now=later) == 0
    assert_ledger_balances()


def test_a_checkout_whose_payment_is_still_open_does_not_expire_yet(shopper, address, stocked):
    checkout = place(shopper, line(stocked, 1, address=address))
    Checkout.objects.filter(pk=checkout.pk).update(expires_at=timezone.now())
    assert services.checkouts_expire() == 0
    checkout.refresh_from_db()
    assert checkout.state == "pending_payment"


def test_paying_again_after_the_hold_lapsed_holds_the_stock_again(shopper, address, stocked, warehouse):
    checkout = place(shopper, line(stocked, 2, address=address))
    _lapse(checkout)
    payment = services.checkout_pay(actor=shopper, checkout=checkout, provider="sandbox")
    assert payment.state == "pending"
    line_ = checkout.orders.get().lines.get()
    assert line_.reservation.state == "held" and line_.reservation.expires_at > timezone.now()
    assert Stock.objects.get(sku=stocked, location=warehouse).reserved == 2


def test_a_lost_payment_event_is_settled_by_the_reconcile_sweep(shopper, address, stocked):
    checkout = place(shopper, line(stocked, 1, address=address))
    payment = Payment.objects.get(payable_ref=checkout.payable_ref)
    payment_services.payment_record(payment_id=payment.pk, status="paid", amount=payment.amount,
                                    provider_trade_no="LOST-1")  # the event never runs: not captured
    assert Order.objects.get().state == "pending_payment"
    assert services.checkouts_reconcile() == 1
    assert Order.objects.get().state == "paid"
