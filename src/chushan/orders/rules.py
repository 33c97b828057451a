"""Pure order rules: the state machine (who may move an order from which state to which), order numbers,
pick-up codes, grouping a cart into orders, refund arithmetic. No database."""

import datetime
import re
import secrets
from decimal import Decimal

from django.utils.translation import gettext as _

from chushan.core.errors import Unprocessable

# States (Order.State uses the same words).
PENDING_PAYMENT = "pending_payment"
PAID = "paid"
PACKED = "packed"
SHIPPED = "shipped"
READY_FOR_PICKUP = "ready_for_pickup"
DELIVERED = "delivered"
PICKED_UP = "picked_up"
COMPLETED = "completed"
CANCELLED = "cancelled"
REFUNDED = "refunded"

# How an order is handed over, and how each line is fulfilled.
DELIVERY = "delivery"
PICKUP = "pickup"
DELIVER = "deliver"
SHIP_FROM_SHOP = "ship_from_shop"
FULFILMENTS = (DELIVER, PICKUP, SHIP_FROM_SHOP)

# Who acts: the platform itself (a payment notification, a periodic task), an operator (staff), the seller's
# staff, or the shopper who placed the order.
PLATFORM, OPERATOR, SELLER, SHOPPER = "platform", "operator", "seller", "shopper"

# The allowed transitions: (from, to) → which kind of order it applies to (None: both) and who may make it.
# Operators may make any allowed transition; the platform may make any allowed transition too.
TRANSITIONS: dict[tuple[str, str], tuple[str | None, frozenset[str]]] = {
    (PENDING_PAYMENT, PAID): (None, frozenset()),
    (PENDING_PAYMENT, CANCELLED): (None, frozenset({SHOPPER, SELLER})),
    (PAID, PACKED): (None, frozenset({SELLER})),
    (PAID, READY_FOR_PICKUP): (PICKUP, frozenset({SELLER})),  # at a shop the goods are already there
    (PAID, CANCELLED): (None, frozenset({SHOPPER, SELLER})),
    (PACKED, SHIPPED): (DELIVERY, frozenset({SELLER})),
    (PACKED, READY_FOR_PICKUP): (PICKUP, frozenset({SELLER})),
    (PACKED, CANCELLED): (None, frozenset({SHOPPER, SELLER})),
    (SHIPPED, DELIVERED): (DELIVERY, frozenset({SELLER, SHOPPER})),
    (READY_FOR_PICKUP, PICKED_UP): (PICKUP, frozenset({SELLER})),
    (READY_FOR_PICKUP, CANCELLED): (PICKUP, frozenset({SHOPPER, SELLER})),  # includes uncollected release
    (DELIVERED, COMPLETED): (DELIVERY, frozenset({SHOPPER})),
    (PICKED_UP, COMPLETED): (PICKUP, frozenset({SHOPPER})),
    # Refunded: when every yuan of the order has gone back (after a cancellation or after-sales).
    (CANCELLED, REFUNDED): (None, frozenset()),
    (DELIVERED, REFUNDED): (DELIVERY, frozenset()),
    (PICKED_UP, REFUNDED): (PICKUP, frozenset()),
    (COMPLETED, REFUNDED): (None, frozenset()),
}
# Before the goods leave: a cancellation puts them back on the shelf and refunds what was paid.
CANCELLABLE = frozenset({PENDING_PAYMENT, PAID, PACKED, READY_FOR_PICKUP})
# Money is in for these; after-sales may refund lines of them.
REFUNDABLE = frozenset({PAID, PACKED, SHIPPED, READY_FOR_PICKUP, DELIVERED, PICKED_UP, COMPLETED})
CLOSING = frozenset({COMPLETED, CANCELLED, REFUNDED})

MAX_LINE_QUANTITY = 999
MAX_CART_LINES = 100
MOBILE_PATTERN = r"^1[3-9][0-9]{9}$"
PICKUP_CODE_PATTERN = re.compile(r"^[0-9]{8}$")
ZERO = Decimal("0.00")


def transition_allowed(from_state: str, to_state: str, *, kind: str) -> bool:
    rule = TRANSITIONS.get((from_state, to_state))
    return rule is not None and rule[0] in (None, kind)


def may_transition(from_state: str, to_state: str, *, kind: str, role: str) -> bool:
    """Whether ``role`` may move an order of ``kind`` from ``from_state`` to ``to_state``."""
    if not transition_allowed(from_state, to_state, kind=kind):
        return False
    return role in (PLATFORM, OPERATOR) or role in TRANSITIONS[(from_state, to_state)][1]


def next_states(state: str, *, kind: str, role: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == state and may_transition(frm, to, kind=kind, role=role)]


def order_kind(fulfilment: str) -> str:
    return PICKUP if fulfilment == PICKUP else DELIVERY


def group_key(*, seller_id: int, fulfilment: str, pickup_location_id: int | None, address_id: int | None) -> tuple:
    """Lines sharing a seller and a place of hand-over make one order."""
    if fulfilment == PICKUP:
        return (seller_id, PICKUP, pickup_location_id)
    return (seller_id, DELIVERY, address_id)


def number(prefix: str, day: datetime.date, pk: int) -> str:
    """A human-readable number such as CS20261126-000123 (unique because the primary key is)."""
    return f"{prefix}{day:%Y%m%d}-{pk:06d}"


def new_pickup_code() -> str:
    return f"{secrets.randbelow(10**8):08d}"


def check_pickup_code(value) -> str:
    code = (value or "").strip() if isinstance(value, str) else ""
    if not PICKUP_CODE_PATTERN.match(code):
        message = _("A pick-up code is 8 digits.")
        raise Unprocessable(message, code="invalid_pickup_code", errors={"code": [message]})
    return code


def pickup_expiry(ready_at: datetime.datetime, hold_days: int) -> datetime.datetime:
    """An order ready for pick-up is kept this long; then it is released, restocked and refunded."""
    return ready_at + datetime.timedelta(days=hold_days)


def check_line_quantity(value, *, field: str = "quantity") -> int:
    """A whole number of units from 1 to MAX_LINE_QUANTITY; fractions, zero and negatives are refused."""
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LINE_QUANTITY:
        message = _("Enter a whole number of units from 1 to %(max)d.") % {"max": MAX_LINE_QUANTITY}
        raise Unprocessable(message, code="invalid_quantity", errors={field: [message]})
    return value


def refund_left(*, total: Decimal, requested: Decimal) -> Decimal:
    """What may still be refunded on an order."""
    return max(total - requested, ZERO)


def lines_refund_amount(lines: list[tuple[Decimal, int]]) -> Decimal:
    """The money for refunding ``units`` of lines priced ``unit_price`` each."""
    return sum((unit_price * units for unit_price, units in lines), ZERO)


def money_kept(paid_orders: list[tuple[Decimal, Decimal]]) -> Decimal:
    """Of a checkout's payment, what the paid orders keep: each total less what it has asked back."""
    return sum((total - requested for total, requested in paid_orders), ZERO)


def shipping_fee(*, kind: str, subtotal: Decimal) -> Decimal:
    """Delivery is free on Chushan for now; pick-up always is."""
    return ZERO
