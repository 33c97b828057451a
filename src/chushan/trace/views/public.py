"""Public pages: the Digital Link resolver (scan to trace) and the published chain anchors."""

import json
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from chushan.core.problem import problem_response
from chushan.trace import gs1, query, selectors
from chushan.trace.gs1 import InvalidIdentifier
from chushan.trace.labels import label_uri
from chushan.trace.story import lot_story

JSON_LD = "application/ld+json"


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return JSON_LD in accept or (accept.startswith("application/json"))


def _error(request, status: int, title: str, detail: str, technical: str = ""):
    if _wants_json(request):
        return problem_response(status=status, detail=technical or detail,
                                code="not_found" if status == 404 else "bad_request")
    return render(request, "trace/scan_error.html", {"status": status, "title": title, "detail": detail,
                                                     "technical": technical}, status=status)


def _identifiers(request, gtin: str, lot: str | None, serial: str | None) -> tuple[str, str | None, str | None]:
    path = "/01/" + quote(gtin, safe="")
    if lot is not None:
        path += "/10/" + quote(lot, safe="")
    if serial is not None:
        path += "/21/" + quote(serial, safe="")
    query_string = request.META.get("QUERY_STRING", "")
    return gs1.parse_digital_link(gs1.CANONICAL_BASE + path + (f"?{query_string}" if query_string else ""))


@require_GET
@vary_on_headers("Accept")
def scan(request, gtin: str, lot: str | None = None, serial: str | None = None):
    """/01/{gtin}/10/{lot}[/21/{serial}] and /01/{gtin}/21/{serial}: the story of what was scanned."""
    try:
        gtin, lot, serial = _identifiers(request, gtin, lot, serial)
    except InvalidIdentifier as exc:
        return _error(request, 400, _("This code is not valid"),
                      _("The code could not be read: a digit may be wrong, or the lot number has characters a GS1 "
                        "code cannot carry. Check the code on the package, or ask the seller."), str(exc))
    item = selectors.serial_get(gtin=gtin, serial=serial) if serial else None
    found = item.lot if item else selectors.lot_get(gtin=gtin, code=lot) if lot else None
    if (serial and item is None) or (lot and (found is None or found.code != lot)) or (found is None and not item):
        return _error(request, 404, _("Nothing is known about this code"),
                      _("No lot or item with these GS1 codes is registered on Chushan. Check the code on the "
                        "package, or ask the seller."))
    story = lot_story(found, item)
    if _wants_json(request):
        response = HttpResponse(query.query_document([e.body for e in story.events]), content_type=JSON_LD)
        response["Link"] = f'<{request.build_absolute_uri(request.path)}>; rel="owl:sameAs"'
        return response
    uri = label_uri(settings.CHUSHAN_PUBLIC_BASE_URL, gtin, found.code if found else None, serial)
    wanted = {"MATCH_anyEPC": gs1.digital_link(gtin, serial=serial)} if serial and not found else {
        "MATCH_anyEPCClass": gs1.digital_link(gtin, lot=found.code)}
    events_url = "/epcis/events?" + urlencode(wanted)
    product = found.sku.product if found and found.sku_id else selectors.product_for_gtin(gtin=gtin)
    return render(request, "trace/scan.html", {
        "story": story, "lot": found, "item": item, "uri": uri, "gtin": gtin, "product": product,
        "events_url": events_url, "can_inspect": bool(found and selectors.lot_for_inspector(user=request.user,
                                                                                           lot_id=found.pk)),
        "seller": found.seller if found else item.seller,
        "chart": story.cold_chain.chart() if story.cold_chain else None})


@require_GET
def anchors(request):
    """Every published daily anchor and each chain's latest verification: anyone may copy them, and later
    check that history was not rewritten."""
    page = Paginator(selectors.anchors_published(), 50).get_page(request.GET.get("page"))
    checks = selectors.chain_checks_published()
    suspect = selectors.anchors_suspect(anchors=page, checks=checks)
    if request.GET.get("format") == "json" or _wants_json(request):
        rows = [{"seller": a.seller.name, "sellerId": a.seller_id, "day": a.day.isoformat(), "merkleRoot": a.root,
                 "firstSeq": a.first_seq, "lastSeq": a.last_seq, "lastDigest": a.head_digest,
                 "publishedAt": a.published_at.isoformat(), "stillHolds": a.pk not in suspect} for a in page]
        checked = [{"seller": c.seller.name, "sellerId": c.seller_id, "checkedAt": c.checked_at.isoformat(),
                    "records": c.records, "intact": c.intact, "firstBrokenSeq": c.broken_seq,
                    "firstBrokenEventID": c.broken_event_id or None, "reason": c.reason or None} for c in checks]
        return HttpResponse(json.dumps({"anchors": rows, "chains": checked, "page": page.number,
                                        "pages": page.paginator.num_pages}, ensure_ascii=False),
                            content_type="application/json")
    return render(request, "trace/anchors.html", {"page": page, "checks": checks, "suspect": suspect,
                                                  "broken": [c for c in checks if not c.intact]})
