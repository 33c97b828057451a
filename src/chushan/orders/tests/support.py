"""Helpers for the order tests: place a checkout, pay it through the sandbox as a shopper would, snapshot
every row the orders and stock apps own."""

from chushan.inventory.models import Reservation, Stock, StockMovement
from chushan.orders import services
from chushan.orders.models import Cart, CartLine, Checkout, Order, OrderLine, OrderRefund, OrderTransition, PickupCode
from chushan.payments.models import Payment, Refund
from chushan.payments.services.sandbox import sandbox_notifications_deliver, sandbox_trade_pay


def line(sku, quantity=1, *, fulfilment="deliver", address=None, pickup_location=None):
    return services.LineRequest(sku=sku, quantity=quantity, fulfilment=fulfilment, address=address,
                                pickup_location=pickup_location)


def place(shopper, *lines, provider="sandbox"):
    return services.checkout_place(actor=shopper, provider=provider, lines=list(lines))


def pay(checkout, capture=None):
    """The shopper pays on the sandbox page; its notification arrives and the events run (as after commit)."""
    payment = Payment.objects.get(payable_ref=checkout.payable_ref, state__in=["pending", "paid"])
    if capture is None:
        sandbox_trade_pay(out_trade_no=payment.reference)
        sandbox_notifications_deliver()
        return payment
    with capture(execute=True):
        sandbox_trade_pay(out_trade_no=payment.reference)
        sandbox_notifications_deliver()
    payment.refresh_from_db()
    return payment


def snapshot() -> dict:
    """Every row orders and stock own, comparable before and after a refused request."""
    return {
        "carts": list(Cart.objects.order_by("pk").values_list("pk", "shopper_id")),
        "cart_lines": list(CartLine.objects.order_by("pk").values_list("pk", "sku_id", "quantity", "fulfilment",
                                                                       "pickup_location_id", "address_id")),
        "checkouts": list(Checkout.objects.order_by("pk").values_list("pk", "state", "total")),
        "orders": list(Order.objects.order_by("pk").values_list("pk", "state", "total", "refund_requested_amount")),
        "lines": list(OrderLine.objects.order_by("pk").values_list("pk", "quantity", "refunded_quantity",
                                                                   "restocked_quantity")),
        "transitions": OrderTransition.objects.count(),
        "codes": list(PickupCode.objects.order_by("pk").values_list("pk", "used_at")),
        "refunds": OrderRefund.objects.count(),
        "stock": list(Stock.objects.order_by("pk").values_list("pk", "on_hand", "reserved")),
        "movements": StockMovement.objects.count(),
        "reservations": list(Reservation.objects.order_by("pk").values_list("pk", "state")),
        "payments": list(Payment.objects.order_by("pk").values_list("pk", "state", "refund_committed_amount")),
        "payment_refunds": Refund.objects.count(),
    }
