"""The CBV 2.0 pre-hash string of one EPCIS 2.0 JSON-LD event (CBV 2.0 §8.9)."""

from collections.abc import Callable, Iterable, Mapping

from . import vocabulary as voc
from .values import canonical_timestamp, canonical_value, scalar_text

# Keys that never take part: JSON-LD comments, and (top level only) the type, which leads as eventType,
# plus recordTime, eventID and errorDeclaration, which CBV 2.0 excludes.
_COMMENTS = frozenset(("rdfs:comment", "comment", "#text", "@context"))
_EXCLUDED = _COMMENTS | {"type", "recordTime", "eventID", "errorDeclaration"}
# List-valued fields whose entries pair a CBV type with an identifier; the type is written first.
_TYPED_LISTS = {
    "bizTransactionList": ("bizTransaction", voc.BIZ_TRANSACTION_TYPE_URIS),
    "sourceList": ("source", voc.SOURCE_DESTINATION_TYPE_URIS),
    "destinationList": ("destination", voc.SOURCE_DESTINATION_TYPE_URIS),
}


class Namespaces:
    """CURIE prefixes of a JSON-LD @context: expands extension keys and values, memoised per document."""

    def __init__(self, context: object = None) -> None:
        inline: dict[str, str] = {}
        for part in context if isinstance(context, list) else [context]:
            if isinstance(part, Mapping):
                inline.update((k, v) for k, v in part.items() if isinstance(v, str) and not k.startswith("@"))
        # Keys expand only with prefixes the document declares (as the reference does); values also with
        # the gs1/cbv/epcis prefixes of the standard context, as rule 15 requires.
        self.key_prefixes = inline
        self.value_prefixes = {**voc.STANDARD_VALUE_PREFIXES, **inline}
        self._keys: dict[str, str] = {}

    def key(self, key: str) -> str:
        """'{namespace}local' for a declared 'prefix:local' key, the key itself otherwise."""
        expanded = self._keys.get(key)
        if expanded is None:
            prefix, colon, local = key.partition(":")
            uri = self.key_prefixes.get(prefix) if colon else None
            expanded = self._keys[key] = "{" + uri + "}" + local if uri else key
        return expanded

    def value(self, raw: object, words: Mapping[str, str] | None = None) -> str:
        """Canonical value: bare CBV word, CURIE, whitespace, URN vocabulary, number and GS1 key rules."""
        text = scalar_text(raw)
        if text is None:
            return ""
        if words is not None and text in words:
            text = words[text]
        prefix, colon, rest = text.partition(":")
        if colon and prefix in self.value_prefixes:
            text = self.value_prefixes[prefix] + rest
        text = text.strip()
        return canonical_value(text) if text else ""


def _items(value: object) -> list:
    return value if isinstance(value, list) else [value]


def _pair(key: str, text: str) -> str:
    return key + "=" + text if text else ""


def _generic(key: str, value: object, ns: Namespaces, out: list[str], in_list: bool = False) -> None:
    """Append the entries of an extension, ILMD or unknown field: '{ns}local=value', children sorted."""
    if isinstance(value, list) and in_list:
        # An array inside an array has no key of its own: its items are written as nameless children.
        items: list[str] = []
        for item in value:
            _generic("", item, ns, items)
        out.append(key + "".join(sorted(items)))
    elif isinstance(value, list):
        for item in value:
            _generic(key, item, ns, out, in_list=True)
    elif isinstance(value, Mapping):
        own = ns.value(value["#text"]) if "#text" in value else ""
        out.append(key + ("=" + own if own else "") + "".join(sorted(_generic_children(value, ns))))
    elif value is not None:
        text = ns.value(value)
        out.append(key + "=" + text if text else key)


def _generic_children(fields: Mapping, ns: Namespaces, skip: Iterable[str] = ()) -> list[str]:
    out: list[str] = []
    for raw_key, value in fields.items():
        if raw_key in _COMMENTS or raw_key in skip or raw_key.startswith("@xmlns"):
            continue
        key = ns.key(raw_key)
        if key.endswith("List"):
            # A JSON array named "...List" stands for the XML wrapper element around its items.
            items: list[str] = []
            for item in _items(value):
                _generic(key[:-4], item, ns, items, in_list=isinstance(value, list))
            if items:
                out.append(key + "".join(sorted(items)))
        else:
            _generic(key, value, ns, out)
    return out


def _simple(name: str, words: Mapping[str, str] | None = None) -> Callable[[object, Namespaces], str]:
    def build(value: object, ns: Namespaces) -> str:
        return "".join(sorted(filter(None, (_pair(name, ns.value(v, words)) for v in _items(value)))))

    return build


def _timestamp(name: str) -> Callable[[object, Namespaces], str]:
    def build(value: object, ns: Namespaces) -> str:
        texts = (scalar_text(v) for v in _items(value))
        return "".join(sorted(_pair(name, canonical_timestamp(t.strip())) for t in texts if t and t.strip()))

    return build


def _epc_list(name: str) -> Callable[[object, Namespaces], str]:
    def build(value: object, ns: Namespaces) -> str:
        epcs = "".join(sorted(filter(None, (_pair("epc", ns.value(v)) for v in _items(value)))))
        return name + epcs if epcs else ""

    return build


Fields = tuple[tuple[str, Callable[[object, Namespaces], str]], ...]


def _structure(name: str, fields: Fields, value: object, ns: Namespaces) -> str:
    """A standard structure: its fields in the given order, then its extensions, sorted (rule 21)."""
    if not isinstance(value, Mapping):
        text = ns.value(value)
        return name + "=" + text if text else ""
    body = "".join(build(value[key], ns) for key, build in fields if key in value)
    extensions = "".join(sorted(_generic_children(value, ns, skip=[key for key, _ in fields])))
    return name + body + extensions if body or extensions else ""


def _list_of(name: str, item: str, fields: Fields) -> Callable[[object, Namespaces], str]:
    def build(value: object, ns: Namespaces) -> str:
        entries = "".join(sorted(filter(None, (_structure(item, fields, v, ns) for v in _items(value)))))
        return name + entries if entries else ""

    return build


def _one(name: str, fields: Fields) -> Callable[[object, Namespaces], str]:
    return lambda value, ns: _structure(name, fields, value, ns)


def _typed_list(name: str, item: str, words: Mapping[str, str]) -> Callable[[object, Namespaces], str]:
    def entry(value: object, ns: Namespaces) -> str:
        if not isinstance(value, Mapping):
            return _pair(item, ns.value(value))
        type_part = "type" + _pair("", ns.value(value["type"], words)) if "type" in value else ""
        id_part = item + _pair("", ns.value(value[item])) if item in value else ""
        return type_part + id_part

    def build(value: object, ns: Namespaces) -> str:
        entries = "".join(sorted(filter(None, (entry(v, ns) for v in _items(value)))))
        return name + entries if entries else ""

    return build


_QUANTITY: Fields = (("epcClass", _simple("epcClass")), ("quantity", _simple("quantity")), ("uom", _simple("uom")))
_LOCATION: Fields = (("id", _simple("id")),)
_PERSISTENT_DISPOSITION: Fields = (
    ("set", _simple("set", voc.DISPOSITION_URIS)),
    ("unset", _simple("unset", voc.DISPOSITION_URIS)),
)
_SENSOR_METADATA: Fields = (
    ("time", _timestamp("time")), ("startTime", _timestamp("startTime")), ("endTime", _timestamp("endTime")),
    *((key, _simple(key)) for key in ("deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules")),
)
_SENSOR_REPORT: Fields = (
    ("type", _simple("type", voc.MEASUREMENT_TYPE_URIS)),
    ("exception", _simple("exception", voc.SENSOR_EXCEPTION_URIS)),
    *((key, _simple(key)) for key in ("deviceID", "deviceMetadata", "rawData", "dataProcessingMethod")),
    ("time", _timestamp("time")),
    *((key, _simple(key)) for key in ("microorganism", "chemicalSubstance", "value")),
    ("component", _simple("component", voc.COMPONENT_URIS)),
    *((key, _simple(key)) for key in (
        "stringValue", "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev",
        "percRank", "percValue", "uom", "coordinateReferenceSystem",
    )),
)
_SENSOR_ELEMENT: Fields = (
    ("sensorMetadata", _one("sensorMetadata", _SENSOR_METADATA)),
    ("sensorReport", _list_of("", "sensorReport", _SENSOR_REPORT)),
)
# CBV 2.0 canonical property order.  certificationInfo and parentID precede epcList in the reference
# implementation whose published vectors we must reproduce.
EVENT_ORDER: Fields = (
    ("eventTime", _timestamp("eventTime")),
    ("eventTimeZoneOffset", _simple("eventTimeZoneOffset")),
    ("certificationInfo", _simple("certificationInfo")),
    ("parentID", _simple("parentID")),
    ("epcList", _epc_list("epcList")),
    ("inputEPCList", _epc_list("inputEPCList")),
    ("childEPCs", _epc_list("childEPCs")),
    ("quantityList", _list_of("quantityList", "quantityElement", _QUANTITY)),
    ("childQuantityList", _list_of("childQuantityList", "quantityElement", _QUANTITY)),
    ("inputQuantityList", _list_of("inputQuantityList", "quantityElement", _QUANTITY)),
    ("outputEPCList", _epc_list("outputEPCList")),
    ("outputQuantityList", _list_of("outputQuantityList", "quantityElement", _QUANTITY)),
    ("action", _simple("action")),
    ("transformationID", _simple("transformationID")),
    ("bizStep", _simple("bizStep", voc.BIZ_STEP_URIS)),
    ("disposition", _simple("disposition", voc.DISPOSITION_URIS)),
    ("persistentDisposition", _one("persistentDisposition", _PERSISTENT_DISPOSITION)),
    ("readPoint", _one("readPoint", _LOCATION)),
    ("bizLocation", _one("bizLocation", _LOCATION)),
    ("sensorElementList", _list_of("sensorElementList", "sensorElement", _SENSOR_ELEMENT)),
)
_TYPED_LIST_BUILDERS = {name: _typed_list(name, item, words) for name, (item, words) in _TYPED_LISTS.items()}
_NOT_GENERIC = frozenset(key for key, _ in EVENT_ORDER) | _EXCLUDED | _TYPED_LISTS.keys()


def event_prehash(event: Mapping, ns: Namespaces) -> str:
    """Ordered standard fields, then the business transaction, source and destination lists, ILMD and user
    extensions sorted together as whole substrings (which is where the reference places them)."""
    ordered = "".join(build(event[key], ns) for key, build in EVENT_ORDER if key in event)
    rest = _generic_children(event, ns, skip=_NOT_GENERIC)
    rest.extend(filter(None, (build(event[key], ns) for key, build in _TYPED_LIST_BUILDERS.items() if key in event)))
    return "eventType=" + (scalar_text(event.get("type")) or "") + ordered + "".join(sorted(rest))
