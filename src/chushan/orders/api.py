"""Orders API: the shopper's cart, checkout (one payment, Idempotency-Key), orders and pick-up code, addresses;
the seller's orders to pack and pick-ups to hand over. Another shopper's or seller's order is a 404."""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from chushan.accounts.auth import user_auth
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable
from chushan.core.idempotency import idempotent
from chushan.orders import schemas, selectors, services
from chushan.orders.models import Order
from chushan.orders.qr import qr_svg
from chushan.payments import selectors as payment_selectors
from chushan.payments.providers import available
from chushan.regions.models import Region
from chushan.sellers.selectors import seller_of

router = Router(tags=["orders"], auth=user_auth)
seller_router = Router(tags=["seller orders"], auth=user_auth)
StateName = Literal[tuple(Order.State.values)]


class StateQuery(Schema):
    state: StateName | None = None


# Lookups: each turns an id the client sent into one of its own objects, or a 4xx ------------------------------

def _sku(sku_id: int):
    sku = selectors.sku_for_cart(sku_id=sku_id)
    if sku is None:
        message = _("There is no SKU with this number.")
        raise Unprocessable(message, code="unknown_sku", errors={"sku_id": [message]})
    return sku


def _pickup_location(location_id):
    if location_id is None:
        return None
    location = selectors.pickup_location_get(location_id=location_id)
    if location is None:
        message = _("There is no shop with this number.")
        raise Unprocessable(message, code="unknown_location", errors={"pickup_location_id": [message]})
    return location


def _address(request, address_id):
    if address_id is None:
        return None
    address = selectors.address_get(shopper=request.auth, address_id=address_id)
    if address is None:
        message = _("You have no address with this number.")
        raise Unprocessable(message, code="unknown_address", errors={"address_id": [message]})
    return address


def _order(request, number: str) -> Order:
    order = selectors.order_get_for_shopper(shopper=request.auth, number=number)
    if order is None:
        raise NotFound(_("You have no order with this number."))
    return order


def _provider(name: str | None) -> str:
    if name:
        return name
    switched_on = available()
    if not switched_on:
        raise Unprocessable(_("No payment provider is switched on."), code="no_provider")
    return switched_on[0]


# Cart ---------------------------------------------------------------------------------------------------------

def _cart_out(request) -> dict:
    view = selectors.cart_view(shopper=request.auth)
    lines = [{"id": e.line.pk, "sku_id": e.line.sku_id, "product": e.line.sku.product.name, "option": e.line.sku.label,
              "seller": {"id": seller.pk, "name": seller.name}, "quantity": e.line.quantity,
              "fulfilment": e.line.fulfilment, "pickup_location": e.line.pickup_location,
              "address_id": e.line.address_id, "list_price": e.list_price, "unit_price": e.unit_price,
              "line_total": e.line_total, "promotion_id": e.promotion_id}
             for seller, entries in view.groups.items() for e in entries]
    return {"lines": lines, "count": view.count, "total": view.total}


@router.get("/cart", response=schemas.CartOut, url_name="cart")
def cart_get(request: HttpRequest):
    """Your cart across sellers, priced by the server now."""
    return _cart_out(request)


@router.post("/cart/lines", response={201: schemas.CartOut}, url_name="cart_lines")
def cart_line_add(request: HttpRequest, payload: schemas.CartLineIn):
    """Add units of a SKU (added to the line if it is there). Never send a price: the server sets it."""
    services.cart_line_add(actor=request.auth, sku=_sku(payload.sku_id), quantity=payload.quantity,
                           fulfilment=payload.fulfilment, pickup_location=_pickup_location(payload.pickup_location_id),
                           address=_address(request, payload.address_id))
    return Status(201, _cart_out(request))


def _cart_line(request, line_id: int):
    line = selectors.cart_line_get(shopper=request.auth, line_id=line_id)
    if line is None:
        raise NotFound(_("There is no such line in your cart."))
    return line


@router.patch("/cart/lines/{line_id}", response=schemas.CartOut)
def cart_line_update(request: HttpRequest, line_id: schemas.PathId, payload: schemas.CartLinePatchIn):
    """Change the quantity, fulfilment, pick-up shop or address of a line; only what is sent changes."""
    sent = payload.dict(exclude_unset=True)
    changes = {}
    if "quantity" in sent:
        changes["quantity"] = sent["quantity"]
    if "fulfilment" in sent:
        changes["fulfilment"] = sent["fulfilment"]
    if "pickup_location_id" in sent:
        changes["pickup_location"] = _pickup_location(sent["pickup_location_id"])
    if "address_id" in sent:
        changes["address"] = _address(request, sent["address_id"])
    services.cart_line_update(actor=request.auth, line=_cart_line(request, line_id), **changes)
    return _cart_out(request)


@router.delete("/cart/lines/{line_id}", response={204: None})
def cart_line_remove(request: HttpRequest, line_id: schemas.PathId):
    services.cart_line_remove(actor=request.auth, line=_cart_line(request, line_id))
    return Status(204, None)


# Checkout and orders ------------------------------------------------------------------------------------------

def _checkout_out(checkout) -> dict:
    payment = getattr(checkout, "payment", None) or payment_selectors.live_payment(checkout.payable_ref)
    return {"number": checkout.number, "state": checkout.state, "total": checkout.total,
            "created_at": checkout.created_at, "expires_at": checkout.expires_at, "payment": payment,
            "orders": list(checkout.orders.select_related("seller", "pickup_location", "region", "checkout")
                           .prefetch_related("lines__location").order_by("pk"))}


@router.post("/orders", response={201: schemas.CheckoutOut}, url_name="checkout")
@idempotent
def checkout_create(request: HttpRequest, payload: schemas.CheckoutIn):
    """Check out your cart (or the lines sent): one payment for the total, one order per seller and place of
    hand-over, stock held for the payment time. Send an Idempotency-Key: the same key never charges twice."""
    if payload.lines is None:
        lines = services.cart_lines_to_check_out(actor=request.auth)
    else:
        lines = [services.LineRequest(sku=_sku(ln.sku_id), quantity=ln.quantity, fulfilment=ln.fulfilment,
                                      pickup_location=_pickup_location(ln.pickup_location_id),
                                      address=_address(request, ln.address_id)) for ln in payload.lines]
    checkout = services.checkout_place(actor=request.auth, provider=_provider(payload.provider), lines=lines)
    return Status(201, _checkout_out(checkout))


@router.get("/checkouts/{number}", response=schemas.CheckoutOut)
def checkout_get(request: HttpRequest, number: schemas.Number):
    checkout = selectors.checkout_get_for_shopper(shopper=request.auth, number=number)
    if checkout is None:
        raise NotFound(_("You have no checkout with this number."))
    return _checkout_out(checkout)


@router.post("/checkouts/{number}/pay", response=schemas.PaymentBriefOut)
@idempotent
def checkout_pay(request: HttpRequest, number: schemas.Number, payload: schemas.PayIn):
    """Pay (again) for a checkout still waiting: resumes the payment under way, or starts a new one."""
    checkout = selectors.checkout_get_for_shopper(shopper=request.auth, number=number)
    if checkout is None:
        raise NotFound(_("You have no checkout with this number."))
    return services.checkout_pay(actor=request.auth, checkout=checkout, provider=_provider(payload.provider))


@router.get("/orders", response=list[schemas.OrderOut], url_name="orders")
@paginate(LimitOffsetPagination)
def order_list(request: HttpRequest, query: Query[StateQuery]):
    """Your orders, newest first."""
    return selectors.order_list_for_shopper(shopper=request.auth, state=query.state)


@router.get("/orders/{number}", response=schemas.OrderDetailOut, url_name="order")
def order_get(request: HttpRequest, number: schemas.Number):
    """One of your orders with its timeline."""
    return _order(request, number)


@router.post("/orders/{number}/cancel", response=schemas.OrderDetailOut)
def order_cancel(request: HttpRequest, number: schemas.Number, payload: schemas.CancelIn):
    """Cancel before it ships or is collected: the stock goes back and what you paid is refunded."""
    services.order_cancel(actor=request.auth, order=_order(request, number), reason=payload.reason)
    return _order(request, number)


@router.post("/orders/{number}/confirm", response=schemas.OrderDetailOut)
def order_confirm(request: HttpRequest, number: schemas.Number):
    """Say the order arrived (or was collected): it is completed."""
    services.order_confirm_received(actor=request.auth, order=_order(request, number))
    return _order(request, number)


@router.get("/orders/{number}/pickup-code", response=schemas.PickupCodeOut)
def order_pickup_code(request: HttpRequest, number: schemas.Number):
    """The code and QR to show at the shop (issued once the order is paid)."""
    order = _order(request, number)
    code = selectors.pickup_code_of(order=order)
    if code is None:
        raise NotFound(_("This order has no pick-up code: it is not a paid pick-up order."))
    return {"order_number": order.number, "code": code.code, "location": code.location, "ready_at": code.ready_at,
            "expires_at": code.expires_at, "used_at": code.used_at, "qr_svg": qr_svg(code.code)}


# Addresses ----------------------------------------------------------------------------------------------------

def _region(code: str) -> Region:
    region = Region.objects.filter(code=code).select_related("parent__parent").first()
    if region is None:
        message = _("There is no county with this code.")
        raise Unprocessable(message, code="unknown_region", errors={"region_code": [message]})
    return region


def _address_data(payload: schemas.AddressIn) -> services.AddressData:
    return services.AddressData(name=payload.name, mobile=payload.mobile, region=_region(payload.region_code),
                                detail=payload.detail, is_default=payload.is_default)


@router.get("/addresses", response=list[schemas.AddressOut], url_name="addresses")
@paginate(LimitOffsetPagination)
def address_list(request: HttpRequest):
    return selectors.address_list(shopper=request.auth)


@router.post("/addresses", response={201: schemas.AddressOut})
def address_create(request: HttpRequest, payload: schemas.AddressIn):
    return Status(201, services.address_create(actor=request.auth, data=_address_data(payload)))


def _own_address(request, address_id: int):
    address = selectors.address_get(shopper=request.auth, address_id=address_id)
    if address is None:
        raise NotFound(_("You have no address with this number."))
    return address


@router.get("/addresses/{address_id}", response=schemas.AddressOut)
def address_get(request: HttpRequest, address_id: schemas.PathId):
    return _own_address(request, address_id)


@router.put("/addresses/{address_id}", response=schemas.AddressOut)
def address_update(request: HttpRequest, address_id: schemas.PathId, payload: schemas.AddressIn):
    return services.address_update(actor=request.auth, address=_own_address(request, address_id),
                                   data=_address_data(payload))


@router.delete("/addresses/{address_id}", response={204: None})
def address_delete(request: HttpRequest, address_id: schemas.PathId):
    services.address_delete(actor=request.auth, address=_own_address(request, address_id))
    return Status(204, None)


# Seller: orders to pack, pick-ups to hand over ----------------------------------------------------------------

def _seller(request):
    seller = seller_of(request.auth)
    if seller is None:
        raise PermissionDenied(_("Only members of a seller can see its orders. Apply to sell first."))
    return seller


def _seller_order(request, number: str) -> Order:
    order = selectors.order_get_for_seller(seller=_seller(request), number=number)
    if order is None:
        raise NotFound(_("You have no order with this number."))
    return order


@seller_router.get("/seller/orders", response=list[schemas.OrderOut], url_name="seller_orders")
@paginate(LimitOffsetPagination)
def seller_order_list(request: HttpRequest, query: Query[StateQuery]):
    """Your orders, oldest first; ?state=paid lists the ones to pack."""
    return selectors.order_list_for_seller(seller=_seller(request), states=[query.state] if query.state else None)


@seller_router.get("/seller/orders/{number}", response=schemas.OrderDetailOut)
def seller_order_get(request: HttpRequest, number: schemas.Number):
    return _seller_order(request, number)


def _seller_act(request, number: str, act, **kwargs):
    act(actor=request.auth, order=_seller_order(request, number), **kwargs)
    return _seller_order(request, number)


@seller_router.post("/seller/orders/{number}/pack", response=schemas.OrderDetailOut)
def seller_order_pack(request: HttpRequest, number: schemas.Number):
    return _seller_act(request, number, services.order_pack)


@seller_router.post("/seller/orders/{number}/ship", response=schemas.OrderDetailOut)
def seller_order_ship(request: HttpRequest, number: schemas.Number, payload: schemas.ShipIn):
    return _seller_act(request, number, services.order_ship, tracking_number=payload.tracking_number)


@seller_router.post("/seller/orders/{number}/ready-for-pickup", response=schemas.OrderDetailOut)
def seller_order_ready(request: HttpRequest, number: schemas.Number):
    """The goods wait at the shop: the shopper is told and the pick-up code starts to work."""
    return _seller_act(request, number, services.order_ready_for_pickup)


@seller_router.post("/seller/orders/{number}/deliver", response=schemas.OrderDetailOut)
def seller_order_deliver(request: HttpRequest, number: schemas.Number):
    return _seller_act(request, number, services.order_deliver)


@seller_router.post("/seller/orders/{number}/cancel", response=schemas.OrderDetailOut)
def seller_order_cancel(request: HttpRequest, number: schemas.Number, payload: schemas.CancelIn):
    """Cancel before shipping (out of stock, damaged): the stock goes back and the shopper is refunded."""
    return _seller_act(request, number, services.order_cancel, reason=payload.reason)


def _counter(request, location_id: int):
    location = selectors.counter_location_get(seller=_seller(request), location_id=location_id)
    if location is None:
        raise NotFound(_("You have no shop with this number."))
    return location


class CounterQuery(Schema):
    location_id: schemas.PathId


@seller_router.get("/seller/pickups", response=list[schemas.OrderOut])
@paginate(LimitOffsetPagination)
def seller_pickup_list(request: HttpRequest):
    """Orders waiting at your shops to be collected, the ones held longest first."""
    return selectors.pickup_list_for_seller(seller=_seller(request))


@seller_router.get("/seller/pickups/{code}", response=schemas.OrderDetailOut)
def seller_pickup_find(request: HttpRequest, code: str, query: Query[CounterQuery]):
    """The order a typed or scanned code opens at this shop, to check before handing it over."""
    return services.order_pickup_find(actor=request.auth, location=_counter(request, query.location_id), code=code)


@seller_router.post("/seller/pickups/{code}/complete", response=schemas.OrderDetailOut)
def seller_pickup_complete(request: HttpRequest, code: str, payload: schemas.PickupCompleteIn):
    """Hand the order over. A code works once: a second use gets 409."""
    return services.order_pickup_complete(actor=request.auth, location=_counter(request, payload.location_id),
                                          code=code)
