"""Schema-level validation of EPCIS 2.0 JSON-LD documents and events, with field-specific messages.

Hand-written after the rules of the EPCIS 2.0 JSON schema (gs1/EPCIS ``EPCIS-JSON-Schema.json``) that a
capture interface must enforce; it never fetches anything.  Every function returns a list of messages,
empty when the input is valid.
"""

import re
from collections.abc import Callable, Mapping
from datetime import datetime

from .hashing import vocabulary as voc

EVENT_TYPES = ("ObjectEvent", "AggregationEvent", "TransformationEvent", "AssociationEvent", "TransactionEvent")
ACTIONS = ("ADD", "OBSERVE", "DELETE")
EPCIS_CONTEXTS = re.compile(r"https://ref\.gs1\.org/standards/epcis/(?:[\d.]+/)?epcis-context\.jsonld|"
                            r"https://gs1\.github\.io/EPCIS/epcis-context\.jsonld")
_DATE_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)")
_OFFSET = re.compile(r"[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)")
_UOM = re.compile(r"[A-Z0-9]{2,3}")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")
_EXTENSION_KEY = re.compile(r"[A-Za-z_][\w.\-]*:[\w.\-]+")

Check = Callable[[object, str], list[str]]


def _is_date_time(value: object) -> bool:
    m = _DATE_TIME.fullmatch(value) if isinstance(value, str) else None
    if m is None:
        return False
    try:
        datetime(*map(int, m.groups()))
    except ValueError:
        return False
    return True


def _date_time(value: object, where: str) -> list[str]:
    if _is_date_time(value):
        return []
    return [f"{where}: {value!r} is not an ISO 8601 date-time with a UTC offset, e.g. 2024-05-01T08:00:00.000+08:00"]


def _uri(value: object, where: str) -> list[str]:
    if isinstance(value, str) and _URI.fullmatch(value):
        return []
    return [f"{where}: {value!r} is not a URI (EPC URN, GS1 Digital Link, or other 'scheme:...' URI)"]


def _uris(value: object, where: str) -> list[str]:
    if not isinstance(value, list):
        return [f"{where}: must be an array of URIs, got {type(value).__name__}"]
    return [msg for i, item in enumerate(value) for msg in _uri(item, f"{where}[{i}]")]


def _uri_or_uris(value: object, where: str) -> list[str]:
    return _uris(value, where) if isinstance(value, list) else _uri(value, where)


def _string(value: object, where: str) -> list[str]:
    return [] if isinstance(value, str) else [f"{where}: must be a string, got {type(value).__name__}"]


def _number(value: object, where: str) -> list[str]:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return [] if ok else [f"{where}: must be a number, got {value!r}"]


def _boolean(value: object, where: str) -> list[str]:
    return [] if isinstance(value, bool) else [f"{where}: must be true or false, got {value!r}"]


def _vocabulary(words: frozenset[str], noun: str) -> Check:
    """A CBV bare word of this vocabulary, or any URI; an unknown bare word is an error."""

    def check(value: object, where: str) -> list[str]:
        if isinstance(value, str) and (value in words or (":" in value and _URI.fullmatch(value))):
            return []
        if not isinstance(value, str):
            return [f"{where}: must be a string, got {type(value).__name__}"]
        sample = ", ".join(sorted(words)[:6])
        return [f"{where}: {value!r} is not a CBV 2.0 {noun} ({sample}, ...) nor a URI; "
                f"a custom value must be a URI such as 'https://example.com/voc/{value}'"]

    return check


def _object(fields: Mapping[str, Check], required: tuple[str, ...] = (), extensions: bool = True) -> Check:
    """A JSON object with typed standard fields, required ones, and (optionally) namespaced extensions."""

    def check(value: object, where: str) -> list[str]:
        if not isinstance(value, Mapping):
            return [f"{where}: must be an object, got {type(value).__name__}"]
        errors = [f"{where}.{name}: is required" for name in required if name not in value]
        for key, item in value.items():
            if key in fields:
                errors += fields[key](item, f"{where}.{key}")
            elif not (extensions and _EXTENSION_KEY.fullmatch(key)) and key not in ("rdfs:comment", "@context"):
                errors.append(f"{where}.{key}: unknown field" + (
                    " (user extensions need a namespace prefix, e.g. 'example:" + key + "')" if extensions else ""))
        return errors

    return check


def _array_of(item: Check, non_empty: bool = False) -> Check:
    def check(value: object, where: str) -> list[str]:
        if not isinstance(value, list):
            return [f"{where}: must be an array, got {type(value).__name__}"]
        errors = [f"{where}: must not be empty"] if non_empty and not value else []
        return errors + [msg for i, v in enumerate(value) for msg in item(v, f"{where}[{i}]")]

    return check


def _time_zone_offset(value: object, where: str) -> list[str]:
    if isinstance(value, str) and _OFFSET.fullmatch(value):
        return []
    return [f"{where}: {value!r} must look like +08:00 (from -13:59 to +14:00)"]


def _uom(value: object, where: str) -> list[str]:
    if isinstance(value, str) and _UOM.fullmatch(value):
        return []
    return [f"{where}: {value!r} is not a UN/CEFACT Rec 20 unit code (2-3 capitals/digits, e.g. KGM)"]


def _quantity_element(value: object, where: str) -> list[str]:
    fields = {"epcClass": _uri, "quantity": _number, "uom": _uom}
    errors = _object(fields, required=("epcClass",))(value, where)
    if isinstance(value, Mapping) and "uom" in value and "quantity" not in value:
        errors.append(f"{where}.uom: a unit of measure needs a quantity")
    if isinstance(value, Mapping) and _number(value.get("quantity", 0), "") == [] and value.get("quantity", 0) < 0:
        errors.append(f"{where}.quantity: must not be negative")
    return errors


_LOCATION = _object({"id": _uri}, required=("id",))
_SENSOR_METADATA = _object({
    "time": _date_time, "startTime": _date_time, "endTime": _date_time, "deviceID": _uri, "deviceMetadata": _uri,
    "rawData": _uri, "dataProcessingMethod": _uri, "bizRules": _uri,
})
_SENSOR_REPORT = _object({
    "type": _vocabulary(voc.MEASUREMENT_TYPES, "measurement type"),
    "exception": _vocabulary(voc.SENSOR_EXCEPTIONS, "sensor alert"),
    "component": _vocabulary(voc.COMPONENTS, "component"),
    "deviceID": _uri, "deviceMetadata": _uri, "rawData": _uri, "dataProcessingMethod": _uri, "time": _date_time,
    "microorganism": _uri, "chemicalSubstance": _uri, "coordinateReferenceSystem": _uri, "uriValue": _uri,
    "value": _number, "minValue": _number, "maxValue": _number, "meanValue": _number, "sDev": _number,
    "percRank": _number, "percValue": _number, "stringValue": _string, "booleanValue": _boolean,
    "hexBinaryValue": _string, "uom": _uom,
})
_SENSOR_ELEMENT = _object(
    {"sensorMetadata": _SENSOR_METADATA, "sensorReport": _array_of(_SENSOR_REPORT, non_empty=True)},
    required=("sensorReport",),
)
_DISPOSITION = _vocabulary(voc.DISPOSITIONS, "disposition")


def _typed_entry(item: str, words: frozenset[str], noun: str, type_required: bool) -> Check:
    return _object({"type": _vocabulary(words, noun), item: _uri},
                   required=("type", item) if type_required else (item,), extensions=False)


def _persistent_disposition(value: object, where: str) -> list[str]:
    errors = _object({"set": _array_of(_DISPOSITION), "unset": _array_of(_DISPOSITION)}, extensions=False)(
        value, where)
    if isinstance(value, Mapping) and not ({"set", "unset"} & value.keys()):
        errors.append(f"{where}: needs 'set' or 'unset'")
    return errors


_ERROR_DECLARATION = _object(
    {"declarationTime": _date_time, "reason": _vocabulary(voc.ERROR_REASONS, "error reason"),
     "correctiveEventIDs": _uris},
    required=("declarationTime",),
)
_COMMON: dict[str, Check] = {
    "type": _string, "eventTime": _date_time, "eventTimeZoneOffset": _time_zone_offset, "recordTime": _date_time,
    "eventID": _uri,
    "certificationInfo": _uri_or_uris, "errorDeclaration": _ERROR_DECLARATION,
    "bizStep": _vocabulary(voc.BIZ_STEPS, "business step"), "disposition": _DISPOSITION,
    "persistentDisposition": _persistent_disposition, "readPoint": _LOCATION, "bizLocation": _LOCATION,
    "bizTransactionList": _array_of(_typed_entry("bizTransaction", voc.BIZ_TRANSACTION_TYPES,
                                                 "business transaction type", type_required=False)),
    "sourceList": _array_of(_typed_entry("source", voc.SOURCE_DESTINATION_TYPES, "source type", True)),
    "destinationList": _array_of(_typed_entry("destination", voc.SOURCE_DESTINATION_TYPES, "destination type", True)),
    "sensorElementList": _array_of(_SENSOR_ELEMENT, non_empty=True),
    "ilmd": _object({}),
}
_QUANTITIES = _array_of(_quantity_element)
_WHAT: dict[str, dict[str, Check]] = {
    "ObjectEvent": {"action": _string, "epcList": _uris, "quantityList": _QUANTITIES},
    "AggregationEvent": {"action": _string, "parentID": _uri, "childEPCs": _uris, "childQuantityList": _QUANTITIES},
    "AssociationEvent": {"action": _string, "parentID": _uri, "childEPCs": _uris, "childQuantityList": _QUANTITIES},
    "TransactionEvent": {"action": _string, "parentID": _uri, "epcList": _uris, "quantityList": _QUANTITIES,
                         "bizTransactionList": _array_of(_typed_entry(
                             "bizTransaction", voc.BIZ_TRANSACTION_TYPES, "business transaction type", False),
                             non_empty=True)},
    "TransformationEvent": {"inputEPCList": _uris, "inputQuantityList": _QUANTITIES, "outputEPCList": _uris,
                            "outputQuantityList": _QUANTITIES, "transformationID": _uri},
}
_STANDARD_FIELDS = frozenset(_COMMON).union(*_WHAT.values())


def _non_empty(event: Mapping, *fields: str) -> bool:
    # A present field of the wrong type counts: its own message already says what is wrong with it.
    return any(f in event and event[f] != [] for f in fields)


def _action_problems(event: Mapping, event_type: str, where: str) -> list[str]:
    if event_type == "TransformationEvent":
        return []  # has no action; a present one is reported as a field not allowed
    if "action" not in event:
        return [f"{where}.action: is required on {event_type} (ADD, OBSERVE or DELETE)"]
    if event["action"] not in ACTIONS:
        return [f"{where}.action: {event['action']!r} must be ADD, OBSERVE or DELETE"]
    return []


def _what_problems(event: Mapping, event_type: str, where: str) -> list[str]:
    action = event.get("action")
    if event_type == "ObjectEvent":
        if not (_non_empty(event, "epcList", "quantityList") or {"sensorElementList", "readPoint"} <= event.keys()):
            return [f"{where}: an ObjectEvent needs a non-empty epcList or quantityList, "
                    "or a sensorElementList together with a readPoint"]
    elif event_type in ("AggregationEvent", "AssociationEvent"):
        errors = []
        if "parentID" not in event and (event_type == "AssociationEvent" or action in ("ADD", "DELETE")):
            errors.append(f"{where}.parentID: is required on {event_type} with action {action}")
        if action != "DELETE" and not _non_empty(event, "childEPCs", "childQuantityList"):
            errors.append(f"{where}: {event_type} with action {action} needs childEPCs or childQuantityList")
        return errors
    elif event_type == "TransactionEvent" and "bizTransactionList" not in event:
        return [f"{where}.bizTransactionList: is required on TransactionEvent"]
    elif event_type == "TransformationEvent":
        inputs = _non_empty(event, "inputEPCList", "inputQuantityList")
        outputs = _non_empty(event, "outputEPCList", "outputQuantityList")
        if not (inputs and outputs) and not ("transformationID" in event and (inputs or outputs)):
            return [f"{where}: a TransformationEvent needs inputs (inputEPCList/inputQuantityList) and outputs, "
                    "or a transformationID with inputs or outputs"]
    return []


def validate_event(event: object, where: str = "event") -> list[str]:
    """Messages for every schema violation of one EPCIS 2.0 JSON-LD event (empty list when valid)."""
    if not isinstance(event, Mapping):
        return [f"{where}: an event must be an object, got {type(event).__name__}"]
    event_type = event.get("type")
    if event_type not in EVENT_TYPES:
        return [f"{where}.type: {event_type!r} is not one of {', '.join(EVENT_TYPES)}"]
    errors = [f"{where}.{name}: is required" for name in ("eventTime", "eventTimeZoneOffset") if name not in event]
    allowed = {**_COMMON, **_WHAT[event_type]}
    misplaced = [key for key in event if key in _STANDARD_FIELDS and key not in allowed]
    errors += [f"{where}.{key}: is not allowed on {event_type}" for key in misplaced]
    rest = {k: v for k, v in event.items() if k not in misplaced}
    errors += _object(allowed)(rest, where)
    errors += _action_problems(event, event_type, where) + _what_problems(event, event_type, where)
    if "ilmd" in event and not (event_type == "TransformationEvent" or event.get("action") == "ADD"):
        errors.append(f"{where}.ilmd: only allowed on an ObjectEvent with action ADD or on a TransformationEvent")
    return errors


def _context_problems(context: object) -> list[str]:
    entries = context if isinstance(context, list) else [context]
    if not all(isinstance(e, str | Mapping) for e in entries):
        return ["@context: entries must be URLs or objects of prefix definitions"]
    if not any(isinstance(e, str) and EPCIS_CONTEXTS.fullmatch(e) for e in entries):
        return ["@context: must include the EPCIS 2.0 context "
                "'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'"]
    return []


def _event_list(document: Mapping) -> tuple[object, str, list[str]]:
    body = document.get("epcisBody")
    if not isinstance(body, Mapping):
        return None, "epcisBody", ["epcisBody: is required and must be an object"]
    if document.get("type") == "EPCISQueryDocument":
        results = body.get("queryResults")
        if not isinstance(results, Mapping) or not isinstance(results.get("resultsBody"), Mapping):
            return None, "", ["epcisBody.queryResults.resultsBody: is required in an EPCISQueryDocument"]
        errors = [] if isinstance(results.get("queryName"), str) else ["epcisBody.queryResults.queryName: is required"]
        return results["resultsBody"].get("eventList"), "epcisBody.queryResults.resultsBody.eventList", errors
    return body.get("eventList"), "epcisBody.eventList", []


def validate_epcis_document(document: object) -> list[str]:
    """Messages for every schema violation of an EPCISDocument or EPCISQueryDocument and of its events."""
    if not isinstance(document, Mapping):
        return [f"document: must be a JSON object, got {type(document).__name__}"]
    errors = [f"{name}: is required" for name in ("@context", "type", "schemaVersion", "creationDate")
              if name not in document]
    if "@context" in document:
        errors += _context_problems(document["@context"])
    if "type" in document and document["type"] not in ("EPCISDocument", "EPCISQueryDocument"):
        errors.append(f"type: {document['type']!r} must be EPCISDocument or EPCISQueryDocument")
    if "schemaVersion" in document and document["schemaVersion"] != "2.0":
        errors.append(f"schemaVersion: {document['schemaVersion']!r} must be the string '2.0'")
    if "creationDate" in document:
        errors += _date_time(document["creationDate"], "creationDate")
    events, where, body_errors = _event_list(document)
    errors += body_errors
    if where and not isinstance(events, list):
        errors.append(f"{where}: is required and must be an array of events")
    elif isinstance(events, list):
        errors += [msg for i, event in enumerate(events) for msg in validate_event(event, f"{where}[{i}]")]
    return errors
