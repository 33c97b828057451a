"""EPC URN to GS1 Digital Link conversion and the CBV 2.0 "constrained canonical" Digital Link form.

CBV 2.0 §8.9 rules 17-18: every GS1 key becomes ``https://id.gs1.org/{AI}/{key}[/{qualifier}]`` with the
finest identification level only, no query string and the numeric AIs.  The edge-case behaviour (which
characters are percent-encoded, which constrained forms are accepted) mirrors the reference implementation
RalphTro/epcis-event-hash-generator so that Event Hash IDs agree with it.
"""

import re
from collections.abc import Callable

from biip.checksums import gs1_standard_check_digit

CANONICAL = "https://id.gs1.org"

# One character of an EPC URI component: a percent escape or a literal (EPC TDS §5, "GS3A3" characters).
_UNIT = r"(?:%2[125-9A-Fa-f]|%3[0-9A-Fa-f]|%4[1-9A-Fa-f]|%5[0-9AaFf]|%6[1-9A-Fa-f]|%7[0-9Aa]|[!')(*+,.0-9:;=A-Za-z_-])"
_CPI_UNIT = r"(?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-])"
# Digital Link wants these percent-encoded; EPC URIs may carry them literally.
_DL_ESCAPES = str.maketrans({"!": "%21", "(": "%28", ")": "%29", "*": "%2A", "+": "%2B", ",": "%2C", ":": "%3A"})


def _key(digits: str) -> str:
    """Append the GS1 mod-10 check digit."""
    return digits + str(gs1_standard_check_digit(digits))


def _gtin14(prefix: str, item_ref: str) -> str:
    # The indicator digit leads the item reference in an EPC URI but leads the GTIN.
    return _key(item_ref[0] + prefix + item_ref[1:])


def _units(text: str) -> int:
    """Length of an EPC component, counting each percent escape as one character."""
    return len(text) - 2 * text.count("%")


def _enc(text: str) -> str:
    return text.translate(_DL_ESCAPES)


def _pattern(scheme: str, body: str) -> re.Pattern[str]:
    return re.compile(rf"urn:epc:{scheme}:(\d{{6,12}})\.{body}")


# (pattern, total digits of prefix + reference or None, builder(match) -> DL path or None)
Rule = tuple[re.Pattern[str], int | None, Callable[[re.Match[str]], str | None]]


def _sized(limit: int, group: int, build: Callable[[re.Match[str]], str]) -> Callable[[re.Match[str]], str | None]:
    """Builder that rejects a variable-length component longer than ``limit`` minus the prefix length."""

    def checked(m: re.Match[str]) -> str | None:
        return build(m) if _units(m[group]) <= limit - len(m[1]) else None

    return checked


_RULES: dict[str, Rule] = {
    "id:sgtin": (_pattern("id:sgtin", rf"(\d{{1,7}})\.({_UNIT}{{1,20}})"), 13,
                 lambda m: f"/01/{_gtin14(m[1], m[2])}/21/{_enc(m[3])}"),
    "id:sscc": (_pattern("id:sscc", r"(\d{5,11})"), 17, lambda m: f"/00/{_key(m[2][0] + m[1] + m[2][1:])}"),
    "id:sgln": (_pattern("id:sgln", rf"(\d{{0,6}})\.({_UNIT}{{1,20}})"), 12,
                lambda m: f"/414/{_key(m[1] + m[2])}" + ("" if m[3] == "0" else f"/254/{_enc(m[3])}")),
    "id:grai": (_pattern("id:grai", rf"(\d{{0,6}})\.({_UNIT}{{1,16}})"), 12,
                lambda m: f"/8003/{_key('0' + m[1] + m[2])}{_enc(m[3])}"),
    "id:giai": (_pattern("id:giai", rf"({_UNIT}+)"), None, _sized(30, 2, lambda m: f"/8004/{m[1]}{_enc(m[2])}")),
    "id:gsrn": (_pattern("id:gsrn", r"(\d{5,11})"), 17, lambda m: f"/8018/{_key(m[1] + m[2])}"),
    "id:gsrnp": (_pattern("id:gsrnp", r"(\d{5,11})"), 17, lambda m: f"/8017/{_key(m[1] + m[2])}"),
    "id:gdti": (_pattern("id:gdti", rf"(\d{{0,6}})\.({_UNIT}{{0,19}})"), 12,
                lambda m: f"/253/{_key(m[1] + m[2])}{_enc(m[3])}"),
    "id:cpi": (_pattern("id:cpi", rf"({_CPI_UNIT}+)\.(\d{{1,12}})"), None,
               _sized(30, 2, lambda m: f"/8010/{_enc(m[1] + m[2])}/8011/{m[3]}")),
    "id:sgcn": (_pattern("id:sgcn", r"(\d{0,6})\.(\d{1,12})"), 12, lambda m: f"/255/{_key(m[1] + m[2])}{m[3]}"),
    "id:ginc": (_pattern("id:ginc", rf"({_UNIT}+)"), None, _sized(30, 2, lambda m: f"/401/{m[1]}{_enc(m[2])}")),
    "id:gsin": (_pattern("id:gsin", r"(\d{4,10})"), 16, lambda m: f"/402/{_key(m[1] + m[2])}"),
    "id:itip": (_pattern("id:itip", rf"(\d{{1,7}})\.(\d\d)\.(\d\d)\.({_UNIT}{{1,20}})"), 13,
                lambda m: f"/8006/{_gtin14(m[1], m[2])}{m[3]}{m[4]}/21/{_enc(m[5])}"),
    "id:upui": (_pattern("id:upui", rf"(\d{{1,7}})\.({_UNIT}{{1,28}})"), 13,
                lambda m: f"/01/{_gtin14(m[1], m[2])}/235/{_enc(m[3])}"),
    "id:pgln": (_pattern("id:pgln", r"(\d{0,6})"), 12, lambda m: f"/417/{_key(m[1] + m[2])}"),
    "class:lgtin": (_pattern("class:lgtin", rf"(\d{{1,7}})\.({_UNIT}{{1,20}})"), 13,
                    lambda m: f"/01/{_gtin14(m[1], m[2])}/10/{_enc(m[3])}"),
    "idpat:sgtin": (_pattern("idpat:sgtin", r"(\d{1,7})\.\*"), 13, lambda m: f"/01/{_gtin14(m[1], m[2])}"),
    "idpat:grai": (_pattern("idpat:grai", r"(\d{0,6})\.\*"), 12, lambda m: f"/8003/{_key('0' + m[1] + m[2])}"),
    "idpat:gdti": (_pattern("idpat:gdti", r"(\d{0,6})\.\*"), 12, lambda m: f"/253/{_key(m[1] + m[2])}"),
    "idpat:sgcn": (_pattern("idpat:sgcn", r"(\d{0,6})\.\*"), 12, lambda m: f"/255/{_key(m[1] + m[2])}"),
    "idpat:cpi": (_pattern("idpat:cpi", rf"({_CPI_UNIT}+)\.\*"), None,
                  _sized(30, 2, lambda m: f"/8010/{_enc(m[1] + m[2])}")),
    "idpat:itip": (_pattern("idpat:itip", r"(\d{1,7})\.(\d\d)\.(\d\d)\.\*"), 13,
                   lambda m: f"/8006/{_gtin14(m[1], m[2])}{m[3]}{m[4]}"),
    "idpat:upui": (_pattern("idpat:upui", r"(\d{1,7})\.\*"), 13, lambda m: f"/01/{_gtin14(m[1], m[2])}"),
}


def epc_to_digital_link(urn: str) -> str | None:
    """Convert an EPC (class/pattern) URN to a constrained canonical Digital Link, or None if it is not one."""
    parts = urn.split(":", 4)
    if len(parts) < 5:
        return None
    rule = _RULES.get(parts[2] + ":" + parts[3])
    if rule is None:
        return None
    pattern, total_digits, build = rule
    m = pattern.fullmatch(urn)
    if m is None or (total_digits is not None and len(m[1]) + len(m[2]) != total_digits):
        return None
    path = build(m)
    return CANONICAL + path if path else None


_KEYS = (
    "01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|gdti|401|ginc|402|gsin"
    "|8003|grai|8004|giai"
)
_DL_CANDIDATE = re.compile(rf"https?:[^?#]*/(?:{_KEYS})/\d{{4}}[^/]")
_SHORT_NAMES = (
    ("/gtin/", "/01/"), ("/itip/", "/8006/"), ("/cpid/", "/8010/"), ("/gln/", "/414/"), ("/party/", "/417/"),
    ("/gsrnp/", "/8017/"), ("/gsrn/", "/8018/"), ("/gcn/", "/255/"), ("/sscc/", "/00/"), ("/gdti/", "/253/"),
    ("/ginc/", "/401/"), ("/gsin/", "/402/"), ("/grai/", "/8003/"), ("/giai/", "/8004/"), ("/cpv/", "/22/"),
    ("/lot/", "/10/"), ("/ser/", "/21/"),
)
_CANONICAL_START = re.compile(r"https://id\.gs1\.org/(?:01|8006|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)/\d{4}[^/]")
# When the domain is custom, the path is re-rooted at the first key found, tried in this order.
_KEY_PRIORITY = ("/00/", "/01/", "/253/", "/255/", "/401/", "/402/", "/414/", "/417/", "/8003/", "/8004/", "/8006/",
                 "/8010/", "/8017/", "/8018/")
_SHORT_GTIN = ((re.compile(r"https://id\.gs1\.org/01/\d{13}"), "/01/0"),
               (re.compile(r"https://id\.gs1\.org/01/\d{12}"), "/01/00"),
               (re.compile(r"https://id\.gs1\.org/01/\d{8}"), "/01/000000"))
_GTIN14 = re.compile(r"https://id\.gs1\.org/01/\d{14}")
# Characters allowed in a constrained qualifier value (a subset of GS1 AI encodable character set 82).
_C = r"[\x22\x27\x2D\x2E\x30-\x39\x3B-\x3F\x41-\x5A\x5F\x61-\x7A]"
_ITEM = r"https://id\.gs1\.org/(?:8006/\d{18}|01/\d{14})"
_CPV_LAST = re.compile(rf"{_ITEM}/22/{_C}{{0,20}}")
_CPV_INNER = re.compile(rf"{_ITEM}/22/[/{_C[1:-1]}]{{0,20}}")
_LOT_AND_SERIAL = re.compile(rf"{_ITEM}/10/{_C}{{0,20}}/21/{_C}{{0,20}}")
_CONSTRAINED = re.compile(
    rf"https://id\.gs1\.org/(?:00/\d{{18}}|01/\d{{14}}(?:/21/{_C}{{0,20}}|/10/{_C}{{0,20}}|/235/{_C}{{0,28}})?"
    rf"|253/\d{{13}}{_C}{{0,17}}|255/\d{{13}}\d{{0,12}}|401/{_C}{{0,30}}|402/\d{{17}}|414/\d{{13}}(?:/254/{_C}{{0,20}})?"
    rf"|417/\d{{13}}|8003/\d{{14}}{_C}{{0,16}}|8004/{_C}{{0,30}}|8006/\d{{18}}(?:/21/{_C}{{0,20}}|/10/{_C}{{0,20}})?"
    r"|8010/[#\-/0-9A-Z]{0,30}(?:/8011/\d{0,12})?|8017/\d{18}|8018/\d{18})"
)


def _rooted_at_canonical_domain(uri: str) -> str:
    if _CANONICAL_START.match(uri):
        return uri
    for key in _KEY_PRIORITY:
        at = uri.find(key)
        if at >= 0:
            return CANONICAL + uri[at:]
    return uri


def _without_cpv_and_lot(uri: str) -> str:
    """Drop the consumer product variant (AI 22) and, when a serial is present, the lot (AI 10)."""
    if _CPV_LAST.fullmatch(uri):
        uri = uri[: uri.find("/22/")]
    elif _CPV_INNER.fullmatch(uri):
        before, after = uri.split("/22/", 1)
        uri = before + after[after.find("/"):]
    if _LOT_AND_SERIAL.fullmatch(uri):
        before, after = uri.split("/10/", 1)
        uri = before + after[after.find("/"):]
    return uri


def constrain_digital_link(uri: str) -> str | None:
    """Return the constrained canonical form of a GS1 Digital Link URI, or None if it has none."""
    if not _DL_CANDIDATE.match(uri):
        return None
    uri = uri.split("?", 1)[0]
    for short, numeric in _SHORT_NAMES:
        if short in uri:
            uri = uri.replace(short, numeric)
    uri = _rooted_at_canonical_domain(uri)
    if not _GTIN14.match(uri):
        for pattern, padded in _SHORT_GTIN:
            if pattern.match(uri):
                uri = uri.replace("/01/", padded)
                break
    uri = _without_cpv_and_lot(uri)
    return uri if _CONSTRAINED.fullmatch(uri) else None


def normalise_identifier(value: str) -> str | None:
    """Constrained canonical Digital Link for an EPC URN or Digital Link URI; None for any other value."""
    if "." not in value:
        return None
    if value.startswith("urn:epc:"):
        return epc_to_digital_link(value)
    if value.startswith("http"):
        return constrain_digital_link(value)
    return None
