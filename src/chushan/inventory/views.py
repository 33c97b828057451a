"""Seller console pages for stock (/console/stock/): locations, stock with its ledger, receipts, transfers and
counts. Phone first; the ledger pages by htmx. Views parse, call one service or selector, and render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chushan.core.errors import ApplicationError
from chushan.inventory import selectors, services
from chushan.inventory.forms import (
    CountForm,
    LineFormSet,
    LocationForm,
    ReceiveForm,
    TransferForm,
    add_service_error,
)
from chushan.sellers.selectors import seller_of

PAGE_SIZE = 25


def seller_page(view):
    """Signed-in members of a seller only; everyone else is sent to apply. The view gets the seller."""
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seller = seller_of(request.user)
        if seller is None:
            return redirect("sellers:application")
        return view(request, seller, *args, **kwargs)
    return wrapped


def _location_or_404(seller, location_id):
    location = selectors.location_get_for_seller(seller=seller, location_id=location_id)
    if location is None:
        raise Http404
    return location


def _page(request, items, param: str):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get(param))


@seller_page
def stock_home(request, seller):
    """Every location with what it holds, and the counters hosted in this seller's shops."""
    return render(request, "inventory/stock_home.html", {
        "seller": seller, "locations": selectors.location_list_for_seller(seller=seller),
        "hosted": selectors.location_list_hosted(seller=seller),
        "recent": selectors.movement_list_for_seller(seller=seller)[:10]})


@seller_page
def location_detail(request, seller, location_id: int):
    """Stock by SKU at one location, and its ledger, each paged; htmx asks for the ledger alone."""
    location = _location_or_404(seller, location_id)
    query = request.GET.get("q", "")[:60].replace("\x00", "")
    ledger = _page(request, selectors.movement_list_for_seller(seller=seller, location=location), "ledger")
    context = {"seller": seller, "location": location, "query": query, "ledger": ledger,
               "stock": _page(request, selectors.stock_list_for_seller(seller=seller, location=location,
                                                                      query=query), "page")}
    if request.headers.get("HX-Request") and request.GET.get("part") == "ledger":
        return render(request, "inventory/_ledger.html", context)
    return render(request, "inventory/location_detail.html", context)


def _location_form_page(request, seller, location=None):
    if request.method == "POST" and "_refresh" in request.POST:
        # Without JavaScript the region lists are refreshed by posting the form back unsaved.
        form = LocationForm(initial=request.POST.dict(), seller=seller, location=location)
    elif request.method == "POST":
        form = LocationForm(request.POST, seller=seller, location=location,
                            initial=LocationForm.initial_for(location))
        if form.is_valid():
            try:
                if location is None:
                    location = services.location_create(actor=request.user, data=form.data_for_service())
                else:
                    services.location_update(actor=request.user, location=location, data=form.data_for_service())
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Location saved."))
                return redirect("inventory:location", location.pk)
    else:
        form = LocationForm(initial=LocationForm.initial_for(location), seller=seller, location=location)
    return render(request, "inventory/location_form.html", {"seller": seller, "form": form, "location": location})


@seller_page
def location_new(request, seller):
    return _location_form_page(request, seller)


@seller_page
def location_edit(request, seller, location_id: int):
    return _location_form_page(request, seller, _location_or_404(seller, location_id))


@seller_page
def receive(request, seller):
    """Goods arrived: one SKU and a quantity into one location."""
    form = ReceiveForm(request.POST or None, seller=seller, initial={"location": request.GET.get("location")})
    if request.method == "POST" and form.is_valid():
        location = _location_or_404(seller, form.cleaned_data["location"])
        sku = selectors.sku_get_for_seller(seller=seller, sku_id=form.cleaned_data["sku"])
        try:
            services.stock_receive(actor=request.user, sku=sku, location=location,
                                   quantity=form.cleaned_data["quantity"],
                                   reference=form.cleaned_data["reference"], note=form.cleaned_data["note"],
                                   lot=form.cleaned_data["lot"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Received into %(location)s.") % {"location": location.name})
            return redirect("inventory:location", location.pk)
    return render(request, "inventory/receive_form.html", {"seller": seller, "form": form})


@seller_page
def transfer_list(request, seller):
    return render(request, "inventory/transfer_list.html", {
        "seller": seller, "transfers": _page(request, selectors.transfer_list_for_seller(seller=seller), "page")})


def _transfer_items(seller, lines) -> list[services.TransferItem]:
    items = []
    for line in lines.cleaned_data:
        if line.get("sku"):
            items.append(services.TransferItem(
                sku=selectors.sku_get_for_seller(seller=seller, sku_id=line["sku"]), quantity=line["quantity"]))
    return items


@seller_page
def transfer_new(request, seller):
    """Move SKUs from one location to another, e.g. onto a consignment counter."""
    form = TransferForm(request.POST or None, seller=seller, initial={"from_location": request.GET.get("from")})
    lines = LineFormSet(request.POST or None, prefix="lines", form_kwargs={"seller": seller})
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            services.stock_transfer(actor=request.user, items=_transfer_items(seller, lines),
                                    from_location=_location_or_404(seller, form.cleaned_data["from_location"]),
                                    to_location=_location_or_404(seller, form.cleaned_data["to_location"]),
                                    note=form.cleaned_data["note"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Transfer recorded."))
            return redirect("inventory:transfers")
    return render(request, "inventory/transfer_form.html", {"seller": seller, "form": form, "lines": lines})


@seller_page
def count_list(request, seller):
    return render(request, "inventory/count_list.html", {
        "seller": seller, "counts": _page(request, selectors.count_list_for_seller(seller=seller), "page"),
        "locations": selectors.location_list_for_seller(seller=seller)})


@seller_page
def count_new(request, seller, location_id: int):
    """A blind count at one location: type what is on the shelf; the books follow, with the reason."""
    location = _location_or_404(seller, location_id)
    form = CountForm(request.POST or None, seller=seller, location=location)
    if request.method == "POST" and form.is_valid():
        skus = {sku.pk: sku for sku in selectors.sku_list_for_seller(seller=seller)}
        try:
            services.stock_count_record(actor=request.user, location=location, items=form.items(skus),
                                        reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Count recorded; the books now match the shelf."))
            return redirect("inventory:location", location.pk)
    return render(request, "inventory/count_form.html", {"seller": seller, "form": form, "location": location})
