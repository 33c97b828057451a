"""CBV 2.0 Event Hash ID of EPCIS 2.0 JSON-LD events, computed without fetching any JSON-LD context.

``event_hash_id(event)`` gives ``ni:///sha-256;<hex>?ver=CBV2.0``; ``prehash_string`` shows what is hashed.
The algorithm follows CBV 2.0 §8.9 as implemented by RalphTro/epcis-event-hash-generator, whose published
test vectors it reproduces (see tests/data/epcis-hash/PROVENANCE.md for the deliberate differences).
"""

import hashlib
from collections.abc import Mapping

from .prehash import Namespaces, event_prehash
from .values import is_timestamp

__all__ = ["InvalidEpcisDocument", "document_event_hash_ids", "event_hash_id", "prehash_string"]

_DOCUMENT_TYPES = ("EPCISDocument", "EPCISQueryDocument")
EVENT_TYPES = ("ObjectEvent", "AggregationEvent", "TransformationEvent", "AssociationEvent", "TransactionEvent")


class InvalidEpcisDocument(ValueError):
    """The input is not an EPCIS 2.0 JSON-LD document (or query document) with an event list."""


def _namespaces(event: Mapping, context: object) -> Namespaces:
    if "@context" in event:  # a bare event captured on its own carries its own context
        context = [*(context if isinstance(context, list) else [context]), *_as_list(event["@context"])]
    return Namespaces(context)


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def prehash_string(event: Mapping, context: list | dict | str | None = None) -> str:
    """The CBV 2.0 pre-hash string of one JSON-LD event; ``context`` is the enclosing document's @context."""
    return event_prehash(event, _namespaces(event, context))


def _ni(prehash: str) -> str:
    return "ni:///sha-256;" + hashlib.sha256(prehash.encode("utf-8")).hexdigest() + "?ver=CBV2.0"


def event_hash_id(event: Mapping, context: list | dict | str | None = None) -> str:
    """The Event Hash ID ``ni:///sha-256;<hex>?ver=CBV2.0`` of one JSON-LD event."""
    return _ni(prehash_string(event, context))


def document_events(document: object) -> list[Mapping]:
    """The events of an EPCISDocument or EPCISQueryDocument, in document order."""
    if not isinstance(document, Mapping):
        raise InvalidEpcisDocument(f"an EPCIS document is a JSON object, not {type(document).__name__}")
    if document.get("type") not in _DOCUMENT_TYPES:
        raise InvalidEpcisDocument(f"'type' must be EPCISDocument or EPCISQueryDocument, not {document.get('type')!r}")
    body = document.get("epcisBody")
    if not isinstance(body, Mapping):
        raise InvalidEpcisDocument("'epcisBody' is missing or not an object")
    if "queryResults" in body:
        body = (body["queryResults"] or {}).get("resultsBody") or {}
    events = body.get("eventList", [body["event"]] if "event" in body else None)
    if not isinstance(events, list) or not all(isinstance(event, Mapping) for event in events):
        raise InvalidEpcisDocument("'epcisBody' has no 'eventList' array of event objects")
    for index, event in enumerate(events):
        _check_hashable(index, event)
    return events


def _check_hashable(index: int, event: Mapping) -> None:
    # Without a known type and a real eventTime the pre-hash string would be meaningless, so say so.
    where = f"event {index + 1} (eventList[{index}])"
    if event.get("type") not in EVENT_TYPES:
        raise InvalidEpcisDocument(f"{where}: 'type' must be one of {', '.join(EVENT_TYPES)}, "
                                   f"not {event.get('type')!r}")
    if not is_timestamp(event.get("eventTime")):
        raise InvalidEpcisDocument(f"{where}: 'eventTime' must be an ISO 8601 date-time such as "
                                   f"2024-04-20T07:30:00.000+08:00, not {event.get('eventTime')!r}")


def document_event_hash_ids(document: Mapping) -> list[str]:
    """Event Hash IDs of every event in an EPCIS(Query)Document, in document order."""
    events = document_events(document)  # also checks each event can be hashed
    context = document.get("@context")
    shared = Namespaces(context)  # one namespace table (and its key cache) for the whole document
    return [_ni(event_prehash(e, _namespaces(e, context) if "@context" in e else shared)) for e in events]
