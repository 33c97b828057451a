"""The platform's own words in an order's history, and in what an order leaves in the stock ledger. They are
stored as a code with parameters and translated when shown, so every reader sees them in their own language;
what a person typed is stored as it is. Other apps' records name them as "orders:code" (core.messages)."""

from django.utils.translation import gettext_lazy as _

from chushan.core import messages

ORDER_PLACED = "order_placed"
PAYMENT_RECEIVED = "payment_received"
SOLD_OUT_AFTER_LAPSE = "sold_out_after_lapse"
NOT_PAID_IN_TIME = "not_paid_in_time"
REFUNDED_IN_FULL = "refunded_in_full"
PACKED = "packed"
SHIPPED = "shipped"
SHIPPED_TRACKING = "shipped_tracking"
DELIVERED = "delivered"
RECEIPT_CONFIRMED = "receipt_confirmed"
READY_FOR_PICKUP = "ready_for_pickup"
COLLECTED_AT = "collected_at"
CANCELLED = "cancelled"
CANCELLED_BY_SHOPPER = "cancelled_by_shopper"
CANCELLED_BY_SELLER = "cancelled_by_seller"
NOT_COLLECTED = "not_collected"
HOLD_LAPSED = "hold_lapsed"
HOLD_LAPSED_SOLD_OUT = "hold_lapsed_sold_out"

NAMESPACE = "orders"

MESSAGES = {
    ORDER_PLACED: _("Order placed."),
    PAYMENT_RECEIVED: _("Payment received."),
    SOLD_OUT_AFTER_LAPSE: _("Paid after the stock hold lapsed, and it sold out meanwhile; refunded in full."),
    NOT_PAID_IN_TIME: _("Not paid in time."),
    REFUNDED_IN_FULL: _("Refunded in full."),
    PACKED: _("Packed."),
    SHIPPED: _("Shipped."),
    SHIPPED_TRACKING: _("Shipped %(tracking)s."),
    DELIVERED: _("Delivered."),
    RECEIPT_CONFIRMED: _("The shopper confirmed receipt."),
    READY_FOR_PICKUP: _("Ready for pick-up."),
    COLLECTED_AT: _("Collected at %(shop)s."),
    CANCELLED: _("Cancelled."),
    CANCELLED_BY_SHOPPER: _("Cancelled by the shopper."),
    CANCELLED_BY_SELLER: _("Cancelled by the seller."),
    NOT_COLLECTED: _("Not collected within %(days)d days."),
    HOLD_LAPSED: _("Lapsed before payment."),
    HOLD_LAPSED_SOLD_OUT: _("Paid after the hold lapsed; sold out."),
}


def named(code: str) -> str:
    """``code`` as another app's record names it ("orders:code"; "" for no code)."""
    return messages.named(NAMESPACE, code)


def render(code: str, params: dict | None, fallback: str = "") -> str:
    """The message for ``code`` in the active language; ``fallback`` (the stored text) for an unknown code,
    which is what rows written before codes existed carry."""
    return messages.render(MESSAGES, code, params, fallback)
