"""The counter pages (/pos/<location>/) for shop clerks on a tablet: scan or search, the basket (htmx), cash or QR
payment, receipts to print or show, pick-ups, returns and the shelf QR sheet. Every action also works without
JavaScript (a form post and a redirect); htmx swaps the basket fragment rendered by the same template."""

from functools import wraps

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chushan.core.errors import ApplicationError
from chushan.orders import selectors as order_selectors
from chushan.payments.providers import available as providers_available
from chushan.pos import forms, rules, selectors, services

PAPER_WIDTHS = {"58": 58, "80": 80}


def counter_page(view):
    """Signed-in staff of the seller who owns or hosts the counter; anyone else gets 404."""
    @login_required
    @wraps(view)
    def wrapped(request, location_id: int, *args, **kwargs):
        location = selectors.counter_get(actor=request.user, location_id=location_id)
        if location is None:
            raise Http404
        return view(request, location, *args, **kwargs)
    return wrapped


def _qr(content: str, scale: int = 5) -> str:
    # micro=False: a short receipt number would otherwise become a Micro QR, which few scanners read.
    return segno.make(content, error="m", micro=False).svg_inline(scale=scale, dark="#1f2328") if content else ""


def _htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


@login_required
def counter_list(request):
    """The counters the clerk works; with only one, straight to it (unless the counter's menu asked for the list)."""
    counters = list(selectors.counter_list(actor=request.user))
    if len(counters) == 1 and "all" not in request.GET:
        return redirect("pos:counter", counters[0].pk)
    return render(request, "pos/counter_list.html", {"counters": counters})


def _counter_context(request, location, **extra) -> dict:
    basket = services.basket_open(actor=request.user, location=location)
    basket = selectors.basket_get(location=location, clerk=request.user) or basket
    awaiting = [{"sale": sale, "qr": _qr(sale.payment.qr_content or sale.payment.pay_url if sale.payment else "")}
                for sale in selectors.sales_awaiting(location=location)]
    return {"location": location, "basket": basket, "awaiting": awaiting, "tab": "sell",
            "recent": selectors.sales_recent(location=location),
            "scan_form": extra.pop("scan_form", None) or forms.ScanForm(),
            "cash_form": extra.pop("cash_form", None) or forms.CashForm(),
            "qr_form": extra.pop("qr_form", None) or forms.QrForm(providers=providers_available()), **extra}


@counter_page
def counter(request, location):
    """The counter: scan or search on one side, the basket and payment on the other."""
    try:
        context = _counter_context(request, location)
    except ApplicationError as exc:  # a location without a counter channel, or closed
        return render(request, "pos/counter_closed.html", {"location": location, "error": exc.message},
                      status=exc.status)
    return render(request, "pos/counter.html", context)


def _basket_answer(request, location, *, error: str = "", notice: str = "", form=None, cash_form=None):
    """htmx gets the basket fragment (with the error or notice); a plain post goes back to the counter."""
    if _htmx(request):
        context = _counter_context(request, location, error=error, notice=notice)
        if form is not None:
            context["scan_form"] = form
        if cash_form is not None:  # what the clerk typed stays in the box
            context["cash_form"] = cash_form
        return render(request, "pos/_basket.html", context, status=200)
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect("pos:counter", location.pk)


@require_POST
@counter_page
def basket_scan(request, location):
    form = forms.ScanForm(request.POST)
    if not form.is_valid():
        return _basket_answer(request, location, error=_("Scan a barcode or type its digits."))
    try:
        services.basket_scan(actor=request.user, location=location, code=form.cleaned_data["code"])
    except ApplicationError as exc:
        return _basket_answer(request, location, error=str(exc.message))
    return _basket_answer(request, location)


@require_POST
@counter_page
def basket_line(request, location, action: str):
    """add (one more, or ``quantity`` more), set (to ``quantity``; 0 removes) or clear."""
    form = forms.LineForm(request.POST)
    try:
        if action == "clear":
            services.basket_clear(actor=request.user, location=location)
            return _basket_answer(request, location)
        if action not in ("add", "set") or not form.is_valid():
            return _basket_answer(request, location, error=_("Enter a whole number of units from 0 to 999."))
        sku = selectors.sellable_sku_get(location=location, sku_id=form.cleaned_data["sku"])
        if sku is None:
            return _basket_answer(request, location, error=_("This counter does not sell that product."))
        quantity = form.cleaned_data["quantity"]
        if action == "add":
            services.basket_add(actor=request.user, location=location, sku=sku, quantity=quantity or 1)
        else:
            services.basket_set(actor=request.user, location=location, sku=sku,
                                quantity=0 if quantity is None else quantity)
    except ApplicationError as exc:
        return _basket_answer(request, location, error=str(exc.message))
    return _basket_answer(request, location)


@require_GET
@counter_page
def search(request, location):
    form = forms.SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(request, "pos/_search_results.html", {
        "location": location, "query": query, "skus": selectors.sku_search(location=location, query=query)})


@require_POST
@counter_page
def pay_cash(request, location):
    form = forms.CashForm(request.POST)
    if form.is_valid():
        basket = services.basket_open(actor=request.user, location=location)
        try:
            sale = services.pos_sale_pay_cash(actor=request.user, sale=basket, tendered=form.cleaned_data["tendered"])
        except ApplicationError as exc:
            forms.add_service_error(form, exc)
        else:
            return _to_receipt(request, location, sale)
    return _basket_answer(request, location, error=" ".join(e for errs in form.errors.values() for e in errs),
                          cash_form=form)


def _to_receipt(request, location, sale):
    url = reverse("pos:receipt", args=[location.pk, sale.number])
    if _htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@require_POST
@counter_page
def pay_qr(request, location):
    form = forms.QrForm(request.POST, providers=providers_available())
    if form.is_valid():
        basket = services.basket_open(actor=request.user, location=location)
        try:
            services.pos_sale_qr_start(actor=request.user, sale=basket, provider=form.cleaned_data["provider"])
        except ApplicationError as exc:
            return _basket_answer(request, location, error=str(exc.message))
        return _basket_answer(request, location, notice=_("Show the QR code to the customer."))
    return _basket_answer(request, location, error=_("Choose how the customer pays."))


def _sale_or_404(location, number):
    sale = selectors.sale_get_by_number(location=location, number=number)
    if sale is None:
        raise Http404
    return sale


@require_GET
@counter_page
def sale_status(request, location, number: str):
    """Polled while a QR code is shown: a paid sale sends the tablet to its receipt."""
    sale = _sale_or_404(location, number)
    try:
        sale = services.pos_sale_refresh(actor=request.user, sale=sale)
    except ApplicationError as exc:
        return render(request, "pos/_qr_status.html", {"location": location, "sale": sale, "error": exc.message})
    if sale.state == rules.PAID:
        return _to_receipt(request, location, sale)
    if not _htmx(request):
        return redirect("pos:counter", location.pk)
    if sale.state != rules.AWAITING_PAYMENT:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # the payment closed: the basket is back on the counter page
        return response
    return render(request, "pos/_qr_status.html", {"location": location, "sale": sale})


@require_POST
@counter_page
def sale_cancel(request, location, number: str):
    sale = _sale_or_404(location, number)
    try:
        sale = services.pos_sale_qr_cancel(actor=request.user, sale=sale)
    except ApplicationError as exc:
        return _basket_answer(request, location, error=str(exc.message))
    if sale.state == rules.PAID:
        return _to_receipt(request, location, sale)
    return _basket_answer(request, location, notice=_("The QR payment was cancelled; the basket is back."))


@require_GET
@counter_page
def receipt(request, location, number: str):
    """The receipt to show on screen or print on a 58 or 80 mm roll (?paper=58)."""
    sale = _sale_or_404(location, number)
    paper = PAPER_WIDTHS.get(request.GET.get("paper", ""), 80)
    return render(request, "pos/receipt.html", {
        "location": location, "sale": sale, "paper": paper, "lines": list(sale.lines.all()),
        "returns": list(sale.returns.all()), "number_qr": _qr(sale.number, scale=3)})


@counter_page
def returns(request, location):
    """Find the receipt (typed, or scanned from its QR), then choose what comes back."""
    form = forms.LookupForm(request.GET or None)
    if form.is_valid():
        sale = selectors.sale_get_by_number(location=location, number=form.cleaned_data["number"])
        if sale is not None and sale.state == rules.PAID:
            return redirect("pos:return_new", location.pk, sale.number)
        form.add_error("number", _("No paid receipt with this number was issued at this counter."))
    return render(request, "pos/return_find.html", {"location": location, "form": form, "tab": "returns"})


@counter_page
def return_new(request, location, number: str):
    sale = _sale_or_404(location, number)
    form = forms.ReturnForm(request.POST or None, sale=sale)
    if request.method == "POST" and form.is_valid():
        try:
            taken = services.pos_return_take(actor=request.user, sale=sale, lines=form.lines(),
                                             method=form.cleaned_data["method"], reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            forms.add_service_error(form, exc)
        else:
            messages.success(request, _("Return %(number)s taken: ¥%(amount)s back.") % {
                "number": taken.number, "amount": taken.amount})
            return redirect("pos:receipt", location.pk, sale.number)
    return render(request, "pos/return_form.html", {"location": location, "sale": sale, "form": form,
                                                    "tab": "returns"})


@counter_page
def pickups(request, location):
    """Type or scan the shopper's code, check the order, hand it over (once)."""
    form = forms.PickupForm(request.POST or request.GET or None)
    order = None
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if request.method == "POST":
                order = services.pos_pickup_hand_over(actor=request.user, location=location, code=code)
                messages.success(request, _("Order %(number)s handed over.") % {"number": order.number})
                return redirect("pos:pickups", location.pk)
            order = services.pos_pickup_find(actor=request.user, location=location, code=code)
        except ApplicationError as exc:
            forms.add_service_error(form, exc)
    waiting = order_selectors.pickup_list_for_seller(seller=location.seller, location=location)[:50]
    return render(request, "pos/pickups.html", {"location": location, "form": form, "order": order,
                                                "waiting": waiting, "tab": "pickups"})


@require_GET
@counter_page
def shelf_labels(request, location):
    """A printable sheet of QR codes, one per SKU this shop holds, opening the product page for this shop."""
    base = settings.CHUSHAN_PUBLIC_BASE_URL.rstrip("/")
    labels = []
    for sku in selectors.shelf_skus(location=location):
        url = f"{base}{reverse('catalog:product', args=[sku.product_id])}?shop={location.pk}"
        labels.append({"sku": sku, "url": url, "qr": _qr(url, scale=3)})
    return render(request, "pos/shelf_labels.html", {"location": location, "labels": labels})
