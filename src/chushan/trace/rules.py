"""Pure traceability rules: what an identifier in an event is, which identifiers and places an event names,
CBV vocabulary in its URI form, and the bits of an event that its Event Hash ID leaves out.

Values in, values out: no database.  ``InvalidIdentifier`` says exactly what is wrong with a GS1 key.
"""

import hashlib
import json
import re
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import quote, unquote

from chushan.trace import gs1
from chushan.trace.gs1 import InvalidIdentifier
from chushan.trace.hashing import vocabulary as voc
from chushan.trace.hashing.digital_link import epc_to_digital_link

__all__ = [
    "CHUSHAN_NS", "EPCIS_CONTEXT", "InvalidIdentifier", "Key", "committed_event_id", "event_identifiers",
    "event_locations", "identify", "iso_ms", "trace_code_new", "vocabulary_uri",
]

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
# Namespace of Chushan's own EPCIS extensions (追溯码, 统一社会信用代码, inspection results...).  A fixed URI,
# not the deployment's address, so that the same event hashes alike on every copy of the platform.
CHUSHAN_NS = "https://chushan.example.cn/voc/"
CONTEXT = [EPCIS_CONTEXT, {"chushan": CHUSHAN_NS}]

# Keys (in a GS1 Digital Link path) the platform reasons about; any other GS1 key is indexed but not owned.
# A key is recognised only with a plausible value after it, so '/2024/01/15/' in some other URL is no GTIN.
_DL_KEY = re.compile(r"/(?:(01)/\d{8,14}|(00)/\d{18}|(414|417)/\d{13}|(8003|8004|253|255|401|402|8006|8010|8017|8018)/"
                     r"[0-9A-Za-z])(?=[/?#]|$|[0-9A-Za-z])")
_URN_SCHEMES = ("urn:epc:id:", "urn:epc:class:")
_PATH_SAFE = ":/?#[]@!$&'()*+,;=%~"


@dataclass(frozen=True)
class Key:
    """An identifier from an event: a GS1 key (AI 01 GTIN, 00 SSCC, 414 GLN...) or any other URI (ai "")."""

    ai: str
    value: str
    lot: str | None = None
    serial: str | None = None
    ext: str | None = None
    uri: str = ""

    @property
    def canonical(self) -> str:
        """The form events are indexed and matched by: id.gs1.org, GTIN-14, the finest key level only."""
        if self.ai == "01":
            tail = f"/21/{quote(self.serial, safe='')}" if self.serial else (
                f"/10/{quote(self.lot, safe='')}" if self.lot else "")
            return f"{gs1.CANONICAL_BASE}/01/{self.value}{tail}"
        if self.ai == "414":
            return f"{gs1.CANONICAL_BASE}/414/{self.value}" + (f"/254/{quote(self.ext, safe='')}" if self.ext else "")
        if self.ai:
            return f"{gs1.CANONICAL_BASE}/{self.ai}/{self.value}"
        return self.uri

    @property
    def is_gs1(self) -> bool:
        return bool(self.ai)


def _gs1_uri(uri: str) -> str:
    """The Digital Link for an EPC URN (EPC pure identity or class), or the URI itself."""
    if uri.startswith(_URN_SCHEMES):
        link = epc_to_digital_link(uri)
        if link is None:
            raise InvalidIdentifier(f"{uri!r} is not a valid EPC URI (check the company prefix and the digits)")
        return link
    return uri


def _after(path: str, ai: str) -> str:
    return path.split(f"/{ai}/", 1)[1].split("/", 1)[0]


def identify(uri: str) -> Key:
    """What an identifier denotes, raising InvalidIdentifier for a malformed GS1 key (check digit, lot
    characters, qualifier order).  URIs that are not GS1 keys come back with ``ai == ""``."""
    found = _identified(uri)
    if isinstance(found, InvalidIdentifier):
        raise found
    return found


@lru_cache(maxsize=1 << 15)
def _identified(uri: str) -> "Key | InvalidIdentifier":
    # A capture names the same lots and locations over and over; parsing each once saves most of the work.
    try:
        return _identify(uri)
    except InvalidIdentifier as exc:
        return exc


def _identify(uri: str) -> Key:
    uri = _gs1_uri(uri.strip())
    if not uri.startswith(("https://", "http://")):
        return Key(ai="", value=uri, uri=uri)
    # Chinese (or any non-ASCII) characters are percent-encoded first so that the AI value check names them.
    quoted = quote(uri, safe=_PATH_SAFE)
    path = quoted.split("?", 1)[0].split("#", 1)[0]
    found = _DL_KEY.search(path)
    if found is None:
        return Key(ai="", value=uri, uri=uri)
    ai = next(group for group in found.groups() if group)
    if ai == "01":
        gtin, lot, serial = gs1.parse_digital_link(quoted)
        return Key(ai="01", value=gtin, lot=lot, serial=serial, uri=uri)
    value = unquote(_after(path[found.start():], ai))
    if ai == "414":
        ext = unquote(_after(path, "254")) if "/254/" in path else None
        if ext is not None and gs1.ai_value_problem("254", ext):
            raise InvalidIdentifier(gs1.ai_value_problem("254", ext))
        return Key(ai="414", value=gs1.validate_gln(value), ext=ext, uri=uri)
    if ai == "00":
        return Key(ai="00", value=gs1.validate_sscc(value), uri=uri)
    if ai in ("417",):
        return Key(ai=ai, value=gs1.validate_gln(value), uri=uri)
    return Key(ai=ai, value=value, uri=uri)


def canonical_id(uri: str) -> str:
    """Canonical form of an identifier for indexing and matching; the text itself when it is not a key."""
    try:
        return identify(uri).canonical
    except InvalidIdentifier:
        return uri.strip()


# Where identifiers sit in an event, and the role (EventEpc.Role) each position has.
_EPC_FIELDS = (("epcList", "epc"), ("childEPCs", "child"), ("inputEPCList", "input"), ("outputEPCList", "output"))
_CLASS_FIELDS = (("quantityList", "class"), ("childQuantityList", "child_class"),
                 ("inputQuantityList", "input_class"), ("outputQuantityList", "output_class"))


def event_identifiers(event: Mapping) -> Iterator[tuple[str, str, str]]:
    """(role, JSON path, identifier) for every EPC, parent and EPC class an event names."""
    if isinstance(event.get("parentID"), str):
        yield "parent", "parentID", event["parentID"]
    for field, role in _EPC_FIELDS:
        for i, epc in enumerate(event.get(field) or ()):
            if isinstance(epc, str):
                yield role, f"{field}[{i}]", epc
    for field, role in _CLASS_FIELDS:
        for i, element in enumerate(event.get(field) or ()):
            if isinstance(element, Mapping) and isinstance(element.get("epcClass"), str):
                yield role, f"{field}[{i}].epcClass", element["epcClass"]


def event_locations(event: Mapping) -> Iterator[tuple[str, str, str]]:
    """(role, JSON path, identifier) for the read point, business location, sources and destinations."""
    for field in ("readPoint", "bizLocation"):
        if isinstance(event.get(field), Mapping) and isinstance(event[field].get("id"), str):
            yield field, f"{field}.id", event[field]["id"]
    for field, item in (("sourceList", "source"), ("destinationList", "destination")):
        for i, entry in enumerate(event.get(field) or ()):
            if isinstance(entry, Mapping) and isinstance(entry.get(item), str):
                yield item, f"{field}[{i}].{item}", entry[item]


_URN_VOCABULARY = dict(voc.URN_VOCABULARY_PREFIXES)


def vocabulary_uri(value: str, words: Mapping[str, str]) -> str:
    """CBV value in its Web URI form: bare words and EPCIS 1.x URNs become https://ref.gs1.org/cbv/..."""
    value = value.strip()
    if value in words:
        return words[value]
    for urn_prefix, web_prefix in voc.URN_VOCABULARY_PREFIXES:
        if value.startswith(urn_prefix):
            return web_prefix + value[len(urn_prefix):]
    if value.startswith("cbv:"):
        return voc.CBV + value[4:]
    return value


def biz_step_uri(value: str) -> str:
    return vocabulary_uri(value, voc.BIZ_STEP_URIS)


def disposition_uri(value: str) -> str:
    return vocabulary_uri(value, voc.DISPOSITION_URIS)


def cbv_word(uri: str) -> str:
    """The bare CBV word of a business step or disposition URI ('shipping'); other URIs unchanged."""
    for prefix in (voc.CBV + "BizStep-", voc.CBV + "Disp-"):
        if uri.startswith(prefix):
            return uri[len(prefix):]
    return uri


# Top-level parts of an event that CBV 2.0 leaves out of the Event Hash ID but that the chain must still cover.
UNHASHED_KEYS = ("errorDeclaration", "rdfs:comment", "comment")


def committed_event_id(event_id: str, body: Mapping) -> str:
    """What a chain record commits to: the Event Hash ID, plus a digest of any unhashed part of the event
    (an error declaration's reason, comments), so that changing those is noticed too."""
    extra = {key: body[key] for key in UNHASHED_KEYS if key in body}
    if not extra:
        return event_id
    text = json.dumps(extra, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return event_id + "#" + hashlib.sha256(text.encode()).hexdigest()


def iso_ms(moment: datetime) -> str:
    """UTC timestamp with exactly three decimals and 'Z', the form record times are hashed in."""
    moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def truncate_ms(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


_TRACE_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U to misread


def trace_code_new() -> str:
    """A new platform trace code (追溯码): 'CS' and 14 random base-32 characters, easy to read out."""
    return "CS" + "".join(secrets.choice(_TRACE_CODE_ALPHABET) for _ in range(14))


def problems_by_field(messages: list[str], prefix: str = "") -> dict[str, list[str]]:
    """Validation messages 'path: text' grouped by path (the shape of ApplicationError.errors)."""
    grouped: dict[str, list[str]] = {}
    for message in messages:
        path, sep, text = message.partition(": ")
        key = prefix + path if sep else prefix + "__all__"
        grouped.setdefault(key.rstrip(".") or "__all__", []).append(text if sep else message)
    return grouped
