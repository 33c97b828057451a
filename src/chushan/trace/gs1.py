"""GS1 keys for traceability: check digits, GTIN/GLN construction, lot and serial values, Digital Link URIs.

Validation leans on ``biip`` (check digits, GTIN/GLN/SSCC parsing, the AI table with its character-set
patterns); this module adds the rules a Chushan product code must meet and clear error messages.
"""

import re
from urllib.parse import quote, unquote, unquote_plus, urlsplit

from biip import ParseError
from biip.checksums import gs1_standard_check_digit
from biip.gln import Gln
from biip.gtin import Gtin
from biip.sscc import Sscc

from chushan.core.gs1 import ai_value_problem  # shared with inventory, which may not import trace

CANONICAL_BASE = "https://id.gs1.org"
# Qualifiers of AI 01 in a Digital Link path, in their mandatory order (GS1 syntax dictionary "dlpkey").
GTIN_QUALIFIERS = ("22", "10", "21")
_KEY_LENGTHS = {"GTIN": (8, 12, 13, 14), "GLN": (13,), "SSCC": (18,)}
_URI_PATH_CHARS = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*")
_HOST = re.compile(r"\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~%]+")


class InvalidIdentifier(ValueError):
    """A GS1 key, AI value or Digital Link URI that does not meet the GS1 General Specifications."""


def check_digit(digits: str) -> int:
    """GS1 mod-10 check digit for the digits of a key without its check digit (GTIN, GLN, SSCC...)."""
    if not digits or not digits.isascii() or not digits.isdecimal():
        raise InvalidIdentifier(f"check digits are computed over digits 0-9 only, got {digits!r}")
    return gs1_standard_check_digit(digits)


def check_digit_problem(number: str) -> str | None:
    """Why ``number`` (a key including its check digit) fails the GS1 check digit rule, or None if it passes."""
    if len(number) < 2:
        return f"{number!r} is too short to carry a check digit"
    if not number.isascii() or not number.isdecimal():
        bad = next(c for c in number if not ("0" <= c <= "9"))
        return f"{number!r} must contain digits only (found {bad!r})"
    expected = gs1_standard_check_digit(number[:-1])
    if int(number[-1]) != expected:
        return f"incorrect check digit in {number!r}: expected {expected}, got {number[-1]}"
    return None


def has_valid_check_digit(number: str) -> bool:
    """True when the last digit of ``number`` is its GS1 check digit."""
    return check_digit_problem(number) is None


def _validated_key(kind: str, number: str) -> str:
    if len(number) not in _KEY_LENGTHS[kind]:
        lengths = "/".join(map(str, _KEY_LENGTHS[kind]))
        raise InvalidIdentifier(f"a {kind} has {lengths} digits, {number!r} has {len(number)}")
    problem = check_digit_problem(number)
    if problem:
        raise InvalidIdentifier(f"invalid {kind}: {problem}")
    return number


def validate_gtin(gtin: str) -> str:
    """The GTIN as GTIN-14 (zero-padded), or InvalidIdentifier saying what is wrong."""
    _validated_key("GTIN", gtin)
    try:
        return Gtin.parse(gtin).as_gtin_14()
    except ParseError as error:
        raise InvalidIdentifier(f"invalid GTIN {gtin!r}: {error}") from error


def validate_gln(gln: str) -> str:
    """The 13-digit GLN, or InvalidIdentifier."""
    _validated_key("GLN", gln)
    try:
        return Gln.parse(gln).value
    except ParseError as error:
        raise InvalidIdentifier(f"invalid GLN {gln!r}: {error}") from error


def validate_sscc(sscc: str) -> str:
    """The 18-digit SSCC, or InvalidIdentifier."""
    _validated_key("SSCC", sscc)
    try:
        return Sscc.parse(sscc).value
    except ParseError as error:
        raise InvalidIdentifier(f"invalid SSCC {sscc!r}: {error}") from error


def _digits(name: str, value: str) -> str:
    if not value or not value.isascii() or not value.isdecimal():
        raise InvalidIdentifier(f"{name} must be digits 0-9, got {value!r}")
    return value


def gtin_make(prefix: str, item_ref: str, indicator: str = "0") -> str:
    """GTIN-14 from a GS1 company prefix and item reference (12 digits together) plus the check digit."""
    body = _digits("indicator", indicator) + _digits("company prefix", prefix) + _digits("item reference", item_ref)
    if len(indicator) != 1 or len(body) != 13:
        raise InvalidIdentifier(
            f"company prefix and item reference must total 12 digits, got {len(prefix)} + {len(item_ref)}"
        )
    return body + str(gs1_standard_check_digit(body))


def gln_make(prefix: str, location_ref: str) -> str:
    """13-digit GLN from a GS1 company prefix and location reference (12 digits together)."""
    body = _digits("company prefix", prefix) + _digits("location reference", location_ref)
    if len(body) != 12:
        raise InvalidIdentifier(
            f"company prefix and location reference must total 12 digits, got {len(prefix)} + {len(location_ref)}"
        )
    return body + str(gs1_standard_check_digit(body))


def _checked(ai: str, value: str) -> str:
    problem = ai_value_problem(ai, value)
    if problem:
        raise InvalidIdentifier(problem)
    return value


def validate_lot(lot: str) -> str:
    """A batch/lot number, AI (10): 1-20 characters of GS1 character set 82 (so no Chinese characters)."""
    return _checked("10", lot)


def validate_serial(serial: str) -> str:
    """A serial number, AI (21): 1-20 characters of GS1 character set 82."""
    return _checked("21", serial)


def _segment(value: str) -> str:
    return quote(value, safe="")  # '/' and other reserved characters in a value are percent-encoded


def digital_link(gtin: str, lot: str | None = None, serial: str | None = None, base: str = CANONICAL_BASE) -> str:
    """Digital Link URI ``{base}/01/{GTIN-14}[/10/{lot}][/21/{serial}]``; canonical with the default base."""
    path = f"/01/{validate_gtin(gtin)}"
    if lot is not None:
        path += f"/10/{_segment(validate_lot(lot))}"
    if serial is not None:
        path += f"/21/{_segment(validate_serial(serial))}"
    return base.rstrip("/") + path


def gln_digital_link(gln: str, ext: str | None = None, base: str = CANONICAL_BASE) -> str:
    """Digital Link URI of a location: ``{base}/414/{GLN}[/254/{extension}]``."""
    path = f"/414/{validate_gln(gln)}"
    if ext is not None:
        path += f"/254/{_segment(_checked('254', ext))}"
    return base.rstrip("/") + path


def _gtin_pairs(path: str) -> list[tuple[str, str]]:
    """The (AI, raw value) pairs from the AI 01 segment on; anything before it is the path stem."""
    if not path.startswith("/"):
        raise InvalidIdentifier(f"a Digital Link path starts with '/', got {path!r}")
    if not _URI_PATH_CHARS.fullmatch(path):
        bad = next(c for c in path if not _URI_PATH_CHARS.fullmatch(c))
        raise InvalidIdentifier(f"character {bad!r} is not allowed in a URI path: {path!r}")
    segments = path[1:].split("/")
    for start, segment in enumerate(segments):
        if segment == "01" and (len(segments) - start) % 2 == 0:
            tail = segments[start:]
            return list(zip(tail[::2], tail[1::2], strict=True))
    raise InvalidIdentifier(f"no '/01/{{GTIN}}' followed by AI/value pairs in Digital Link path {path!r}")


def _gtin_from_path(raw: str) -> str:
    gtin = unquote(raw)
    if len(gtin) != 14 or not gtin.isascii() or not gtin.isdecimal():
        raise InvalidIdentifier(f"AI (01) in a Digital Link must be 14 digits (zero-padded GTIN), got {gtin!r}")
    return validate_gtin(gtin)


def parse_digital_link_path(path: str) -> tuple[str, str | None, str | None]:
    """(GTIN-14, lot, serial) from ``[/stem]/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}]``."""
    (_, raw_gtin), *qualifiers = _gtin_pairs(path)
    values: dict[str, str] = {}
    last = -1
    for ai, raw in qualifiers:
        if ai not in GTIN_QUALIFIERS:
            raise InvalidIdentifier(f"AI ({ai}) cannot qualify a GTIN in a Digital Link path; allowed: 22, 10, 21")
        position = GTIN_QUALIFIERS.index(ai)
        if position <= last:
            raise InvalidIdentifier(f"AI ({ai}) is repeated or out of order; the order is /22/ then /10/ then /21/")
        last = position
        values[ai] = _checked(ai, unquote(raw))
    return _gtin_from_path(raw_gtin), values.get("10"), values.get("21")


def _check_query(query: str) -> None:
    seen: set[str] = set()
    for part in query.split("&"):
        key, equals, raw = part.partition("=")
        if not equals or not key.isdecimal():
            continue  # singletons and non-AI keys are ignored, as the Digital Link standard says
        if key == "01" or key in GTIN_QUALIFIERS or key == "235":
            raise InvalidIdentifier(f"AI ({key}) is a GTIN key or key qualifier: it belongs in the path, not the query")
        if key in seen:
            raise InvalidIdentifier(f"AI ({key}) appears twice in the query string")
        seen.add(key)
        _checked(key, unquote_plus(raw))


def parse_digital_link(uri: str) -> tuple[str, str | None, str | None]:
    """(GTIN-14, lot, serial) of a GTIN Digital Link URI on any domain; query attributes are validated only."""
    if not uri.startswith(("https://", "http://")):
        raise InvalidIdentifier(f"a Digital Link URI starts with 'https://' or 'http://' (lower case): {uri!r}")
    parts = urlsplit(uri)
    if not _HOST.fullmatch(parts.netloc):
        raise InvalidIdentifier(f"invalid domain {parts.netloc!r} in Digital Link URI {uri!r}")
    identifiers = parse_digital_link_path(parts.path)
    _check_query(parts.query)
    return identifiers
