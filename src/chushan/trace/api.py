"""The EPCIS 2.0 REST interface under /epcis/ (its own NinjaAPI, OpenAPI at /epcis/openapi.json).

Capture (POST /capture, POST /events) needs a member of an admitted seller: a bearer token or the session
with its CSRF token; a seller captures only its own identifiers.  Reads (GET /events, GET /events/{eventID})
are public, like the scan page: traceability data is published on purpose, and events never name shoppers.
Capture jobs are visible to their seller only.
"""

import json
import uuid
from urllib.parse import quote, urlencode

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from chushan.accounts.auth import user_auth
from chushan.core.errors import ApplicationError, NotFound
from chushan.core.problem import install_handlers
from chushan.sellers.selectors import seller_of
from chushan.trace import query, selectors, services
from chushan.trace.schemas import CaptureJobOut, capture_job_out

JSON_TYPES = ("application/json", "application/ld+json")
VERSION_HEADERS = {"GS1-EPCIS-Version": "2.0.0", "GS1-CBV-Version": "2.0.0", "GS1-EPCIS-Min": "2.0.0",
                   "GS1-EPCIS-Max": "2.0.0"}


def _limit_headers() -> dict[str, str]:
    events, size = services.capture_limits()
    return {"GS1-EPCIS-Capture-Limit": str(events), "GS1-EPCIS-Capture-File-Size-Limit": str(size)}


def _with_headers(response: HttpResponse) -> HttpResponse:
    for name, value in {**VERSION_HEADERS, **_limit_headers()}.items():
        response.setdefault(name, value)
    return response


class EpcisApi(NinjaAPI):
    """Every answer, errors included, announces the EPCIS/CBV versions and the capture limits."""

    def on_exception(self, request, exc):
        return _with_headers(super().on_exception(request, exc))


epcis_api = EpcisApi(title="Chushan EPCIS 2.0 interface", version="2.0.0", urls_namespace="epcis",
                     openapi_url="/openapi.json", docs_url="/docs",
                     description="GS1 EPCIS 2.0 REST binding (JSON-LD): capture and SimpleEventQuery. "
                                 "Event IDs are CBV 2.0 Event Hash IDs set by the server.")
install_handlers(epcis_api)


def _body(request: HttpRequest) -> bytes:
    """The request body within the file-size limit, read from the stream (it may pass Django's form limit)."""
    content_type = request.content_type or ""
    if content_type not in JSON_TYPES:
        raise ApplicationError(_("Send the events as application/ld+json or application/json."), status=415,
                               code="epcis-unsupported-media-type")
    _events, limit = services.capture_limits()
    length = request.META.get("CONTENT_LENGTH") or ""
    if length.isdecimal() and int(length) > limit:
        raise services.CaptureTooLarge(_("The document has %(size)d bytes; send at most %(limit)d per capture "
                                         "(GS1-EPCIS-Capture-File-Size-Limit).") % {"size": int(length),
                                                                                    "limit": limit})
    data = request._body if hasattr(request, "_body") else request.read(limit + 1)
    if len(data) > limit:
        raise services.CaptureTooLarge(_("The document is larger than %(limit)d bytes "
                                         "(GS1-EPCIS-Capture-File-Size-Limit).") % {"limit": limit})
    return data


def _json(request: HttpRequest, text: str, status: int = 200, **headers) -> HttpResponse:
    accept = request.headers.get("Accept", "")
    content_type = "application/json" if "application/json" in accept and "ld+json" not in accept \
        else "application/ld+json"
    response = HttpResponse(text, status=status, content_type=content_type)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return _with_headers(response)


def event_url(event_id: str) -> str:
    return "/epcis/events/" + quote(event_id, safe="")


@epcis_api.api_operation(["OPTIONS"], "/capture", auth=None, summary="Capture limits and behaviour",
                         tags=["Discovery"])
def capture_options(request):
    response = HttpResponse(status=204)
    response["GS1-Capture-Error-Behaviour"] = "rollback, proceed"
    response["Allow"] = "OPTIONS, POST"
    return _with_headers(response)


@epcis_api.post("/capture", auth=user_auth, response={202: CaptureJobOut}, tags=["Capture"],
                summary="Capture an EPCISDocument (all or nothing unless GS1-Capture-Error-Behaviour: proceed)")
def capture(request):
    job = services.document_capture(actor=request.auth, body=_body(request),
                                    behaviour=request.headers.get("GS1-Capture-Error-Behaviour", "rollback"))
    response = HttpResponse(json.dumps(CaptureJobOut(**capture_job_out(job)).model_dump(mode="json")), status=202,
                            content_type="application/json")
    response["Location"] = f"/epcis/capture/{job.id}"
    return _with_headers(response)


@epcis_api.get("/capture/{capture_id}", auth=user_auth, response=CaptureJobOut, tags=["Capture"],
               summary="A capture job of your seller")
def capture_job(request, capture_id: str):
    try:
        job_id = uuid.UUID(capture_id)
    except ValueError:
        job_id = None
    job = selectors.capture_job_get(seller=seller_of(request.auth), job_id=job_id) if job_id else None
    if job is None:
        raise NotFound(_("No capture job %(id)s of your seller.") % {"id": capture_id})
    return capture_job_out(job)


@epcis_api.post("/events", auth=user_auth, tags=["Capture"], summary="Capture one event (201; 409 if it exists)",
                openapi_extra={"responses": {201: {"description": "Captured; Location names the event."},
                                             409: {"description": "This event was captured before."}}})
def event_create(request):
    event = services.event_capture(actor=request.auth, event=_body(request))
    return _json(request, event.body, status=201, Location=event_url(event.event_id))


@epcis_api.get("/events", auth=None, tags=["Events"], summary="SimpleEventQuery: events as an EPCISQueryDocument",
               openapi_extra={"parameters": [{"name": name, "in": "query", "required": False,
                                              "schema": {"type": "string"}} for name in sorted(query.SUPPORTED)]})
def events(request):
    event_query = query.event_query_parse(request.GET)
    page, token = query.events_page(event_query)
    headers = {}
    if token:
        params = request.GET.copy()
        params["nextPageToken"] = token
        next_url = f"{request.build_absolute_uri(request.path)}?{urlencode(list(params.lists()), doseq=True)}"
        headers["Link"] = f'<{next_url}>; rel="next"'
        headers["GS1-Next-Page-Token-Expires"] = str(query.TOKEN_MAX_AGE)
    return _json(request, query.query_document([e.body for e in page]), **headers)


@epcis_api.get("/events/{path:event_id}", auth=None, tags=["Events"],
               summary="One event (URL-encoded Event Hash ID) and its error declaration")
def event_detail(request, event_id: str):
    # An unencoded '?ver=CBV2.0' arrives as the query string rather than in the path.
    if "?" not in event_id and request.GET.get("ver"):
        event_id = f"{event_id}?ver={request.GET['ver']}"
    found = selectors.event_get(event_id=event_id)
    if not found:
        raise NotFound(_("No event %(id)s here.") % {"id": event_id})
    return _json(request, query.query_document([e.body for e in found]))
