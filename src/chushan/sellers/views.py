"""The seller console (/console/): a phone-first place to apply, upload certificates and manage staff."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chushan.core.errors import ApplicationError
from chushan.sellers import rules, selectors, services
from chushan.sellers.forms import (
    ApplicationForm,
    CertificateForm,
    StaffForm,
    add_application_error,
    county_choices,
    prefecture_choices,
)
from chushan.sellers.models import Membership, Seller


@login_required
def dashboard(request):
    seller = selectors.seller_of(request.user)
    context = {"seller": seller, "section": "overview"}
    if seller is not None:
        band = rules.credit_band(seller.credit_score)
        context.update(selectors.console_overview(seller=seller), band=band)
    return render(request, "console/dashboard.html", context)


@login_required
def application_edit(request):
    seller = selectors.seller_of(request.user)
    editable = seller is None or seller.status in (Seller.Status.DRAFT, Seller.Status.REJECTED)
    if request.method == "POST" and editable and "_refresh" not in request.POST:
        form = ApplicationForm(request.POST)
        if form.is_valid():
            try:
                if seller is None:
                    services.seller_apply(actor=request.user, data=form.application())
                else:
                    services.seller_update_application(actor=request.user, seller=seller,
                                                       data=form.application(seller))
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("Application saved. Next, upload your certificates."))
                return redirect("sellers:console")
    elif request.method == "POST" and editable:
        # Without JavaScript the region lists are refreshed by posting the form back unsaved.
        form = ApplicationForm(initial=request.POST.dict())
    else:
        form = ApplicationForm(initial=ApplicationForm.initial_for(seller))
    return render(request, "console/application_form.html",
                  {"form": form, "seller": seller, "editable": editable, "section": "application"})


@login_required
@require_POST
def application_submit(request):
    seller = selectors.seller_of(request.user)
    if seller is None:
        return redirect("sellers:application")
    try:
        services.seller_submit(actor=request.user, seller=seller)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Submitted. A reviewer will look at your application soon."))
    return redirect("sellers:console")


@login_required
@require_GET
def region_options(request, level: str):
    """htmx: the <option>s under a province (prefectures) or a prefecture (counties)."""
    parent = request.GET.get("province" if level == "prefectures" else "prefecture", "")[:6]
    choices = prefecture_choices(parent) if level == "prefectures" else county_choices(parent)
    return render(request, "console/_region_options.html",
                  {"choices": choices, "reset_county": level == "prefectures"})


@login_required
def certificate_list(request):
    seller = selectors.seller_of(request.user)
    if seller is None:
        return redirect("sellers:application")
    return render(request, "console/certificate_list.html", {
        "seller": seller, "section": "certificates",
        "certificates": selectors.seller_certificates(seller=seller)})


@login_required
def certificate_new(request):
    seller = selectors.seller_of(request.user)
    if seller is None:
        return redirect("sellers:application")
    form = CertificateForm(request.POST or None, request.FILES or None, seller=seller)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_upload(actor=request.user, seller=seller, draft=form.draft())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Certificate uploaded; it will be reviewed."))
            return redirect("sellers:certificates")
    return render(request, "console/certificate_form.html",
                  {"form": form, "seller": seller, "section": "certificates", "kind": form["kind"].value()})


@login_required
@require_GET
def certificate_kind_fields(request):
    """htmx: only the detail fields the chosen kind of certificate needs."""
    seller = selectors.seller_of(request.user)
    if seller is None:
        raise Http404
    form = CertificateForm(seller=seller)
    return render(request, "console/_certificate_kind_fields.html",
                  {"form": form, "kind": request.GET.get("kind", "")[:30]})


@login_required
@require_GET
def certificate_document(request, pk: int):
    """The scan, for the seller's own members and for reviewers; nobody else learns it exists."""
    certificate = selectors.certificate_document_for(user=request.user, pk=pk)
    if certificate is None or not certificate.document:
        raise Http404
    content_type = mimetypes.guess_type(certificate.document.name)[0] or "application/octet-stream"
    response = FileResponse(certificate.document.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.pk}.{content_type.split("/")[-1]}"'
    return response


@login_required
def staff(request):
    seller = selectors.seller_of(request.user)
    if seller is None:
        return redirect("sellers:application")
    is_owner = request.user.membership.role == Membership.Role.OWNER
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_add(actor=request.user, seller=seller, mobile=form.cleaned_data["mobile"])
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Staff member added."))
            return redirect("sellers:staff")
    return render(request, "console/staff.html", {
        "seller": seller, "form": form, "is_owner": is_owner, "section": "staff",
        "members": selectors.seller_staff(seller=seller)})


@login_required
@require_POST
def staff_remove(request, pk: int):
    membership = selectors.seller_staff(seller=selectors.seller_of(request.user)).filter(pk=pk).first()
    if membership is None:
        raise Http404
    try:
        services.staff_remove(actor=request.user, membership=membership)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Staff member removed."))
    return redirect("sellers:staff")
