"""Cancelling before the goods leave: an unpaid order frees its hold; a paid one goes back on the shelf and is
refunded; a shipped one cannot be cancelled; an uncollected pick-up is released after the hold days."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from chushan.core.errors import Conflict, NotFound, PermissionDenied
from chushan.inventory.models import Stock, StockMovement
from chushan.orders import services
from chushan.orders.models import Checkout, Order, OrderRefund, PickupCode
from chushan.orders.tests.conftest import assert_ledger_balances
from chushan.orders.tests.support import line, pay, place, snapshot
from chushan.payments.models import Payment
from chushan.pricing.models import PromotionUsage
from chushan.pricing.tests.factories import PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(shopper, address, stocked, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 2, address=address))
    pay(checkout, django_capture_on_commit_callbacks)
    return checkout.orders.get()


def test_an_unpaid_order_cancelled_frees_its_hold_and_closes_the_payment(shopper, address, stocked, warehouse):
    checkout = place(shopper, line(stocked, 2, address=address))
    order = services.order_cancel(actor=shopper, order=checkout.orders.get(), reason="买错了")
    assert order.state == "cancelled"
    checkout.refresh_from_db()
    assert (checkout.state, checkout.total) == ("cancelled", Decimal("0"))
    assert Payment.objects.get(payable_ref=checkout.payable_ref).state == "closed"
    stock = Stock.objects.get(sku=stocked, location=warehouse)
    assert (stock.on_hand, stock.reserved) == (10, 0)
    assert order.transitions.last().reason == "买错了"
    assert_ledger_balances()


def test_cancelling_one_of_two_unpaid_orders_lowers_what_is_due(shopper, address, stocked, shop):
    checkout = place(shopper, line(stocked, 1, address=address), line(stocked, 1, fulfilment="pickup",
                                                                      pickup_location=shop))
    pickup = checkout.orders.get(kind="pickup")
    services.order_cancel(actor=shopper, order=pickup)
    checkout.refresh_from_db()
    assert (checkout.state, checkout.total) == ("pending_payment", Decimal("100.00"))
    payment = services.checkout_pay(actor=shopper, checkout=checkout, provider="sandbox")
    assert payment.amount == Decimal("100.00")


def test_a_paid_order_cancelled_goes_back_on_the_shelf_and_is_refunded(paid, shopper, stocked, warehouse,
                                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.order_cancel(actor=shopper, order=paid, reason="不要了")
    paid.refresh_from_db()
    assert paid.state == "refunded"
    assert (paid.refund_requested_amount, paid.refunded_amount) == (Decimal("200.00"), Decimal("200.00"))
    stock = Stock.objects.get(sku=stocked, location=warehouse)
    assert (stock.on_hand, stock.reserved) == (10, 0)
    assert paid.lines.get().restocked_quantity == 2
    assert [t.to_state for t in paid.transitions.all()] == ["pending_payment", "paid", "cancelled", "refunded"]
    assert_ledger_balances()


def test_the_seller_cancels_a_packed_order(paid, owner, django_capture_on_commit_callbacks):
    services.order_pack(actor=owner, order=paid)
    with django_capture_on_commit_callbacks(execute=True):
        services.order_cancel(actor=owner, order=paid, reason="破损")
    paid.refresh_from_db()
    assert paid.state == "refunded"
    assert paid.transitions.get(to_state="cancelled").actor == owner


def test_a_shipped_order_cannot_be_cancelled(paid, owner, shopper):
    services.order_pack(actor=owner, order=paid)
    services.order_ship(actor=owner, order=paid, tracking_number="SF123")
    before = snapshot()
    with pytest.raises(Conflict):
        services.order_cancel(actor=shopper, order=paid)
    assert snapshot() == before


def test_another_shopper_cannot_cancel_and_nothing_changes(paid, stranger, rival):
    before = snapshot()
    with pytest.raises(NotFound):
        services.order_cancel(actor=stranger, order=paid)
    with pytest.raises(NotFound):
        services.order_cancel(actor=rival, order=paid)
    assert snapshot() == before


def test_a_cancelled_order_gives_back_its_promotion_units(shopper, address, stocked, seller):
    promotion = PromotionFactory(seller=seller, skus=[stocked], per_shopper_limit=2)
    checkout = place(shopper, line(stocked, 2, address=address))
    assert PromotionUsage.objects.get(promotion=promotion, shopper=shopper).used == 2
    services.order_cancel(actor=shopper, order=checkout.orders.get())
    assert PromotionUsage.objects.get(promotion=promotion, shopper=shopper).used == 0


def test_an_uncollected_pickup_is_released_after_the_hold_days(shopper, stocked, shop, owner, settings,
                                                                django_capture_on_commit_callbacks):
    settings.CHUSHAN_PICKUP_HOLD_DAYS = 3
    checkout = place(shopper, line(stocked, 1, fulfilment="pickup", pickup_location=shop))
    pay(checkout, django_capture_on_commit_callbacks)
    order = checkout.orders.get()
    services.order_ready_for_pickup(actor=owner, order=order)
    code = PickupCode.objects.get(order=order)
    assert code.expires_at - code.ready_at == datetime.timedelta(days=3)
    assert services.pickups_release_uncollected(now=timezone.now() + datetime.timedelta(days=2)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.pickups_release_uncollected(now=timezone.now() + datetime.timedelta(days=3, seconds=1)) == 1
    order.refresh_from_db()
    assert order.state == "refunded"
    cancelled = order.transitions.get(to_state="cancelled")
    assert (cancelled.reason_code, cancelled.reason_params, cancelled.reason) == ("not_collected", {"days": 3}, "")
    with translation.override("en"):
        assert cancelled.message == "Not collected within 3 days."
    stock = Stock.objects.get(sku=stocked, location=shop)
    assert (stock.on_hand, stock.reserved) == (3, 0)
    assert OrderRefund.objects.get(order=order).amount == Decimal("100.00")
    assert_ledger_balances()


def test_the_shopper_confirms_receipt(paid, owner, shopper):
    services.order_pack(actor=owner, order=paid)
    services.order_ship(actor=owner, order=paid)
    services.order_confirm_received(actor=shopper, order=paid)
    paid.refresh_from_db()
    assert paid.state == "completed" and paid.closed_at is not None


def test_a_shopper_cannot_pack_their_own_order(paid, shopper):
    with pytest.raises(PermissionDenied):
        services.order_pack(actor=shopper, order=paid)
    assert Order.objects.get(pk=paid.pk).state == "paid"


def test_the_checkout_of_a_cancelled_paid_order_stays_paid(paid, shopper):
    services.order_cancel(actor=shopper, order=paid)
    assert Checkout.objects.get(pk=paid.checkout_id).state == "paid"


def test_the_ledger_says_who_cancelled_in_the_sellers_language_not_the_shoppers(shopper, address, stocked, warehouse):
    checkout = place(shopper, line(stocked, 2, address=address))
    with translation.override("en"):
        services.order_cancel(actor=shopper, order=checkout.orders.get())
    release = StockMovement.objects.get(stock__sku=stocked, stock__location=warehouse, kind="release")
    assert release.reason_code == "orders:cancelled_by_shopper"
    with translation.override("zh-hans"):
        chinese = release.reason_text
    with translation.override("en"):
        assert release.reason_text == "Cancelled by the shopper."
    assert chinese and chinese != "Cancelled by the shopper."


def test_a_typed_cancellation_reason_goes_into_the_ledger_as_typed(paid, warehouse):
    services.order_cancel(actor=paid.shopper, order=paid, reason="买错了")
    back = StockMovement.objects.get(kind="return", reference=paid.number)
    assert (back.reason, back.reason_code, back.reason_text) == ("买错了", "", "买错了")
