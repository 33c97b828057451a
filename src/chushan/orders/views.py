"""Shopper pages (cart, checkout, pay, orders, pick-up code, addresses) and the seller console's orders to
pack and pick-ups to hand over. Phone first; views parse, call one service or selector, and render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from chushan.core.errors import ApplicationError
from chushan.orders import rules, selectors, services
from chushan.orders.forms import (
    NEW,
    AddressForm,
    AddToCartForm,
    CartLineForm,
    CheckoutForm,
    PickupCodeForm,
    ShipForm,
    add_service_error,
)
from chushan.orders.models import Order
from chushan.orders.qr import qr_svg
from chushan.payments import selectors as payment_selectors
from chushan.payments.providers import available
from chushan.sellers.selectors import seller_of

PAGE_SIZE = 20
PROVIDER_NAMES = {"sandbox": gettext_lazy("Sandbox (test)"), "alipay": gettext_lazy("Alipay"),
                  "wechat": gettext_lazy("WeChat Pay")}


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


# Cart ---------------------------------------------------------------------------------------------------------

@login_required
@require_GET
def cart(request):
    return render(request, "orders/cart.html", {"cart": selectors.cart_view(shopper=request.user)})


@require_POST
def cart_add(request):
    """From a product page: put the chosen SKU in the cart (signing in first if need be)."""
    if not request.user.is_authenticated:
        # Encoded, so that the product page's own query (?shop=…&at=…) survives the sign-in.
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': _back(request, '/')})}")
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an option and a quantity from 1 to %(max)d.") % {
            "max": rules.MAX_LINE_QUANTITY})
        return redirect(_back(request, reverse("orders:cart")))
    sku = selectors.sku_for_cart(sku_id=form.cleaned_data["sku"])
    location = selectors.pickup_location_get(location_id=form.cleaned_data["pickup_location"])
    try:
        if sku is None:
            raise Http404
        services.cart_line_add(actor=request.user, sku=sku, quantity=form.cleaned_data["quantity"],
                               fulfilment=rules.PICKUP if location else rules.DELIVER, pickup_location=location)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect(_back(request, reverse("orders:cart")))
    messages.success(request, _("Added to your cart."))
    return redirect("orders:cart")


@login_required
@require_POST
def cart_line_update(request, line_id: int):
    line = selectors.cart_line_get(shopper=request.user, line_id=line_id)
    if line is None:
        raise Http404
    form = CartLineForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Enter a quantity from 1 to %(max)d.") % {"max": rules.MAX_LINE_QUANTITY})
        services.cart_line_update(actor=request.user, line=line, quantity=form.cleaned_data["quantity"])
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    return redirect("orders:cart")


@login_required
@require_POST
def cart_line_remove(request, line_id: int):
    line = selectors.cart_line_get(shopper=request.user, line_id=line_id)
    if line is None:
        raise Http404
    services.cart_line_remove(actor=request.user, line=line)
    messages.success(request, _("Removed from your cart."))
    return redirect("orders:cart")


# Checkout -----------------------------------------------------------------------------------------------------

def _checkout_forms(request, view):
    addresses = list(selectors.address_list(shopper=request.user))
    default = next((a for a in addresses if a.is_default), addresses[0] if addresses else None)
    near = default.region if default else None
    pickups = {e.line.pk: selectors.pickup_choices(sku=e.line.sku, quantity=e.line.quantity, near=near)
               for e in view.entries}
    providers = [(code, PROVIDER_NAMES.get(code, code)) for code in available()]
    data = request.POST if request.method == "POST" and "_refresh" not in request.POST else None
    initial = {"address": str(default.pk) if default else NEW, "provider": providers[0][0] if providers else ""}
    form = CheckoutForm(data, initial=initial, entries=view.entries, addresses=addresses, providers=providers,
                        pickup_choices=pickups)
    address_form = AddressForm(data, required=False) if data is not None else AddressForm(
        initial=request.POST.dict() if request.method == "POST" else None, required=False)
    return form, address_form, addresses


def _delivery_address(request, form, address_form):
    """The chosen saved address, or a new one made from the form (None when every line is picked up)."""
    if not form.needs_address():
        return None
    choice = form.cleaned_data.get("address") or NEW
    if choice != NEW:
        address = selectors.address_get(shopper=request.user, address_id=int(choice))
        if address is None:
            raise ApplicationError(_("Choose one of your delivery addresses."))
        return address
    address_form.is_valid()
    data = address_form.cleaned_data
    return services.address_create(actor=request.user, data=services.AddressData(
        name=data.get("name", ""), mobile=data.get("mobile", ""), region=address_form.region_obj(),
        detail=data.get("detail", "")))


def _place(request, form, address_form):
    with transaction.atomic():
        address = _delivery_address(request, form, address_form)
        for entry in form.entries:
            fulfilment, pickup_id = form.choice_for(entry.line.pk)
            services.cart_line_update(actor=request.user, line=entry.line, fulfilment=fulfilment,
                                      pickup_location=selectors.pickup_location_get(location_id=pickup_id),
                                      address=address if fulfilment != rules.PICKUP else None)
        return services.checkout_place(actor=request.user, provider=form.cleaned_data["provider"],
                                       lines=services.cart_lines_to_check_out(actor=request.user))


@login_required
def checkout(request):
    """Where each line goes (an address with real province, city and county; or a shop) and how to pay."""
    view = selectors.cart_view(shopper=request.user)
    if not view.entries:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    form, address_form, addresses = _checkout_forms(request, view)
    if request.method == "POST" and "_refresh" not in request.POST and form.is_valid():
        try:
            placed = _place(request, form, address_form)
        except ApplicationError as exc:
            add_service_error(address_form if exc.errors.keys() & address_form.fields.keys() else form, exc)
        else:
            return redirect(placed.payment.pay_url or reverse("orders:checkout", args=[placed.number]))
    return render(request, "orders/checkout.html", {"cart": view, "form": form, "address_form": address_form,
                                                    "addresses": addresses, "new": NEW})


@login_required
def checkout_detail(request, number: str):
    """Where the payment provider sends the shopper back: the checkout's state, its orders, pay again."""
    found = selectors.checkout_get_for_shopper(shopper=request.user, number=number)
    if found is None:
        raise Http404
    payment = payment_selectors.live_payment(found.payable_ref)
    context = {"checkout": found, "payment": payment, "orders": found.orders.all()}
    if request.headers.get("HX-Request"):
        return render(request, "orders/_checkout_status.html", context)
    return render(request, "orders/checkout_detail.html", context)


@login_required
@require_POST
def checkout_pay(request, number: str):
    """Resume or restart the payment, then off to the provider's pay page."""
    found = selectors.checkout_get_for_shopper(shopper=request.user, number=number)
    if found is None:
        raise Http404
    provider = request.POST.get("provider") or found.provider or (available() or [""])[0]
    try:
        payment = services.checkout_pay(actor=request.user, checkout=found, provider=provider)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("orders:checkout", number=number)
    return redirect(payment.pay_url or reverse("orders:checkout", args=[number]))


# Orders -------------------------------------------------------------------------------------------------------

@login_required
@require_GET
def order_list(request):
    orders = Paginator(selectors.order_list_for_shopper(shopper=request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "orders/order_list.html", {"orders": orders})


def _own_order(request, number: str) -> Order:
    order = selectors.order_get_for_shopper(shopper=request.user, number=number)
    if order is None:
        raise Http404
    return order


@login_required
@require_GET
def order_detail(request, number: str):
    order = _own_order(request, number)
    return render(request, "orders/order_detail.html", {
        "order": order, "timeline": selectors.order_timeline(order=order),
        "can_cancel": order.state in rules.CANCELLABLE,
        "can_confirm": order.state in (rules.SHIPPED, rules.DELIVERED, rules.PICKED_UP)})


SHOPPER_ACTIONS = {"cancel": services.order_cancel, "confirm": services.order_confirm_received}


@login_required
@require_POST
def order_act(request, number: str, action: str):
    act = SHOPPER_ACTIONS.get(action)
    if act is None:
        raise Http404
    order = _own_order(request, number)
    try:
        kwargs = {"reason": request.POST.get("reason", "")[:200]} if action == "cancel" else {}
        act(actor=request.user, order=order, **kwargs)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Order cancelled.") if action == "cancel" else _("Thank you for confirming."))
    return redirect("orders:order", number=number)


@login_required
@require_GET
def pickup_code(request, number: str):
    """The code and its QR, large, to show at the shop's counter."""
    order = _own_order(request, number)
    code = selectors.pickup_code_of(order=order)
    if code is None:
        raise Http404
    return render(request, "orders/pickup_code.html", {"order": order, "code": code, "qr": qr_svg(code.code)})


# Addresses ----------------------------------------------------------------------------------------------------

@login_required
def address_list(request):
    form = AddressForm(request.POST if request.method == "POST" and "_refresh" not in request.POST else None,
                       initial=request.POST.dict() if "_refresh" in request.POST else None)
    if request.method == "POST" and "_refresh" not in request.POST and form.is_valid():
        try:
            services.address_create(actor=request.user, data=services.AddressData(
                name=form.cleaned_data["name"], mobile=form.cleaned_data["mobile"], region=form.region_obj(),
                detail=form.cleaned_data["detail"], is_default=bool(request.POST.get("is_default"))))
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Address saved."))
            return redirect("orders:addresses")
    return render(request, "orders/address_list.html", {
        "addresses": selectors.address_list(shopper=request.user), "form": form})


@login_required
@require_POST
def address_delete(request, address_id: int):
    address = selectors.address_get(shopper=request.user, address_id=address_id)
    if address is None:
        raise Http404
    services.address_delete(actor=request.user, address=address)
    messages.success(request, _("Address deleted."))
    return redirect("orders:addresses")


# Seller console -----------------------------------------------------------------------------------------------

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


CONSOLE_TABS = {
    "to_pack": [rules.PAID],
    "packed": [rules.PACKED],
    "on_the_way": [rules.SHIPPED, rules.READY_FOR_PICKUP],
    "done": [rules.DELIVERED, rules.PICKED_UP, rules.COMPLETED, rules.CANCELLED, rules.REFUNDED],
}


@seller_page
def console_orders(request, seller):
    """Orders to pack first; tabs for packed, on the way and done."""
    tab = request.GET.get("tab") if request.GET.get("tab") in CONSOLE_TABS else "to_pack"
    orders = selectors.order_list_for_seller(seller=seller, states=CONSOLE_TABS[tab])
    if tab == "done":
        orders = orders.order_by("-created_at", "-pk")
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orders/console/order_list.html", {
        "seller": seller, "orders": page, "tab": tab, "tabs": list(CONSOLE_TABS), "ship_form": ShipForm()})


def _seller_order(seller, number) -> Order:
    order = selectors.order_get_for_seller(seller=seller, number=number)
    if order is None:
        raise Http404
    return order


@seller_page
def console_order(request, seller, number: str):
    order = _seller_order(seller, number)
    return render(request, "orders/console/order_detail.html", {
        "seller": seller, "order": order, "timeline": selectors.order_timeline(order=order),
        "ship_form": ShipForm(), "can_cancel": order.state in rules.CANCELLABLE})


SELLER_ACTIONS = {"pack": services.order_pack, "ship": services.order_ship,
                  "ready": services.order_ready_for_pickup, "deliver": services.order_deliver,
                  "cancel": services.order_cancel}


@seller_page
@require_POST
def console_order_act(request, seller, number: str, action: str):
    act = SELLER_ACTIONS.get(action)
    if act is None:
        raise Http404
    order = _seller_order(seller, number)
    kwargs = {}
    if action == "ship":
        kwargs["tracking_number"] = request.POST.get("tracking_number", "")[:60]
    elif action == "cancel":
        kwargs["reason"] = request.POST.get("reason", "")[:200]
    try:
        act(actor=request.user, order=order, **kwargs)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Order %(number)s: %(state)s.") % {
            "number": order.number, "state": Order.State(order.state).label})
    return redirect(_back(request, reverse("orders:console_order", args=[number])))


@seller_page
def console_pickups(request, seller):
    """The counter: type or scan a pick-up code, check the order, hand it over. Waiting pick-ups below."""
    locations = list(selectors.counter_locations(seller=seller))
    form = PickupCodeForm(request.GET or None, locations=locations,
                          initial={"location": request.session.get("counter_location")})
    found = None
    if request.GET and form.is_valid():
        location = selectors.counter_location_get(seller=seller, location_id=int(form.cleaned_data["location"]))
        request.session["counter_location"] = form.cleaned_data["location"]
        try:
            found = services.order_pickup_find(actor=request.user, location=location, code=form.cleaned_data["code"])
        except ApplicationError as exc:
            add_service_error(form, exc)
    waiting = selectors.pickup_list_for_seller(seller=seller)[:50]
    return render(request, "orders/console/pickups.html", {
        "seller": seller, "form": form, "found": found, "waiting": waiting, "locations": locations})


@seller_page
@require_POST
def console_pickup_complete(request, seller):
    location = selectors.counter_location_get(seller=seller, location_id=int(request.POST.get("location") or 0)
                                              if (request.POST.get("location") or "").isdigit() else None)
    if location is None:
        raise Http404
    try:
        order = services.order_pickup_complete(actor=request.user, location=location,
                                               code=request.POST.get("code", ""))
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Order %(number)s handed over.") % {"number": order.number})
    return redirect("orders:console_pickups")
