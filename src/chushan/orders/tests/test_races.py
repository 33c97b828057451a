"""Real threads over real PostgreSQL connections: never oversell, never mark paid twice, never hand over twice.
Skipped on SQLite (see src/chushan/conftest.py)."""

from decimal import Decimal

import pytest
from django.test import Client

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.tests.factories import SkuFactory
from chushan.core.testing import race
from chushan.inventory import services as stock_services
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Stock, StockMovement
from chushan.inventory.tests.factories import LocationFactory, ShopFactory
from chushan.inventory.tests.support import restore_reference_data
from chushan.orders import services
from chushan.orders.models import Checkout, Order, OrderTransition, PickupCode
from chushan.orders.tests.conftest import assert_ledger_balances
from chushan.orders.tests.factories import AddressFactory
from chushan.orders.tests.support import line, place
from chushan.payments.models import Payment, PaymentNotification, Refund
from chushan.payments.services.sandbox import sandbox_trade_pay
from chushan.payments.tests.support import as_http_headers, sandbox_body, signed
from chushan.sellers.tests.factories import MembershipFactory, SellerFactory

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    restore_reference_data()



@pytest.fixture
def hot():
    """A seller with the last 10 units of one SKU in its warehouse."""
    seller = SellerFactory()
    owner = MembershipFactory(seller=seller).user
    sku = SkuFactory(product__seller=seller, price=Decimal("58.00"))
    warehouse = LocationFactory(seller=seller)
    stock_services.stock_receive(actor=owner, sku=sku, location=warehouse, quantity=10)
    return sku


def test_64_shoppers_racing_for_the_last_10_units_through_checkout_and_payment(hot):
    shoppers = [UserFactory() for _ in range(64)]
    addresses = [AddressFactory(shopper=s) for s in shoppers]

    def buy(i):
        checkout = place(shoppers[i], line(hot, 1, address=addresses[i]))
        payment = Payment.objects.get(payable_ref=checkout.payable_ref)
        sandbox_trade_pay(out_trade_no=payment.reference)  # its notification is delivered on commit
        return checkout.pk

    outcomes = race(64, buy, timeout=300)
    unexpected = [exc for kind, exc in outcomes if kind == "error" and not isinstance(exc, InsufficientStock)]
    assert unexpected == []
    assert sum(kind == "ok" for kind, _v in outcomes) == 10
    assert Order.objects.filter(state="paid").count() == 10
    assert Checkout.objects.filter(state="paid").count() == 10
    assert Payment.objects.filter(state="paid").count() == 10 and not Refund.objects.exists()
    stock = Stock.objects.get(sku=hot)
    assert (stock.on_hand, stock.reserved) == (0, 0)
    assert StockMovement.objects.filter(kind="sale").count() == 10
    assert OrderTransition.objects.filter(to_state="paid").count() == 10
    assert_ledger_balances()


def test_a_payment_notification_delivered_5_times_at_once_marks_the_order_paid_once(hot):
    shopper = UserFactory()
    checkout = place(shopper, line(hot, 2, address=AddressFactory(shopper=shopper)))
    payment = Payment.objects.get(payable_ref=checkout.payable_ref)
    body = sandbox_body(payment, event_id="SN-RACE-5")

    def deliver(_i):
        return Client().post("/api/v1/payments/notify/sandbox", body, content_type="application/json",
                             **as_http_headers(signed(body)))

    outcomes = race(5, deliver, timeout=300)
    assert [(kind, value.status_code) for kind, value in outcomes] == [("ok", 200)] * 5
    assert PaymentNotification.objects.count() == 1
    order = Order.objects.get()
    assert order.state == "paid"
    assert order.transitions.filter(to_state="paid").count() == 1
    assert StockMovement.objects.filter(kind="sale").count() == 1
    stock = Stock.objects.get(sku=hot)
    assert (stock.on_hand, stock.reserved) == (8, 0)
    assert_ledger_balances()


def test_settling_one_payment_five_times_at_once_sells_once(hot):
    shopper = UserFactory()
    checkout = place(shopper, line(hot, 1, address=AddressFactory(shopper=shopper)))
    payment = Payment.objects.get(payable_ref=checkout.payable_ref)
    Payment.objects.filter(pk=payment.pk).update(state="paid")  # as if recorded, its event not yet run
    outcomes = race(5, lambda _i: services.checkout_payment_settle(payable_ref=checkout.payable_ref,
                                                                   payment_id=payment.pk), timeout=300)
    assert [kind for kind, _v in outcomes] == ["ok"] * 5
    assert OrderTransition.objects.filter(to_state="paid").count() == 1
    assert StockMovement.objects.filter(kind="sale").count() == 1
    assert not Refund.objects.exists()
    assert_ledger_balances()


def test_a_pickup_code_used_by_two_clerks_at_once_hands_over_once(hot):
    seller = hot.product.seller
    owner = seller.memberships.get().user
    clerks = [MembershipFactory(seller=seller, role="staff").user for _ in range(2)]
    shop = ShopFactory(seller=seller)
    stock_services.stock_receive(actor=owner, sku=hot, location=shop, quantity=2)
    shopper = UserFactory()
    checkout = place(shopper, line(hot, 1, fulfilment="pickup", pickup_location=shop))
    sandbox_trade_pay(out_trade_no=Payment.objects.get(payable_ref=checkout.payable_ref).reference)
    order = Order.objects.get()
    services.order_ready_for_pickup(actor=owner, order=order)
    code = PickupCode.objects.get().code
    outcomes = race(2, lambda i: services.order_pickup_complete(actor=clerks[i], location=shop, code=code), timeout=300)
    done = [value for kind, value in outcomes if kind == "ok"]
    refused = [value for kind, value in outcomes if kind == "error"]
    assert len(done) == 1 and len(refused) == 1
    assert refused[0].status == 409
    assert Order.objects.get().state == "picked_up"
    assert OrderTransition.objects.filter(to_state="picked_up").count() == 1
    assert PickupCode.objects.get().used_by in clerks


def test_cancelling_while_the_payment_lands_never_keeps_both_the_money_and_the_cancellation(hot):
    shopper = UserFactory()
    checkout = place(shopper, line(hot, 3, address=AddressFactory(shopper=shopper)))
    payment = Payment.objects.get(payable_ref=checkout.payable_ref)
    order = Order.objects.get()

    def work(i):
        if i == 0:
            return sandbox_trade_pay(out_trade_no=payment.reference)
        return services.order_cancel(actor=shopper, order=order, reason="race")

    race(2, work, timeout=300)
    order.refresh_from_db()
    payment.refresh_from_db()
    if order.state == "paid":
        assert payment.state == "paid" and not Refund.objects.exists()
        assert Stock.objects.get(sku=hot).on_hand == 7
    else:
        assert order.state in ("cancelled", "refunded")
        kept = payment.amount - payment.refund_committed_amount if payment.state in ("paid", "refunded") else 0
        assert kept == 0
        assert Stock.objects.get(sku=hot).on_hand == 10
    assert Stock.objects.get(sku=hot).reserved == 0
    assert_ledger_balances()
