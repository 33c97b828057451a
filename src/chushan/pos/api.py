"""Counter API (/api/v1/pos): a clerk's counters, barcode lookup and search with this shop's stock, the basket,
payment in cash or by QR (Idempotency-Key), receipts, returns, pick-up hand-over, consignment settlement.
A counter the caller does not staff, and anything sold there, is a 404."""

from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Path, Router, Status
from ninja.pagination import paginate

from chushan.accounts.auth import user_auth
from chushan.core.errors import NotFound, PermissionDenied
from chushan.core.idempotency import idempotent
from chushan.orders.models import Order
from chushan.pos import rules, schemas, selectors, services
from chushan.pos.models import PosSale
from chushan.sellers.selectors import seller_of

router = Router(tags=["point of sale"], auth=user_auth)
CounterId = Path[schemas.QueryId]
Code = Annotated[str, Path(max_length=400)]


def _counter(request, location_id: int):
    location = selectors.counter_get(actor=request.auth, location_id=location_id)
    if location is None:
        raise NotFound(_("You have no counter with this number."), code="counter_not_found")
    return location


def _sale(location, number: str) -> PosSale:
    sale = selectors.sale_get_by_number(location=location, number=number)
    if sale is None:
        raise NotFound(_("There is no receipt with this number at this counter."), code="sale_not_found")
    return sale


def _fresh(sale: PosSale) -> PosSale:
    return selectors.sale_get(location=sale.location, sale_id=sale.pk)


def _sku(location, sku_id: int):
    sku = selectors.sellable_sku_get(location=location, sku_id=sku_id)
    if sku is None:
        raise NotFound(_("This counter does not sell that product."), code="unknown_sku")
    return sku


@router.get("/pos/counters", response=list[schemas.CounterOut], url_name="pos_counters")
def counter_list(request: HttpRequest):
    """The shops, workshops and consignment counters where the caller may sell."""
    return selectors.counter_list(actor=request.auth)


@router.get("/pos/counters/{location_id}/skus", response=list[schemas.SkuOut], url_name="pos_sku_search")
def sku_search(request: HttpRequest, location_id: CounterId, q: schemas.SearchText = ""):
    """Search the owner's products by name, SKU code or the end of a barcode; this shop's stock first."""
    return selectors.sku_search(location=_counter(request, location_id), query=q)


@router.get("/pos/counters/{location_id}/barcode", response=schemas.SkuOut, url_name="pos_barcode")
def barcode_lookup(request: HttpRequest, location_id: CounterId, code: schemas.ScanQuery):
    """What a scanned barcode (EAN-13, GTIN-14, GS1 element string or Digital Link) is, with its counter price."""
    location = _counter(request, location_id)
    sku = selectors.sku_by_gtin(location=location, gtin=rules.scanned_gtin(code))
    if sku is None:
        raise NotFound(_("No product sold at this counter has this barcode."), code="unknown_barcode")
    return selectors.priced(location=location, skus=[sku])[0]


@router.get("/pos/counters/{location_id}/basket", response=schemas.SaleOut, url_name="pos_basket")
def basket_get(request: HttpRequest, location_id: CounterId):
    """The caller's open basket at this counter (started if there is none)."""
    return _fresh(services.basket_open(actor=request.auth, location=_counter(request, location_id)))


@router.post("/pos/counters/{location_id}/basket/scan", response=schemas.SaleOut, url_name="pos_basket_scan")
def basket_scan(request: HttpRequest, location_id: CounterId, payload: schemas.ScanIn):
    """One more unit of the product whose barcode was read."""
    return _fresh(services.basket_scan(actor=request.auth, location=_counter(request, location_id),
                                       code=payload.code))


@router.post("/pos/counters/{location_id}/basket/lines", response=schemas.SaleOut, url_name="pos_basket_add")
def basket_add(request: HttpRequest, location_id: CounterId, payload: schemas.LineAddIn):
    location = _counter(request, location_id)
    return _fresh(services.basket_add(actor=request.auth, location=location, sku=_sku(location, payload.sku_id),
                                      quantity=payload.quantity))


@router.put("/pos/counters/{location_id}/basket/lines/{sku_id}", response=schemas.SaleOut,
            url_name="pos_basket_set")
def basket_set(request: HttpRequest, location_id: CounterId, sku_id: Path[schemas.QueryId],
               payload: schemas.LineSetIn):
    """Set the units of one product in the basket; 0 takes it out."""
    location = _counter(request, location_id)
    return _fresh(services.basket_set(actor=request.auth, location=location, sku=_sku(location, sku_id),
                                      quantity=payload.quantity))


@router.delete("/pos/counters/{location_id}/basket", response=schemas.SaleOut, url_name="pos_basket_clear")
def basket_clear(request: HttpRequest, location_id: CounterId):
    return _fresh(services.basket_clear(actor=request.auth, location=_counter(request, location_id)))


@router.post("/pos/counters/{location_id}/basket/checkout", response={201: schemas.SaleOut},
             url_name="pos_checkout")
@idempotent
def basket_checkout(request: HttpRequest, location_id: CounterId,
                    payload: Annotated[schemas.CashIn | schemas.QrIn, Body()]):
    """Take payment: cash (the change is answered) or a QR code for the customer to scan (answered in
    ``payment.qr_content``; the sale becomes paid when the provider says so)."""
    location = _counter(request, location_id)
    basket = services.basket_open(actor=request.auth, location=location)
    if payload.method == rules.CASH:
        sale = services.pos_sale_pay_cash(actor=request.auth, sale=basket, tendered=payload.tendered)
    else:
        sale = services.pos_sale_qr_start(actor=request.auth, sale=basket, provider=payload.provider)
    return Status(201, _fresh(sale))


@router.get("/pos/counters/{location_id}/sales", response=list[schemas.SaleOut], url_name="pos_sales")
@paginate(schemas.BoundedPagination)
def sale_list(request: HttpRequest, location_id: CounterId):
    """Paid sales and sales waiting for their QR payment, newest first."""
    return selectors.sale_list(location=_counter(request, location_id))


@router.get("/pos/counters/{location_id}/sales/{number}", response=schemas.SaleOut, url_name="pos_sale")
def sale_get(request: HttpRequest, location_id: CounterId, number: Path[schemas.Number]):
    """A receipt: items, prices, payment, change, returns."""
    return _sale(_counter(request, location_id), number)


@router.post("/pos/counters/{location_id}/sales/{number}/refresh", response=schemas.SaleOut,
             url_name="pos_sale_refresh")
def sale_refresh(request: HttpRequest, location_id: CounterId, number: Path[schemas.Number]):
    """Ask the provider how a waiting QR payment stands and settle the sale by its answer."""
    sale = _sale(_counter(request, location_id), number)
    return _fresh(services.pos_sale_refresh(actor=request.auth, sale=sale))


@router.post("/pos/counters/{location_id}/sales/{number}/cancel", response=schemas.SaleOut,
             url_name="pos_sale_cancel")
def sale_cancel(request: HttpRequest, location_id: CounterId, number: Path[schemas.Number]):
    """The customer will not pay by QR after all: the payment is closed and the stock freed."""
    sale = _sale(_counter(request, location_id), number)
    return _fresh(services.pos_sale_qr_cancel(actor=request.auth, sale=sale))


@router.post("/pos/counters/{location_id}/sales/{number}/returns", response={201: schemas.ReturnOut},
             url_name="pos_return_create")
@idempotent
def return_create(request: HttpRequest, location_id: CounterId, number: Path[schemas.Number],
                  payload: schemas.ReturnIn):
    """Take goods back: on this shop's shelf again, the money back in cash or to the QR payment."""
    location = _counter(request, location_id)
    sale_return = services.pos_return_take(
        actor=request.auth, sale=_sale(location, number), method=payload.method, reason=payload.reason,
        lines=[(line.line_id, line.quantity) for line in payload.lines])
    return Status(201, selectors.return_get(location=location, number=sale_return.number))


def _pickup(order: Order) -> Order:
    return Order.objects.select_related("shopper", "pickup_code").prefetch_related("lines").get(pk=order.pk)


@router.get("/pos/counters/{location_id}/pickups/{code}", response=schemas.PickupOut, url_name="pos_pickup")
def pickup_find(request: HttpRequest, location_id: CounterId, code: Code):
    """The order a pick-up code collects at this counter."""
    location = _counter(request, location_id)
    return _pickup(services.pos_pickup_find(actor=request.auth, location=location, code=code))


@router.post("/pos/counters/{location_id}/pickups/{code}/hand-over", response=schemas.PickupOut,
             url_name="pos_pickup_hand_over")
def pickup_hand_over(request: HttpRequest, location_id: CounterId, code: Code):
    """Hand the order over; the code works once (a second use gets 409)."""
    location = _counter(request, location_id)
    return _pickup(services.pos_pickup_hand_over(actor=request.auth, location=location, code=code))


@router.get("/pos/settlements", response=list[schemas.SettlementOut], url_name="pos_settlements")
@paginate(schemas.BoundedPagination)
def settlement_list(request: HttpRequest):
    """Consignment settlement lines of the caller's seller, as owner of the goods or host of the counter."""
    seller = seller_of(request.auth)
    if seller is None:
        raise PermissionDenied(_("Only members of a seller have consignment settlements."))
    return selectors.settlement_list_for_seller(seller=seller)
