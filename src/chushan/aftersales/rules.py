"""Pure after-sales rules: which requests an order allows, how many units may still come back, the states a
return request moves through, deadlines, and who may own a ticket. Values in, values out, no database."""

import datetime

from django.utils.translation import gettext as _

from chushan.core.errors import Unprocessable

# Kinds of request (退货退款 / 仅退款 / 换货).
RETURN, REFUND_ONLY, EXCHANGE = "return", "refund_only", "exchange"
KINDS = (RETURN, REFUND_ONLY, EXCHANGE)

# Why the shopper asks. Faults of the goods need a photo; a change of mind does not.
DAMAGED, DEFECTIVE, WRONG_ITEM, NOT_AS_DESCRIBED, MISSING, NOT_RECEIVED, CHANGED_MIND, OTHER = (
    "damaged", "defective", "wrong_item", "not_as_described", "missing_parts", "not_received", "changed_mind",
    "other")
REASONS = (DAMAGED, DEFECTIVE, WRONG_ITEM, NOT_AS_DESCRIBED, MISSING, NOT_RECEIVED, CHANGED_MIND, OTHER)
PHOTO_REASONS = frozenset({DAMAGED, DEFECTIVE, WRONG_ITEM, NOT_AS_DESCRIBED})
MAX_PHOTOS = 6

# States of a return request.
REQUESTED, APPROVED, REJECTED, ESCALATED = "requested", "approved", "rejected", "escalated"
RECEIVED, REFUNDED, EXCHANGED, CANCELLED = "received", "refunded", "exchanged", "cancelled"
# Units in these requests are spoken for: they may not be asked for again. Refunded units are counted by the
# order line's own refunded_quantity instead.
LIVE = frozenset({REQUESTED, ESCALATED, APPROVED, RECEIVED, EXCHANGED})
UNDECIDED = frozenset({REQUESTED, ESCALATED})
CLOSED = frozenset({REJECTED, REFUNDED, EXCHANGED, CANCELLED})

# What happens when the seller lets the decision deadline pass.
ON_MISS_APPROVE, ON_MISS_ESCALATE = "approve", "escalate"

# Order states that allow each kind: goods in the shopper's hands for a return or exchange; refund-only also
# for goods on their way (lost in transit).
HANDED_OVER = frozenset({"delivered", "picked_up", "completed"})
ALLOWED_ORDER_STATES = {RETURN: HANDED_OVER, EXCHANGE: HANDED_OVER,
                        REFUND_ONLY: HANDED_OVER | {"shipped"}}

# Ticket owners and roles.
OWNER_SELLER, OWNER_LOCATION, OWNER_PLATFORM = "seller", "location", "platform"
OWNER_KINDS = (OWNER_SELLER, OWNER_LOCATION, OWNER_PLATFORM)
SHOPPER, SELLER, PLATFORM, SYSTEM = "shopper", "seller", "platform", "system"
CATEGORIES = ("delivery", "quality", "return", "pickup", "payment", "other")
UPHELD, NOT_UPHELD, RESOLVED, WITHDRAWN = "upheld", "not_upheld", "resolved", "withdrawn"
MAX_MESSAGE = 2000


def order_refusal(*, kind: str, order_state: str) -> str | None:
    """Why this order cannot have a request of this kind now, or None."""
    if order_state in ALLOWED_ORDER_STATES[kind]:
        return None
    if order_state in ("pending_payment", "paid", "packed", "ready_for_pickup"):
        return _("The goods have not reached you yet: cancel the order instead and the money comes back.")
    if kind != REFUND_ONLY and order_state == "shipped":
        return _("The goods are on their way; ask for a return once they have arrived, or for a refund only if "
                 "they never do.")
    return _("This order can no longer have an after-sales request.")


def units_left(*, quantity: int, refunded: int, requested: int) -> int:
    """Units of an order line that may still be asked for: bought, less refunded, less those in live requests."""
    return max(quantity - refunded - requested, 0)


def check_units(value, *, left: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        message = _("Enter a whole number of units.")
        raise Unprocessable(message, code="invalid_quantity", errors={field: [message]})
    if not 1 <= value <= left:
        message = (_("Ask for 1 to %(left)d units of this line.") % {"left": left} if left
                   else _("Every unit of this line has been returned or asked for already."))
        raise Unprocessable(message, code="invalid_quantity", errors={field: [message]})
    return value


def photos_required(reason: str) -> bool:
    return reason in PHOTO_REASONS


def deadline(now: datetime.datetime, hours: float) -> datetime.datetime:
    return now + datetime.timedelta(hours=hours)


def is_missed(deadline_at: datetime.datetime, now: datetime.datetime) -> bool:
    """A deadline is missed at its instant, not a moment later."""
    return deadline_at <= now


# The return request's state machine: (from, to) → who may make it. The platform (a task) may make any.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (REQUESTED, APPROVED): frozenset({SELLER, PLATFORM}),
    (REQUESTED, REJECTED): frozenset({SELLER, PLATFORM}),
    (REQUESTED, ESCALATED): frozenset({PLATFORM}),
    (REQUESTED, CANCELLED): frozenset({SHOPPER}),
    (ESCALATED, APPROVED): frozenset({PLATFORM}),
    (ESCALATED, REJECTED): frozenset({PLATFORM}),
    (ESCALATED, CANCELLED): frozenset({SHOPPER}),
    (APPROVED, RECEIVED): frozenset({SELLER, PLATFORM}),
    (APPROVED, REFUNDED): frozenset({SELLER, PLATFORM}),  # refund-only: money back on approval
    (APPROVED, CANCELLED): frozenset({SHOPPER}),
    (RECEIVED, REFUNDED): frozenset({SELLER, PLATFORM}),
    (RECEIVED, EXCHANGED): frozenset({SELLER, PLATFORM}),
}


def may_move(from_state: str, to_state: str, *, role: str) -> bool:
    allowed = TRANSITIONS.get((from_state, to_state))
    return allowed is not None and (role == PLATFORM or role in allowed)


def next_step(*, kind: str, state: str) -> str | None:
    """What an approved or received request waits for next, by kind."""
    if state == APPROVED:
        return REFUNDED if kind == REFUND_ONLY else RECEIVED
    if state == RECEIVED:
        return EXCHANGED if kind == EXCHANGE else REFUNDED
    return None


def check_text(value, *, field: str, max_length: int, required: bool = True) -> str:
    """Free text: trimmed, bounded, no NUL or other control characters (newlines and tabs allowed)."""
    text = value.strip() if isinstance(value, str) else None
    bad = text is None or len(text) > max_length or any(ord(ch) < 32 and ch not in "\n\r\t" for ch in text)
    if bad or (required and not text):
        message = (_("Write this, in at most %(n)d characters.") if required
                   else _("Use at most %(n)d characters.")) % {"n": max_length}
        raise Unprocessable(message, code="invalid_text", errors={field: [message]})
    return text


def number(prefix: str, day: datetime.date, pk: int) -> str:
    return f"{prefix}{day:%Y%m%d}-{pk:06d}"
