"""Seller console (phone first): lots, sites, the events of a lot, labels and recalls; the member's seller only."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chushan.core.errors import ApplicationError
from chushan.sellers.selectors import seller_of
from chushan.trace import labels, selectors, services
from chushan.trace.forms import (
    EVENT_FORMS,
    EVENT_TITLES,
    LotForm,
    RecallForm,
    SerialsForm,
    SiteForm,
    add_application_error,
)
from chushan.trace.story import lot_story


def console_member(view):
    """Signed in and a member of a seller; the seller is on ``request.seller``."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.seller = seller_of(request.user)
        if request.seller is None:
            raise PermissionDenied(_("Only members of a seller can use the seller console. Apply to sell first."))
        return view(request, *args, **kwargs)

    return wrapper


def _lot(request, lot_id: int):
    lot = selectors.lot_for_seller(seller=request.seller, lot_id=lot_id)
    if lot is None:  # another seller's lot does not exist for this member
        raise Http404(_("No such lot."))
    return lot


def _raise_http(exc: ApplicationError) -> None:
    if exc.status == 404:
        raise Http404(str(exc.message))
    if exc.status == 403:
        raise PermissionDenied(str(exc.message))


@console_member
def home(request):
    query = request.GET.get("q", "").strip()[:40]
    page = Paginator(selectors.lots_for_seller(seller=request.seller, query=query), 20).get_page(
        request.GET.get("page"))
    return render(request, "trace/console/home.html", {
        "page": page, "lot_query": query, "sites": selectors.sites_for_seller(seller=request.seller),
        "prefixes": selectors.prefixes_for_seller(seller=request.seller)})


@console_member
@require_http_methods(["GET", "POST"])
def lot_new(request):
    form = LotForm(request.POST or None, seller=request.seller, gtins=selectors.seller_gtins(seller=request.seller))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lot = services.lot_register(actor=request.user, draft=services.LotDraft(
                gtin=data["gtin"], code=data["code"], produced_on=data["produced_on"], expires_on=data["expires_on"],
                origin=data["origin"], ilmd=form.ilmd()))
        except ApplicationError as exc:
            _raise_http(exc)
            add_application_error(form, exc)
        else:
            messages.success(request, _("Lot %(code)s registered; its trace code is %(trace)s.")
                             % {"code": lot.code, "trace": lot.trace_code})
            return redirect("trace:console_lot", lot_id=lot.pk)
    return render(request, "trace/console/lot_new.html", {"form": form}, status=422 if form.errors else 200)


@console_member
def lot_detail(request, lot_id: int):
    lot = _lot(request, lot_id)
    return render(request, "trace/console/lot_detail.html", {
        "lot": lot, "story": lot_story(lot), "kinds": EVENT_TITLES, "serials_form": SerialsForm(),
        "serials": lot.serials.all()[:200]})


def _initial(kind: str, lot) -> dict:
    if kind == "packing":
        return {"parent": f"urn:chushan:case:{lot.trace_code}-{timezone.localtime():%y%m%d%H%M%S}"}
    return {}


@console_member
@require_http_methods(["GET", "POST"])
def lot_event(request, lot_id: int, kind: str):
    lot = _lot(request, lot_id)
    if kind not in EVENT_FORMS:
        raise Http404(_("No such kind of event."))
    form = EVENT_FORMS[kind](request.POST or None, seller=request.seller, initial=_initial(kind, lot))
    if request.method == "POST" and form.is_valid():
        try:
            services.lot_event_record(actor=request.user, lot=lot, kind=kind, data=form.event_data())
        except ApplicationError as exc:
            _raise_http(exc)
            add_application_error(form, exc)
        else:
            messages.success(request, _("Recorded: %(what)s.") % {"what": EVENT_TITLES[kind]})
            return redirect("trace:console_lot", lot_id=lot.pk)
    return render(request, "trace/console/lot_event.html", {"lot": lot, "form": form, "kind": kind,
                                                            "title": EVENT_TITLES[kind]},
                  status=422 if form.errors else 200)


@console_member
@require_POST
def lot_serials(request, lot_id: int):
    lot = _lot(request, lot_id)
    form = SerialsForm(request.POST)
    if form.is_valid():
        try:
            created = services.serials_register(actor=request.user, lot=lot,
                                                serials=form.cleaned_data["serials"].splitlines())
        except ApplicationError as exc:
            _raise_http(exc)
            messages.error(request, "; ".join([str(exc.message), *exc.errors.get("serials", [])]))
        else:
            messages.success(request, _("%(n)d serial numbers registered.") % {"n": len(created)})
    return redirect("trace:console_lot", lot_id=lot.pk)


def _label_data(request, lot) -> list[labels.LabelData]:
    wanted = [s.strip() for s in request.GET.get("serials", "").split(",") if s.strip()]
    base = settings.CHUSHAN_PUBLIC_BASE_URL
    if not wanted:
        return [labels.LabelData(labels.label_uri(base, lot.gtin, lot.code, None), lot.gtin, lot.code, None,
                                 lot.produced_on, lot.expires_on, lot.trace_code)]
    serials = list(lot.serials.all()) if wanted == ["all"] else list(lot.serials.filter(serial__in=wanted[:200]))
    if not serials:
        raise Http404(_("None of these serial numbers belongs to this lot."))
    return [labels.LabelData(labels.label_uri(base, lot.gtin, lot.code, s.serial), lot.gtin, lot.code, s.serial,
                             lot.produced_on, lot.expires_on, lot.trace_code) for s in serials[:200]]


@console_member
def lot_label(request, lot_id: int, fmt: str):
    """The lot's label, or labels for ?serials=A,B (or ?serials=all), as PNG or PDF."""
    lot = _lot(request, lot_id)
    data = _label_data(request, lot)
    if fmt == "pdf":
        response = HttpResponse(labels.labels_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(labels.labels_png(data), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="label-{lot.gtin}-{lot.pk}.{fmt}"'
    return response


@console_member
@require_http_methods(["GET", "POST"])
def lot_recall(request, lot_id: int):
    lot = _lot(request, lot_id)
    form = RecallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recall = services.lot_recall(actor=request.user, lot=lot, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            _raise_http(exc)
            add_application_error(form, exc)
        else:
            messages.success(request, _("Lot recalled: %(lots)d lots reached, %(shoppers)d shoppers told.")
                             % {"lots": recall.lots_reached, "shoppers": recall.shoppers_notified})
            return redirect("trace:console_lot", lot_id=lot.pk)
    return render(request, "trace/console/lot_recall.html", {
        "lot": lot, "form": form, "reach": selectors.recall_trace(lot=lot)}, status=422 if form.errors else 200)


@console_member
@require_http_methods(["GET", "POST"])
def sites(request):
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_register(actor=request.user, draft=services.SiteDraft(**form.cleaned_data))
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Site registered."))
            return redirect("trace:console_sites")
    return render(request, "trace/console/sites.html", {
        "form": form, "sites": selectors.sites_for_seller(seller=request.seller)}, status=422 if form.errors else 200)
