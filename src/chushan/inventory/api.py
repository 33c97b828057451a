"""Stock API: sales channels, and for sellers their locations, stock, ledger, receipts, returns, transfers
and counts. Everything a seller reads or changes is limited to its own locations."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from chushan.accounts.auth import user_auth
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable
from chushan.inventory import schemas, selectors, services
from chushan.inventory.models import Location
from chushan.sellers.selectors import seller_of

router = Router(tags=["stock"])
seller_router = Router(tags=["seller stock"], auth=user_auth)


@router.get("/sales-channels", response=list[schemas.ChannelOut], url_name="sales_channels")
def channel_list(request: HttpRequest):
    """Where goods are sold: web, shop counter, consignment counter, live stream, institutional buyers."""
    return selectors.channel_list()


# Seller helpers -----------------------------------------------------------------------------------------

def _seller(request):
    seller = seller_of(request.auth)
    if seller is None:
        raise PermissionDenied(_("Only members of a seller can manage stock. Apply to sell first."))
    return seller


def _location(seller, location_id: int) -> Location:
    location = selectors.location_get_for_seller(seller=seller, location_id=location_id)
    if location is None:
        raise NotFound(_("You have no location with this number."))
    return location


def _sku(seller, sku_id: int):
    sku = selectors.sku_get_for_seller(seller=seller, sku_id=sku_id)
    if sku is None:
        raise NotFound(_("You have no SKU with this number."))
    return sku


def _region(code: str):
    region = selectors.region_get(code=code)
    if region is None:
        message = _("There is no region with this code.")
        raise Unprocessable(message, code="unknown_region", errors={"region_code": [message]})
    return region


def _host(host_seller_id: int | None):
    if host_seller_id is None:
        return None
    host = selectors.host_seller_get(seller_id=host_seller_id)
    if host is None:
        message = _("There is no seller with this number on the platform.")
        raise Unprocessable(message, code="unknown_host", errors={"host_seller_id": [message]})
    return host


# Locations ----------------------------------------------------------------------------------------------

@seller_router.get("/locations", response=list[schemas.LocationOut], url_name="seller_locations")
@paginate(schemas.BoundedPagination)
def seller_location_list(request: HttpRequest, kind: schemas.KindName | None = None):
    """The seller's warehouses, shops, workshops and consignment counters."""
    return selectors.location_list_for_seller(seller=_seller(request), kind=kind)


@seller_router.post("/locations", response={201: schemas.LocationOut}, url_name="seller_location_create")
def seller_location_create(request: HttpRequest, payload: schemas.LocationIn):
    """Add a location. A consignment counter names the host seller and the host's commission rate."""
    seller = _seller(request)
    data = services.LocationData(kind=payload.kind, name=payload.name, region=_region(payload.region_code),
                                 address=payload.address, host_seller=_host(payload.host_seller_id),
                                 commission_rate=payload.commission_rate, gln=payload.gln,
                                 channels=payload.channels, is_active=payload.is_active)
    location = services.location_create(actor=request.auth, data=data)
    return Status(201, _location(seller, location.pk))


@seller_router.get("/locations/{location_id}", response=schemas.LocationOut, url_name="seller_location")
def seller_location_get(request: HttpRequest, location_id: schemas.QueryId):
    return _location(_seller(request), location_id)


@seller_router.patch("/locations/{location_id}", response=schemas.LocationOut)
def seller_location_update(request: HttpRequest, location_id: schemas.QueryId,
                           payload: schemas.LocationPatchIn):
    """Change only the fields sent. The kind and the host of a location never change."""
    seller = _seller(request)
    location = _location(seller, location_id)
    changes = payload.dict(exclude_unset=True)
    data = services.LocationData(
        kind=location.kind, host_seller=location.host_seller,
        name=changes.get("name") or location.name, address=changes.get("address") or location.address,
        region=_region(changes["region_code"]) if changes.get("region_code") else location.region,
        commission_rate=changes.get("commission_rate", location.commission_rate),
        gln=changes.get("gln", location.gln),
        channels=changes.get("channels") if changes.get("channels") is not None
        else [c.code for c in location.channels.all()],
        is_active=location.is_active if changes.get("is_active") is None else changes["is_active"])
    services.location_update(actor=request.auth, location=location, data=data)
    return _location(seller, location_id)


# Stock and the ledger -----------------------------------------------------------------------------------

@seller_router.get("/stock", response=list[schemas.StockOut], url_name="seller_stock")
@paginate(schemas.BoundedPagination)
def seller_stock_list(request: HttpRequest, location_id: schemas.QueryId | None = None,
                      sku_id: schemas.QueryId | None = None, q: schemas.Reference = ""):
    """Stock by SKU and location: on hand, held for checkouts, available. Lapsed holds are released first."""
    seller = _seller(request)
    return selectors.stock_list_for_seller(
        seller=seller, location=_location(seller, location_id) if location_id else None,
        sku=_sku(seller, sku_id) if sku_id else None, query=q)


@seller_router.get("/stock/movements", response=list[schemas.MovementOut], url_name="seller_movements")
@paginate(schemas.BoundedPagination)
def seller_movement_list(request: HttpRequest, location_id: schemas.QueryId | None = None,
                         sku_id: schemas.QueryId | None = None, kind: schemas.MovementKindName | None = None):
    """The append-only ledger, newest first: every receipt, hold, sale, release, transfer, count and return."""
    seller = _seller(request)
    return selectors.movement_list_for_seller(
        seller=seller, location=_location(seller, location_id) if location_id else None,
        sku=_sku(seller, sku_id) if sku_id else None, kind=kind)


@seller_router.post("/stock/receipts", response={201: schemas.MovementOut}, url_name="seller_receipt_create")
def seller_receipt_create(request: HttpRequest, payload: schemas.ReceiptIn):
    """Goods arrived at a location."""
    seller = _seller(request)
    movement = services.stock_receive(actor=request.auth, sku=_sku(seller, payload.sku_id),
                                      location=_location(seller, payload.location_id), quantity=payload.quantity,
                                      reference=payload.reference, note=payload.note, lot=payload.lot)
    return Status(201, selectors.movement_get(movement_id=movement.pk))


@seller_router.post("/stock/returns", response={201: schemas.MovementOut}, url_name="seller_return_create")
def seller_return_create(request: HttpRequest, payload: schemas.ReturnIn):
    """Returned goods back on the shelf of the location chosen."""
    seller = _seller(request)
    movement = services.stock_return(actor=request.auth, sku=_sku(seller, payload.sku_id),
                                     location=_location(seller, payload.location_id), quantity=payload.quantity,
                                     reference=payload.reference, reason=payload.reason)
    return Status(201, selectors.movement_get(movement_id=movement.pk))


# Transfers and counts -----------------------------------------------------------------------------------

@seller_router.get("/transfers", response=list[schemas.TransferOut], url_name="seller_transfers")
@paginate(schemas.BoundedPagination)
def seller_transfer_list(request: HttpRequest):
    return selectors.transfer_list_for_seller(seller=_seller(request))


@seller_router.post("/transfers", response={201: schemas.TransferOut}, url_name="seller_transfer_create")
def seller_transfer_create(request: HttpRequest, payload: schemas.TransferIn):
    """Move units between two of the seller's locations at once (e.g. onto a consignment counter)."""
    seller = _seller(request)
    transfer = services.stock_transfer(
        actor=request.auth, from_location=_location(seller, payload.from_location_id),
        to_location=_location(seller, payload.to_location_id), note=payload.note,
        items=[services.TransferItem(sku=_sku(seller, line.sku_id), quantity=line.quantity)
               for line in payload.lines])
    return Status(201, selectors.transfer_get_for_seller(seller=seller, transfer_id=transfer.pk))


@seller_router.get("/transfers/{transfer_id}", response=schemas.TransferOut, url_name="seller_transfer")
def seller_transfer_get(request: HttpRequest, transfer_id: schemas.QueryId):
    transfer = selectors.transfer_get_for_seller(seller=_seller(request), transfer_id=transfer_id)
    if transfer is None:
        raise NotFound(_("You have no transfer with this number."))
    return transfer


@seller_router.get("/counts", response=list[schemas.CountOut], url_name="seller_counts")
@paginate(schemas.BoundedPagination)
def seller_count_list(request: HttpRequest, location_id: schemas.QueryId | None = None):
    seller = _seller(request)
    return selectors.count_list_for_seller(
        seller=seller, location=_location(seller, location_id) if location_id else None)


@seller_router.post("/counts", response={201: schemas.CountOut}, url_name="seller_count_create")
def seller_count_create(request: HttpRequest, payload: schemas.CountIn):
    """Record a physical count (盘点); each SKU's on-hand is adjusted to what was counted, with the reason."""
    seller = _seller(request)
    count = services.stock_count_record(
        actor=request.auth, location=_location(seller, payload.location_id), reason=payload.reason,
        items=[services.CountItem(sku=_sku(seller, line.sku_id), counted=line.counted) for line in payload.lines])
    return Status(201, selectors.count_get_for_seller(seller=seller, count_id=count.pk))


@seller_router.get("/counts/{count_id}", response=schemas.CountOut, url_name="seller_count")
def seller_count_get(request: HttpRequest, count_id: schemas.QueryId):
    count = selectors.count_get_for_seller(seller=_seller(request), count_id=count_id)
    if count is None:
        raise NotFound(_("You have no count with this number."))
    return count


router.add_router("/seller", seller_router)
