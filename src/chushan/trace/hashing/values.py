"""Canonical forms of single values in the pre-hash string (CBV 2.0 §8.9 rules 5-9, 14, 17-18)."""

import math
import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from .digital_link import normalise_identifier
from .vocabulary import URN_VOCABULARY_PREFIXES

_ISO = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?\s*(?:([Zz])|([+-])(\d\d)(?::?(\d\d))?)?"
)
# A string that float() could parse starts with one of these (or a non-ASCII digit); skipping the rest avoids
# paying for a ValueError on every URI.
_NUMBER_START = frozenset("0123456789+-.iInN_ \t")
# A trade item's Digital Link, alone or with a lot or serial, already in the constrained canonical form that
# normalise_identifier would give back unchanged (a new lot or serial in nearly every event of a chain).  The
# qualifier takes digital_link's constrained characters but '?', which would start a query string.
_CANONICAL_ITEM = re.compile(
    r"https://id\.gs1\.org/01/[0-9]{14}(?:/(?:10|21)/[\x22\x27\x2D\x2E\x30-\x39\x3B-\x3E\x41-\x5A\x5F\x61-\x7A]{0,20})?"
)


def scalar_text(value: object) -> str | None:
    """JSON scalar as text; booleans in XSD lexical form (as the XML binding writes them), None for null."""
    if isinstance(value, str):
        return value
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _canonical_number(text: str) -> str | None:
    if text[0] not in _NUMBER_START and text[0].isascii():
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    # Rule 6: no trailing zeros ("1.0" -> "1", "0.50" -> "0.5"); like the reference, any numeric-looking string.
    return str(int(number)) if number.is_integer() else str(number)


@lru_cache(maxsize=1 << 16)
def canonical_value(text: str) -> str:
    """Canonical form of a stripped, non-timestamp value: CBV URNs, numbers and GS1 identifiers."""
    if _CANONICAL_ITEM.fullmatch(text):
        return text
    if "urn:epcglobal:cbv:" in text:
        for urn_prefix, web_prefix in URN_VOCABULARY_PREFIXES:
            text = text.replace(urn_prefix, web_prefix)
    number = _canonical_number(text)
    if number is not None:
        text = number
    return normalise_identifier(text) or text


def _offset(sign: str | None, hours: str | None, minutes: str | None) -> timedelta:
    if not sign:
        return timedelta(0)
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return -delta if sign == "-" else delta


def _parse_iso(text: str) -> tuple[datetime, int] | None:
    """UTC datetime (whole seconds) and milliseconds rounded half-up from the fraction, or None."""
    m = _ISO.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute, second, fraction, _z, sign, off_h, off_m = m.groups()
    try:
        # A missing offset is read as UTC so that the hash never depends on the server's time zone.
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=UTC)
    except ValueError:
        return None
    fraction = (fraction or "") + "000"
    millis = int(fraction[:3]) + (fraction[3] >= "5" if len(fraction) > 3 else 0)
    return moment - _offset(sign, off_h, off_m), millis


def is_timestamp(text: object) -> bool:
    """True when ``text`` is an ISO 8601 date-time (an event's eventTime must be one to be hashed)."""
    if not isinstance(text, str):
        return False
    if _parse_iso(text.strip()) is not None:
        return True
    try:
        datetime.fromisoformat(text.strip())
    except ValueError:
        return False
    return "T" in text or " " in text.strip()


@lru_cache(maxsize=1 << 14)
def canonical_timestamp(text: str) -> str:
    """UTC with 'Z' and exactly three decimals, rounding a fourth decimal half-up (rules 8-9)."""
    parsed = _parse_iso(text)
    if parsed is None:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text  # not a timestamp after all: hashed verbatim, like the reference
        moment = moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC)
        parsed = moment.replace(microsecond=0), (moment.microsecond + 500) // 1000
    moment, millis = parsed
    moment += timedelta(milliseconds=millis)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"
