"""Inspectors on the phone console: a seller lets them in; they find a lot (or scan its QR code) and record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chushan.core.errors import ApplicationError
from chushan.trace import selectors, services
from chushan.trace.forms import InspectorAccessForm, InspectorInspectionForm, add_application_error
from chushan.trace.story import lot_story
from chushan.trace.views.console import _raise_http, console_member


@console_member
@require_http_methods(["GET", "POST"])
def inspectors(request):
    """The seller's page: who may record inspections of its lots; add one by mobile number, or withdraw one."""
    form = InspectorAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access = services.inspector_access_grant(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            _raise_http(exc)
            add_application_error(form, exc)
        else:
            messages.success(request, _("%(who)s can now record inspections of your lots.")
                             % {"who": access.organisation})
            return redirect("trace:console_inspectors")
    return render(request, "trace/console/inspectors.html", {
        "form": form, "accesses": selectors.inspector_accesses_for_seller(seller=request.seller)},
        status=422 if form.errors else 200)


@console_member
@require_POST
def inspector_revoke(request, access_id: int):
    try:
        access = services.inspector_access_revoke(actor=request.user, access_id=access_id)
    except ApplicationError as exc:
        _raise_http(exc)
        raise
    messages.success(request, _("%(who)s can no longer record inspections.") % {"who": access.organisation})
    return redirect("trace:console_inspectors")


@login_required
def inspect_home(request):
    """The inspector's page: the sellers that let them in, and their lots (find by number, trace code or QR)."""
    query = request.GET.get("q", "").strip()[:300]
    accesses = list(selectors.inspector_accesses_of(user=request.user))
    lots = list(selectors.lots_for_inspector(user=request.user, query=query)[:30]) if accesses else []
    if query and len(lots) == 1:
        return redirect("trace:inspect_lot", lot_id=lots[0].pk)
    return render(request, "trace/inspect/home.html", {"accesses": accesses, "lots": lots, "lot_query": query})


@login_required
@require_http_methods(["GET", "POST"])
def inspect_lot(request, lot_id: int):
    lot = selectors.lot_for_inspector(user=request.user, lot_id=lot_id)
    if lot is None:
        raise Http404(_("No such lot among the sellers that let you record inspections."))
    form = InspectorInspectionForm(request.POST or None, seller=lot.seller)
    if request.method == "POST" and form.is_valid():
        try:
            services.lot_inspection_record(actor=request.user, lot=lot, data=form.event_data())
        except ApplicationError as exc:
            _raise_http(exc)
            add_application_error(form, exc)
        else:
            messages.success(request, _("Inspection recorded in the lot's chain."))
            return redirect("trace:inspect_lot", lot_id=lot.pk)
    return render(request, "trace/inspect/lot.html", {
        "lot": lot, "form": form, "story": lot_story(lot),
        "organisation": next((a.organisation for a in selectors.inspector_accesses_of(user=request.user)
                              if a.seller_id == lot.seller_id), "")}, status=422 if form.errors else 200)
