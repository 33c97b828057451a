"""Capturing EPCIS events: a document (POST /epcis/capture), one event (POST /epcis/events), the seller
console and the platform's own operations all go through ``_capture``.

Checks first, writes last: schema (validation.py), identifiers (check digits, GS1 character set, ownership),
duplicates; then one transaction appends every event to the seller's hash chain under the chain-head lock.
The server sets recordTime and eventID (the CBV 2.0 Event Hash ID).
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chushan.core.errors import ApplicationError, Conflict, PermissionDenied
from chushan.sellers.models import Seller
from chushan.sellers.selectors import seller_of
from chushan.trace import rules, selectors
from chushan.trace.hashing import InvalidEpcisDocument
from chushan.trace.hashing.memo import PrehashMemo
from chushan.trace.models import CaptureJob, TraceEvent
from chushan.trace.rules import InvalidIdentifier, Key
from chushan.trace.services.ownership import ownership_problems
from chushan.trace.services.storage import CaptureBatch, CaptureResult, events_store
from chushan.trace.validation import validate_epcis_document, validate_event

# Problem kinds, most serious first: a refused capture answers with the first kind any event has.
INVALID, FOREIGN, UNKNOWN, DUPLICATE = "invalid", "foreign", "unknown", "duplicate"
_STATUS = {INVALID: 400, FOREIGN: 403, UNKNOWN: 422, DUPLICATE: 409}
_CODES = {INVALID: "epcis-validation", FOREIGN: "epcis-foreign-identifier", UNKNOWN: "epcis-unknown-identifier",
          DUPLICATE: "epcis-duplicate-event"}


def capture_limits() -> tuple[int, int]:
    """(events per capture, bytes per capture) announced in GS1-EPCIS-Capture-Limit / -File-Size-Limit."""
    return (int(getattr(settings, "CHUSHAN_EPCIS_CAPTURE_LIMIT", 10_000)),
            int(getattr(settings, "CHUSHAN_EPCIS_CAPTURE_FILE_SIZE_LIMIT", 20 * 1024 * 1024)))


class CaptureTooLarge(ApplicationError):
    status = 413
    code = "epcis-capture-too-large"


@dataclass
class Problems:
    """Per-event problems: JSON path -> messages, and the kind of each refused event."""

    messages: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)

    def add(self, index: int, where: str, kind: str, message: str) -> None:
        self.messages.setdefault(where, []).append(message)
        if index not in self.kinds or _ORDER.index(kind) < _ORDER.index(self.kinds[index]):
            self.kinds[index] = kind

    def refusal(self, total: int) -> ApplicationError:
        kind = min(self.kinds.values(), key=_ORDER.index)
        detail = ngettext("%(bad)d of %(total)d event was refused, so nothing was captured: %(summary)s",
                          "%(bad)d of %(total)d events were refused, so nothing was captured: %(summary)s",
                          total) % {"bad": len(self.kinds), "total": total, "summary": self.summary()}
        return ApplicationError(detail, status=_STATUS[kind], code=_CODES[kind], errors=self.messages)

    def summary(self, limit: int = 3) -> str:
        shown = [f"{where}: {msgs[0]}" for where, msgs in list(self.messages.items())[:limit]]
        more = len(self.messages) - limit
        return "; ".join(shown) + (_(" (and %(n)d more)") % {"n": more} if more > 0 else "")

    def job_errors(self) -> list[dict]:
        return [{"path": where, "detail": msg} for where, msgs in self.messages.items() for msg in msgs]


_ORDER = [INVALID, FOREIGN, UNKNOWN, DUPLICATE]


@dataclass
class Candidate:
    """An event that passed the schema, with its Event Hash ID and parsed identifiers."""

    index: int
    where: str
    event: Mapping
    event_id: str = ""
    keys: list[tuple[str, str, Key]] = field(default_factory=list)  # (role, path, key)
    places: list[tuple[str, str, Key]] = field(default_factory=list)


# Entry points ---------------------------------------------------------------------------------------------


def document_capture(*, actor, body: bytes, behaviour: str = "rollback") -> CaptureJob:
    """Capture an EPCISDocument (or EPCISQueryDocument); all or nothing unless ``behaviour`` is 'proceed'."""
    seller = _capturing_seller(actor)
    behaviour = _behaviour(behaviour)
    document = _parse_json(body)
    events = _document_events(document)
    candidates, problems = _schema_checked(events, "epcisBody.eventList", document)
    result = _capture(seller=seller, actor=actor, candidates=candidates, problems=problems, total=len(events),
                      context=document.get("@context"), behaviour=behaviour, source=TraceEvent.Source.API)
    return result.job


def event_capture(*, actor, event: Mapping | bytes, seller: Seller | None = None,
                  source: str = TraceEvent.Source.API) -> TraceEvent:
    """Capture one event (it may carry its own @context); 409 when the same event was captured before.

    The platform passes ``seller`` with no actor for the events its own operations imply.
    """
    if seller is None:
        seller = _capturing_seller(actor)
    if isinstance(event, bytes | bytearray):
        event = _parse_json(event)
    if not isinstance(event, Mapping):
        raise ApplicationError(_("Send one EPCIS event as a JSON object."), code="epcis-validation")
    candidates, problems = _schema_checked([event], "event", None)
    result = _capture(seller=seller, actor=actor, candidates=candidates, problems=problems, total=1, context=None,
                      behaviour=CaptureJob.Behaviour.ROLLBACK, source=source, keep_job=False)
    return result.stored[0]


# Checks ---------------------------------------------------------------------------------------------------


def _capturing_seller(actor) -> Seller:
    seller = seller_of(actor)
    if seller is None:
        raise PermissionDenied(_("Only members of a seller can capture traceability events."))
    if seller.status != Seller.Status.ADMITTED:
        raise PermissionDenied(_("Only admitted sellers can capture traceability events."))
    return seller


def _behaviour(value: str | None) -> str:
    value = (value or CaptureJob.Behaviour.ROLLBACK).strip().lower()
    if value not in CaptureJob.Behaviour.values:
        raise ApplicationError(_("GS1-Capture-Error-Behaviour must be 'rollback' or 'proceed'."),
                               code="epcis-validation")
    return value


def _parse_json(body: bytes):
    try:
        return json.loads(body)
    except UnicodeDecodeError:
        raise ApplicationError(_("The body must be JSON encoded in UTF-8."), code="epcis-validation") from None
    except json.JSONDecodeError as exc:
        raise ApplicationError(
            _("The body is not valid JSON: %(error)s (line %(line)d, column %(column)d).")
            % {"error": exc.msg, "line": exc.lineno, "column": exc.colno}, code="epcis-validation") from None


def _document_events(document) -> list:
    """The event list, after the document-level checks (and the capture limit, before any event is looked at)."""
    limit, _bytes = capture_limits()
    body = document.get("epcisBody") if isinstance(document, Mapping) else None
    if isinstance(body, Mapping) and "queryResults" in body:
        body = ((body.get("queryResults") or {}).get("resultsBody") or {}) if isinstance(
            body.get("queryResults"), Mapping) else {}
    events = body.get("eventList") if isinstance(body, Mapping) else None
    if isinstance(events, list) and len(events) > limit:
        raise CaptureTooLarge(
            _("This document has %(count)d events; send at most %(limit)d per capture (GS1-EPCIS-Capture-Limit).")
            % {"count": len(events), "limit": limit}, extra={"captureLimit": limit})
    document_problems = validate_epcis_document(_without_events(document))
    if document_problems:
        raise ApplicationError(
            _("This is not an EPCIS 2.0 document: %(summary)s") % {"summary": "; ".join(document_problems[:3])},
            code="epcis-validation", errors=rules.problems_by_field(document_problems))
    return events


def _without_events(document):
    """The document with an empty event list: its own checks, without validating every event twice."""
    if not isinstance(document, Mapping):
        return document
    body = document.get("epcisBody")
    if not isinstance(body, Mapping):
        return document
    if "queryResults" in body and isinstance(body["queryResults"], Mapping):
        results = dict(body["queryResults"])
        results["resultsBody"] = {**(results.get("resultsBody") or {}), "eventList": []} if isinstance(
            results.get("resultsBody"), Mapping) else results.get("resultsBody")
        return {**document, "epcisBody": {**body, "queryResults": results}}
    return {**document, "epcisBody": {**body, "eventList": []}} if isinstance(body.get("eventList"), list) else document


def _schema_checked(events: Sequence, where: str, document) -> tuple[list[Candidate], Problems]:
    problems = Problems()
    candidates = []
    for index, event in enumerate(events):
        path = f"{where}[{index}]" if document is not None else where
        messages = validate_event(event, path)
        for message in messages:
            at, _sep, text = message.partition(": ")
            problems.add(index, at, INVALID, text)
        if not messages:
            candidates.append(Candidate(index=index, where=path, event=event))
    return candidates, problems


MAX_IDENTIFIER = 300  # the width of the query index columns


def _identify_all(candidate: Candidate, problems: Problems) -> None:
    for collect, source in ((candidate.keys, rules.event_identifiers), (candidate.places, rules.event_locations)):
        for role, path, uri in source(candidate.event):
            try:
                key = rules.identify(uri)
            except InvalidIdentifier as exc:
                problems.add(candidate.index, f"{candidate.where}.{path}", INVALID, str(exc))
                continue
            if len(key.canonical) > MAX_IDENTIFIER:
                problems.add(candidate.index, f"{candidate.where}.{path}", INVALID,
                             _("identifiers longer than %(n)d characters are not accepted") % {"n": MAX_IDENTIFIER})
            collect.append((role, path, key))
    for name in ("bizStep", "disposition"):
        if len(str(candidate.event.get(name, ""))) > 200:
            problems.add(candidate.index, f"{candidate.where}.{name}", INVALID,
                         _("values longer than %(n)d characters are not accepted") % {"n": 200})


def _hash_checked(candidate: Candidate, context, problems: Problems, memo: PrehashMemo) -> None:
    try:
        prehash = memo.prehash(candidate.event, context)
        candidate.event_id = "ni:///sha-256;" + hashlib.sha256(prehash.encode()).hexdigest() + "?ver=CBV2.0"
    except (InvalidEpcisDocument, ValueError, TypeError) as exc:
        problems.add(candidate.index, candidate.where, INVALID, _("cannot compute the Event Hash ID: %s") % exc)
        return
    given = candidate.event.get("eventID")
    if isinstance(given, str) and given.startswith("ni:") and given != candidate.event_id:
        problems.add(candidate.index, f"{candidate.where}.eventID", INVALID,
                     _("%(given)s is not the Event Hash ID of this event (%(ours)s): the event was changed after "
                       "its ID was computed, or the ID follows another algorithm; leave eventID out and the "
                       "server sets it.") % {"given": given, "ours": candidate.event_id})


def _duplicates(seller: Seller, candidates: list[Candidate], problems: Problems) -> None:
    ids = [c.event_id for c in candidates if c.event_id]
    existing: dict[tuple[str, bool], int] = {
        (event_id, declares): seller_id for event_id, declares, seller_id in
        TraceEvent.objects.filter(event_id__in=ids).values_list("event_id", "declares_error", "seller_id")}
    seen: set[tuple[str, bool]] = set()
    for c in candidates:
        declares = "errorDeclaration" in c.event
        key = (c.event_id, declares)
        if key in existing or key in seen:
            problems.add(c.index, c.where, DUPLICATE, _("this event was captured before (eventID %(id)s)")
                         % {"id": c.event_id} if not declares else
                         _("an error was already declared on event %(id)s") % {"id": c.event_id})
        elif declares and existing.get((c.event_id, False)) != seller.pk:
            problems.add(c.index, f"{c.where}.errorDeclaration", UNKNOWN,
                         _("an error declaration must repeat one of your captured events exactly; no event of "
                           "yours has ID %(id)s") % {"id": c.event_id})
        seen.add(key)


# Capture --------------------------------------------------------------------------------------------------


def _capture(*, seller: Seller, actor, candidates: list[Candidate], problems: Problems, total: int, context,
             behaviour: str, source: str, keep_job: bool = True) -> CaptureResult:
    memo = PrehashMemo()  # a document repeats its locations, steps and lots: hash each field value once
    for candidate in candidates:
        _identify_all(candidate, problems)
        _hash_checked(candidate, context, problems, memo)
    candidates = [c for c in candidates if c.index not in problems.kinds]
    owners = selectors.identifier_owners(k for c in candidates for *_, k in (*c.keys, *c.places))
    for candidate in candidates:
        for where, kind, message in ownership_problems(seller.pk, candidate.keys, candidate.places, owners):
            problems.add(candidate.index, f"{candidate.where}.{where}", FOREIGN if kind == "foreign" else UNKNOWN,
                         message)
    candidates = [c for c in candidates if c.index not in problems.kinds]
    _duplicates(seller, candidates, problems)
    good = [c for c in candidates if c.index not in problems.kinds]
    if problems.kinds and behaviour == CaptureJob.Behaviour.ROLLBACK:
        raise problems.refusal(total)
    batch = CaptureBatch(seller=seller, actor=actor if getattr(actor, "is_authenticated", False) else None,
                         source=source, behaviour=behaviour, total=total, context=context,
                         events=[(c.event, c.event_id, c.keys, c.places) for c in good],
                         errors=problems.job_errors(), keep_job=keep_job, owners=owners)
    try:
        return events_store(batch)
    except IntegrityError:
        # Another capture stored one of these events between our duplicate check and our insert.
        raise Conflict(_("One of these events was captured by another request at the same time; "
                         "nothing was captured. Query the events, then send only the missing ones."),
                       code=_CODES[DUPLICATE]) from None


__all__ = ["CaptureTooLarge", "capture_limits", "document_capture", "event_capture"]
