"""EPCIS 2.0 SimpleEventQuery over the REST binding's query string (GET /epcis/events).

Several values of one parameter are pipe-separated (``EQ_bizStep=shipping|receiving``) and OR-ed; different
parameters are AND-ed.  CBV values may be bare words, URNs or URIs; identifiers may be EPC URNs or Digital Link
URIs on any domain.  ``MATCH_*`` take exact identifiers or patterns ending in ``*`` (and ``urn:epc:idpat:``).
Pages follow record order; ``nextPageToken`` is signed and tied to the query, so it can be neither forged
nor reused with other filters.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import ApplicationError
from chushan.trace import rules
from chushan.trace.hashing.digital_link import epc_to_digital_link
from chushan.trace.models import EVENT_TYPES, EventEpc, TraceEvent

MATCH_ROLES = {
    "MATCH_epc": ("epc", "child"),
    "MATCH_parentID": ("parent",),
    "MATCH_inputEPC": ("input",),
    "MATCH_outputEPC": ("output",),
    "MATCH_anyEPC": ("epc", "child", "parent", "input", "output"),
    "MATCH_epcClass": ("class", "child_class"),
    "MATCH_inputEPCClass": ("input_class",),
    "MATCH_outputEPCClass": ("output_class",),
    "MATCH_anyEPCClass": ("class", "child_class", "input_class", "output_class"),
}
TIME_FIELDS = {"GE_eventTime": "event_time__gte", "LT_eventTime": "event_time__lt",
               "GE_recordTime": "record_time__gte", "LT_recordTime": "record_time__lt"}
EQ_FIELDS = {"EQ_bizStep": ("biz_step", rules.biz_step_uri), "EQ_disposition": ("disposition", rules.disposition_uri),
             "EQ_readPoint": ("read_point", rules.canonical_id), "EQ_bizLocation": ("biz_location", rules.canonical_id),
             "EQ_eventID": ("event_id", str.strip)}
PAGING = ("perPage", "nextPageToken")
SUPPORTED = frozenset(["eventType", "EQ_action", "EXISTS_errorDeclaration", *MATCH_ROLES, *TIME_FIELDS, *EQ_FIELDS,
                       *PAGING])
DEFAULT_PER_PAGE, MAX_PER_PAGE = 30, 1000
_TOKEN_SALT = "chushan.trace.epcis.next-page"
TOKEN_MAX_AGE = 24 * 3600


class QueryParameterError(ApplicationError):
    """epcisException:QueryParameterException: a parameter the query cannot take or a value it cannot read."""

    status = 400
    code = "epcis-query-parameter"


@dataclass
class EventQuery:
    condition: Q
    per_page: int
    after: int
    fingerprint: str


def _values(params, name: str) -> list[str]:
    return [v for raw in params.getlist(name) for v in raw.split("|") if v.strip()]


def _moment(name: str, value: str) -> datetime:
    # An unencoded '+' in the query string arrives as a space: '...T08:00:00 08:00'.
    text = value.strip().replace(" ", "+")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or timezone.is_naive(moment):
        raise QueryParameterError(_("%(name)s needs a date-time with a time zone, such as "
                                    "2024-05-01T08:00:00.000%%2B08:00 or 2024-05-01T00:00:00Z; got %(value)r.")
                                  % {"name": name, "value": value}, errors={name: [_("Not a date-time.")]})
    return moment


def _pattern(value: str) -> tuple[str, bool]:
    """(identifier or prefix, is_prefix) for a MATCH_ value."""
    value = value.strip()
    if value.startswith("urn:epc:idpat:"):
        link = epc_to_digital_link(value)
        if link is None:
            raise QueryParameterError(_("%(value)s is not an EPC pattern this server understands.") % {"value": value})
        return link + "/", True
    if value.endswith("*"):
        return value[:-1], True
    return rules.canonical_id(value), False


def _match(name: str, values: list[str]) -> Q:
    exact, prefixes = [], []
    for value in values:
        text, is_prefix = _pattern(value)
        (prefixes if is_prefix else exact).append(text)
    wanted = Q(epc__in=exact) if exact else Q(pk__in=[])
    for prefix in prefixes:
        wanted |= Q(epc__startswith=prefix)
    return Q(pk__in=EventEpc.objects.filter(wanted, role__in=MATCH_ROLES[name]).values("event_id"))


def _condition(params) -> Q:
    condition = Q()
    for name in params:
        values = _values(params, name)
        if name in PAGING or (not values and name != "EXISTS_errorDeclaration"):
            continue
        if name == "eventType":
            unknown = [v for v in values if v not in EVENT_TYPES]
            if unknown:
                raise QueryParameterError(_("eventType must be among %(types)s; got %(value)s.")
                                          % {"types": ", ".join(EVENT_TYPES), "value": unknown[0]})
            condition &= Q(event_type__in=values)
        elif name == "EQ_action":
            if any(v not in ("ADD", "OBSERVE", "DELETE") for v in values):
                raise QueryParameterError(_("EQ_action takes ADD, OBSERVE or DELETE."))
            condition &= Q(action__in=values)
        elif name in TIME_FIELDS:
            condition &= Q(**{TIME_FIELDS[name]: _moment(name, values[-1])})
        elif name in EQ_FIELDS:
            column, normalise = EQ_FIELDS[name]
            condition &= Q(**{f"{column}__in": [normalise(v) for v in values]})
        elif name in MATCH_ROLES:
            condition &= _match(name, values)
        elif name == "EXISTS_errorDeclaration":
            condition &= Q(declares_error=True)
    return condition


def _fingerprint(params) -> str:
    shown = sorted((k, v) for k in params if k not in PAGING for v in params.getlist(k))
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]


def _per_page(params) -> int:
    raw = params.get("perPage", "")
    if not raw:
        return DEFAULT_PER_PAGE
    if not raw.isdecimal() or not 1 <= int(raw) <= MAX_PER_PAGE:
        raise QueryParameterError(_("perPage must be a whole number from 1 to %(max)d.") % {"max": MAX_PER_PAGE},
                                  errors={"perPage": [_("Out of range.")]})
    return int(raw)


def event_query_parse(params) -> EventQuery:
    """Read a QueryDict; QueryParameterError (400) names any parameter or value that cannot be used."""
    unknown = sorted(set(params) - SUPPORTED)
    if unknown:
        raise QueryParameterError(
            _("Query parameter %(name)s is not supported; this server supports %(names)s.")
            % {"name": unknown[0], "names": ", ".join(sorted(SUPPORTED))}, errors={unknown[0]: [_("Not supported.")]})
    fingerprint = _fingerprint(params)
    after = 0
    if params.get("nextPageToken"):
        try:
            token = signing.loads(params["nextPageToken"], salt=_TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            token = None
        if not isinstance(token, dict) or token.get("q") != fingerprint or not isinstance(token.get("a"), int):
            raise QueryParameterError(_("nextPageToken is not valid for this query or has expired; "
                                        "start again from the first page."), errors={"nextPageToken": [_("Invalid.")]})
        after = token["a"]
    return EventQuery(condition=_condition(params), per_page=_per_page(params), after=after, fingerprint=fingerprint)


def events_page(query: EventQuery) -> tuple[list[TraceEvent], str | None]:
    """One page of matching events in record order, and the token for the next page (None on the last)."""
    rows: QuerySet[TraceEvent] = (TraceEvent.objects.filter(query.condition, pk__gt=query.after)
                                  .order_by("pk").only("pk", "body"))
    page = list(rows[: query.per_page + 1])
    if len(page) <= query.per_page:
        return page, None
    page = page[: query.per_page]
    return page, signing.dumps({"a": page[-1].pk, "q": query.fingerprint}, salt=_TOKEN_SALT)


def query_document(bodies: list[str]) -> str:
    """An EPCISQueryDocument (JSON text) around stored event bodies, which are JSON already."""
    head = json.dumps({"@context": rules.CONTEXT, "type": "EPCISQueryDocument", "schemaVersion": "2.0",
                       "creationDate": rules.iso_ms(timezone.now())}, ensure_ascii=False)
    return (head[:-1] + ',"epcisBody":{"queryResults":{"queryName":"SimpleEventQuery","resultsBody":{"eventList":['
            + ",".join(bodies) + "]}}}}")
