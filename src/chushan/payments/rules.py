"""Pure payment rules: money, the monotonic state machine, and the sandbox's HMAC signature.

Provider notifications come duplicated, late and out of order, so every rule here is order-free: a payment's
state is the highest-ranked state any notification reported, and refunds add up once each. Whatever order
the same notifications arrive in, the figures come out the same.
"""

import hashlib
import hmac
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENDING, PAID, REFUNDED, CLOSED, FAILED, FLAGGED = "pending", "paid", "refunded", "closed", "failed", "flagged"
# A later notification may only move a payment up this ladder: paid beats a late "closed", a full refund
# beats a late duplicate "paid", and a wrong amount stays flagged for staff.
RANK = {PENDING: 0, FAILED: 1, CLOSED: 2, PAID: 3, REFUNDED: 4, FLAGGED: 5}
MONEY_IN_STATES = (PAID, REFUNDED)

REFUND_PENDING, REFUND_SUCCEEDED, REFUND_FAILED = "pending", "succeeded", "failed"
REFUND_RANK = {REFUND_PENDING: 0, REFUND_FAILED: 1, REFUND_SUCCEEDED: 2}

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")


class BadAmount(ValueError):
    pass


def cny(value) -> Decimal:
    """A positive CNY amount with at most two decimals, exactly; anything else is refused."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise BadAmount(str(value)) from exc
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT or amount != amount.quantize(CENT):
        raise BadAmount(str(value))
    return amount.quantize(CENT)


def to_fen(amount: Decimal) -> int:
    """Yuan to fen (分), as WeChat Pay counts."""
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_fen(fen: int) -> Decimal:
    return (Decimal(int(fen)) / 100).quantize(CENT)


@dataclass(frozen=True)
class Book:
    """A payment's figures as the rules see them."""

    state: str
    amount: Decimal
    refund_committed: Decimal = Decimal(0)
    refunded: Decimal = Decimal(0)


def _settled(book: Book) -> Book:
    if book.state == PAID and book.refunded >= book.amount:
        return replace(book, state=REFUNDED)
    return book


def observe_payment(book: Book, *, status: str, amount: Decimal | None = None) -> Book:
    """The book after a provider reported `status` (paid / closed / failed) for the payment."""
    target = status
    if status == PAID and amount is not None and amount != book.amount:
        target = FLAGGED
    if RANK[target] <= RANK[book.state]:
        return book
    return _settled(replace(book, state=target))


def refund_transition(current: str, observed: str) -> str:
    """A refund only moves forward: a success after a failure means the money did go back."""
    return observed if REFUND_RANK[observed] > REFUND_RANK[current] else current


def observe_refund(book: Book, *, before: str, after: str, amount: Decimal) -> Book:
    """The book after one refund of `amount` moved from `before` to `after`."""
    committed, refunded = book.refund_committed, book.refunded
    if before == REFUND_FAILED and after == REFUND_SUCCEEDED:
        committed += amount  # a failure released its room; the late success takes it back
    if after == REFUND_FAILED and before == REFUND_PENDING:
        committed -= amount
    if after == REFUND_SUCCEEDED and before != REFUND_SUCCEEDED:
        refunded += amount
    return _settled(replace(book, refund_committed=committed, refunded=refunded))


def became_paid(before: str, after: str) -> bool:
    """True on the one transition that announces the money is in."""
    return before not in MONEY_IN_STATES and after in MONEY_IN_STATES


def refund_problem(book: Book, amount: Decimal) -> str | None:
    """Why `amount` cannot be refunded now, or None."""
    if book.state not in (PAID,):
        return "not_paid" if book.state != REFUNDED else "fully_refunded"
    if book.refund_committed + amount > book.amount:
        return "over_limit"
    return None


# Sandbox signature --------------------------------------------------------------------------------------

def sandbox_signature(secret: str, *, timestamp: str, nonce: str, body: bytes) -> str:
    """HMAC-SHA256 over "timestamp\\nnonce\\nbody\\n", hex: the sandbox signs like WeChat Pay v3 lays out."""
    message = timestamp.encode() + b"\n" + nonce.encode() + b"\n" + body + b"\n"
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_matches(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), (given or "").encode())


def timestamp_is_fresh(timestamp: str, *, now: datetime, tolerance: timedelta) -> bool:
    """A signed delivery older (or newer) than the tolerance is a replay or a wrong clock: refused."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    return abs(now.timestamp() - sent) <= tolerance.total_seconds()
