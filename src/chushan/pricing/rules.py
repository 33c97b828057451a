"""Pure price rules (一物一价): one list price everywhere; any difference is an explicit promotion.

Values in, values out, no database. A promotion applies on its channels (none listed: every channel), inside
its time window [starts_at, ends_at), and for at most ``per_shopper_limit`` units per shopper. The shopper
always gets the lowest price that applies, never more than the list price and never less than one fen.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MAX_PRICE = Decimal("9999999.99")  # catalog.Sku.price is below 10,000,000
PRICE = "price"
PERCENT = "percent"
# A promotion longer than this is a price change, not a promotion: change the list price instead.
MAX_PROMOTION_DAYS = 366


@dataclass(frozen=True)
class PromotionTerms:
    """What a promotion says, as the rules see it. ``value`` is a price (CNY) or a percentage off."""

    id: int
    kind: str
    value: Decimal
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    channels: frozenset[str] = field(default_factory=frozenset)
    per_shopper_limit: int | None = None
    is_active: bool = True


@dataclass(frozen=True)
class Price:
    """The price a shopper pays per unit, and the promotion that explains it (None: the list price)."""

    amount: Decimal
    list_price: Decimal
    promotion_id: int | None = None

    @property
    def discount(self) -> Decimal:
        return self.list_price - self.amount


@dataclass(frozen=True)
class PricePart:
    """Some units of a line at one unit price: a line crossing a per-shopper limit has two parts."""

    quantity: int
    unit_price: Decimal
    list_price: Decimal
    promotion_id: int | None = None

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def applies(terms: PromotionTerms, *, channel: str, at: datetime.datetime) -> bool:
    """Active, inside its window (start included, end excluded) and on this channel."""
    return (terms.is_active and terms.starts_at <= at < terms.ends_at
            and (not terms.channels or channel in terms.channels))


def allowance(terms: PromotionTerms, used: int) -> int | None:
    """Units this shopper may still buy at the promotion's price; None when there is no limit."""
    if terms.per_shopper_limit is None:
        return None
    return max(terms.per_shopper_limit - max(used, 0), 0)


def promotion_unit_price(list_price: Decimal, terms: PromotionTerms) -> Decimal:
    """The unit price under one promotion: a fixed price or a percentage off, never above the list price."""
    off = list_price * (HUNDRED - terms.value) / HUNDRED if terms.kind == PERCENT else terms.value
    price = money(off)
    return min(max(price, CENT), list_price)


def _candidates(list_price, promotions, channel, at, used: Mapping[int, int]):
    """(price, promotion id, allowance) for every promotion that lowers the price now, best first."""
    found = []
    for terms in promotions:
        if not applies(terms, channel=channel, at=at):
            continue
        left = allowance(terms, used.get(terms.id, 0))
        price = promotion_unit_price(list_price, terms)
        if left != 0 and price < list_price:
            found.append((price, terms.id, left))
    return sorted(found, key=lambda c: (c[0], c[1]))


def effective_price(list_price: Decimal, promotions: Iterable[PromotionTerms], channel: str,
                    at: datetime.datetime, shopper_used: Mapping[int, int] | None = None) -> Price:
    """The unit price on ``channel`` at ``at`` for a shopper who has used ``shopper_used[promotion id]`` units."""
    best = _candidates(list_price, list(promotions), channel, at, shopper_used or {})
    if not best:
        return Price(amount=list_price, list_price=list_price)
    price, promotion_id, _left = best[0]
    return Price(amount=price, list_price=list_price, promotion_id=promotion_id)


def line_prices(list_price: Decimal, promotions: Iterable[PromotionTerms], channel: str, at: datetime.datetime,
                quantity: int, shopper_used: Mapping[int, int] | None = None) -> list[PricePart]:
    """Price ``quantity`` units: the best promotion while its per-shopper allowance lasts, then the next, then
    the list price. Parts come cheapest first and their quantities add up to ``quantity``."""
    promotions = list(promotions)
    used = dict(shopper_used or {})
    parts: list[PricePart] = []
    left = quantity
    while left > 0:
        best = _candidates(list_price, promotions, channel, at, used)
        if not best:
            parts.append(PricePart(quantity=left, unit_price=list_price, list_price=list_price))
            break
        price, promotion_id, allowed = best[0]
        take = left if allowed is None else min(left, allowed)
        parts.append(PricePart(quantity=take, unit_price=price, list_price=list_price, promotion_id=promotion_id))
        used[promotion_id] = used.get(promotion_id, 0) + take
        left -= take
    return parts


def explained_prices(list_price: Decimal, promotions: Iterable[PromotionTerms], channel: str,
                     at: datetime.datetime) -> set[Decimal]:
    """Every unit price a shopper could rightly have been charged on this channel at that time: the list price,
    or the price of a promotion in force there (per-shopper limits can make either one right)."""
    prices = {list_price}
    for terms in promotions:
        if applies(terms, channel=channel, at=at):
            prices.add(promotion_unit_price(list_price, terms))
    return prices


def order_totals(parts: Iterable[PricePart], shipping_fee: Decimal = Decimal("0.00")) -> dict[str, Decimal]:
    """subtotal (at list prices), discount (what promotions took off), shipping fee and total."""
    parts = list(parts)
    subtotal = sum((p.list_price * p.quantity for p in parts), Decimal("0.00"))
    paid = sum((p.total for p in parts), Decimal("0.00"))
    return {"subtotal": money(subtotal), "discount": money(subtotal - paid), "shipping_fee": money(shipping_fee),
            "total": money(paid + shipping_fee)}


# Validation of a promotion the seller writes ----------------------------------------------------------------

def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool | float):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def promotion_problems(*, kind: str, value, starts_at, ends_at, per_shopper_limit) -> dict[str, list[str]]:
    """Field errors of a promotion's terms, or {} when they are sound."""
    errors: dict[str, list[str]] = {}
    number = _decimal(value)
    if kind not in (PRICE, PERCENT):
        errors["kind"] = [_("Choose a fixed promotional price or a percentage off.")]
    elif number is None or number != number.quantize(CENT):
        errors["value"] = [_("Enter a number with at most two decimals.")]
    elif kind == PRICE and not (Decimal(0) < number <= MAX_PRICE):
        errors["value"] = [_("Enter a promotional price above zero, in yuan.")]
    elif kind == PERCENT and not (Decimal(0) < number < HUNDRED):
        errors["value"] = [_("Enter a percentage off between 0 and 100, such as 15 for fifteen percent off.")]
    if not (isinstance(starts_at, datetime.datetime) and isinstance(ends_at, datetime.datetime)):
        errors["ends_at"] = [_("Give the date and time the promotion starts and ends.")]
    elif ends_at <= starts_at:
        errors["ends_at"] = [_("A promotion ends after it starts.")]
    elif ends_at - starts_at > datetime.timedelta(days=MAX_PROMOTION_DAYS):
        errors["ends_at"] = [_("A promotion lasts at most a year; change the list price instead.")]
    if per_shopper_limit is not None and (isinstance(per_shopper_limit, bool)
                                          or not isinstance(per_shopper_limit, int)
                                          or not 1 <= per_shopper_limit <= 100_000):
        errors["per_shopper_limit"] = [_("Enter a whole number of units from 1, or leave it empty for no limit.")]
    return errors
