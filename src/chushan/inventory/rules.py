"""Pure stock rules: quantities, availability, expiry, nearness, consignment settlement. No database."""

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from chushan.core.errors import Unprocessable
from chushan.core.gs1 import lot_problem

# One operation moves at most this many units; more is a typo, not a delivery.
MAX_QUANTITY = 100_000
# The most a location may hold of one SKU; keeps every counter far from the integer limit.
MAX_ON_HAND = 100_000_000
MIN_TTL_SECONDS = 1
MAX_TTL_SECONDS = 7 * 24 * 3600

# Channel codes seeded by the data migration; a new channel is a row, not a code change.
WEB = "web"
SHOP_COUNTER = "shop_counter"
CONSIGNMENT_COUNTER = "consignment_counter"
LIVE_STREAM = "live_stream"
INSTITUTIONAL = "institutional"
COUNTER_CHANNELS = frozenset({SHOP_COUNTER, CONSIGNMENT_COUNTER})

# Which channels a new location sells on, by kind; sellers change it per location.
DEFAULT_CHANNELS = {
    "warehouse": [WEB, LIVE_STREAM, INSTITUTIONAL],
    "shop": [WEB, SHOP_COUNTER, LIVE_STREAM],
    "workshop": [WEB, SHOP_COUNTER],
    "consignment": [CONSIGNMENT_COUNTER],
}

# The shape of every ledger entry: the sign of (on_hand_delta, reserved_delta): "+" positive, "-" negative,
# "0" zero, "-0" zero or negative, "±" anything but zero. The database enforces the same table.
MOVEMENT_SHAPES = {
    "receipt": ("+", "0"),
    "reservation": ("0", "+"),
    "release": ("0", "-"),
    "sale": ("-", "-0"),
    "transfer_out": ("-", "0"),
    "transfer_in": ("+", "0"),
    "adjustment": ("±", "0"),
    "return": ("+", "0"),
}


def check_quantity(value, *, field: str = "quantity") -> int:
    """A whole number of units between 1 and MAX_QUANTITY, or a 422 naming the field."""
    finite = (isinstance(value, float) and math.isfinite(value)) or (isinstance(value, Decimal) and value.is_finite())
    if finite and value == int(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        message = _("Enter a whole number of units.")
        raise Unprocessable(message, code="invalid_quantity", errors={field: [message]})
    if value < 1 or value > MAX_QUANTITY:
        message = _("Enter a quantity between 1 and %(max)s.") % {"max": MAX_QUANTITY}
        raise Unprocessable(message, code="invalid_quantity", errors={field: [message]})
    return value


def check_ttl(seconds) -> int:
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not (
            MIN_TTL_SECONDS <= seconds <= MAX_TTL_SECONDS):
        message = _("A hold lasts between 1 second and 7 days.")
        raise Unprocessable(message, code="invalid_ttl", errors={"ttl": [message]})
    return seconds


def available(on_hand: int, reserved: int) -> int:
    """What can still be sold: what is on the shelf less what waits for payment."""
    return on_hand - reserved


def expiry_time(now: datetime.datetime, ttl_seconds: int) -> datetime.datetime:
    return now + datetime.timedelta(seconds=ttl_seconds)


def is_due(expires_at: datetime.datetime, now: datetime.datetime) -> bool:
    """A hold is due for release at its expiry instant, not a moment later."""
    return expires_at <= now


def first_fit(available_units: int, quantities: list[int]) -> list[bool]:
    """Serve requests in arrival order while stock lasts; a large request does not block a smaller later one."""
    granted, left = [], available_units
    for quantity in quantities:
        ok = 0 < quantity <= left
        granted.append(ok)
        if ok:
            left -= quantity
    return granted


def count_delta(*, expected: int, counted: int) -> int:
    """The adjustment a count implies: positive when more was found than the books say."""
    return counted - expected


def sale_refusal(*, online: bool, sku_active: bool, product_status: str, seller_status: str) -> str | None:
    """Why this SKU may not be sold on a channel, or None. Counters may sell unpublished drafts."""
    if product_status == "delisted":
        return _("This product was delisted by the platform and cannot be sold.")
    if not sku_active:
        return _("This variant is not on sale.")
    if online and (product_status != "published" or seller_status != "admitted"):
        return _("This product is not on sale online.")
    return None


@dataclass(frozen=True)
class Place:
    """A location's position for nearness: its county code and, when known, its coordinates."""

    key: int
    region_code: str
    longitude: float | None = None
    latitude: float | None = None


def _km(a: Place, b: Place) -> float:
    if None in (a.longitude, a.latitude, b.longitude, b.latitude):
        return math.inf
    lon1, lat1, lon2, lat2 = map(math.radians, (a.longitude, a.latitude, b.longitude, b.latitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def by_nearness(target: Place, places: list[Place]) -> list[Place]:
    """Same county first, then prefecture, then province, then the rest; within each, by distance."""

    def rank(place: Place):
        if place.region_code == target.region_code:
            tier = 0
        elif place.region_code[:4] == target.region_code[:4]:
            tier = 1
        elif place.region_code[:2] == target.region_code[:2]:
            tier = 2
        else:
            tier = 3
        return tier, _km(target, place), place.key

    return sorted(places, key=rank)


CENT = Decimal("0.01")


def consignment_split(amount: Decimal, commission_rate: Decimal) -> tuple[Decimal, Decimal]:
    """A consignment sale settles to the owner less the host's commission: (owner's share, commission)."""
    commission = (amount * commission_rate).quantize(CENT, rounding=ROUND_HALF_UP)
    return amount - commission, commission


def check_counted(value, *, field: str = "counted") -> int:
    """A counted quantity: a whole number from 0 (the shelf is empty) up to what a location may hold."""
    if isinstance(value, bool) or not isinstance(value, int) or not (0 <= value <= MAX_ON_HAND):
        message = _("Enter the number of units counted, from 0 to %(max)s.") % {"max": MAX_ON_HAND}
        raise Unprocessable(message, code="invalid_quantity", errors={field: [message]})
    return value


def check_text(value, *, field: str, max_length: int, required: bool = False) -> str:
    """Free text such as a reason or a reference: trimmed, bounded, present when required."""
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None or len(text) > max_length:
        message = _("Use at most %(max)d characters.") % {"max": max_length}
        raise Unprocessable(message, code="invalid_text", errors={field: [message]})
    if required and not text:
        message = _("Say why: this is kept in the ledger.")
        raise Unprocessable(message, code="reason_required", errors={field: [message]})
    return text


def check_lot(value, *, field: str = "lot") -> str:
    """A lot (batch) number the receiving staff names, GS1 AI (10): empty, or at most 20 ASCII characters of
    GS1 character set 82 (letters, digits and - . / _ and the like; no Chinese)."""
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None or (text and lot_problem(text)):
        message = _("Enter the lot number as at most 20 letters, digits or - . / _ (GS1 lot rules; no Chinese "
                    "characters or spaces).")
        raise Unprocessable(message, code="invalid_lot", errors={field: [message]})
    return text
