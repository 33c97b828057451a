"""Pricing API: the price a shopper pays (always computed here), a seller's promotions and kept channel prices,
and the price-consistency report."""

import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from chushan.accounts.auth import user_auth
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable
from chushan.inventory.models import Location
from chushan.pricing import schemas, selectors, services
from chushan.sellers.selectors import seller_of

router = Router(tags=["pricing"])


class PriceQuery(Schema):
    sku_id: schemas.QueryId
    channel: schemas.ChannelCode = "web"


@router.get("/prices", response=schemas.PriceOut, url_name="price")
def price_get(request: HttpRequest, query: Query[PriceQuery]):
    """The unit price on a channel now: the list price, or a promotion's (your per-shopper limits counted)."""
    sku = selectors.sku_get(sku_id=query.sku_id)
    if sku is None or not sku.product.is_published:
        raise NotFound(_("There is no such SKU on sale."))
    if query.channel not in selectors.channels_by_code([query.channel]):
        raise Unprocessable(_("There is no sales channel %(code)s.") % {"code": query.channel},
                            errors={"channel": [_("Unknown channel.")]})
    price = selectors.effective_price(sku=sku, channel=query.channel, shopper=request.user)
    return {"sku_id": sku.pk, "channel": query.channel, "list_price": price.list_price, "price": price.amount,
            "discount": price.discount, "promotion_id": price.promotion_id}


def _seller(request):
    seller = seller_of(request.auth)
    if seller is None:
        raise PermissionDenied(_("Only members of a seller can manage its prices. Apply to sell first."))
    return seller


def _promotion(seller, promotion_id: int):
    promotion = selectors.promotion_get_for_seller(seller=seller, promotion_id=promotion_id)
    if promotion is None:
        raise NotFound(_("You have no promotion with this number."))
    return promotion


def _data(payload: schemas.PromotionIn) -> services.PromotionData:
    return services.PromotionData(name=payload.name, kind=payload.kind, value=payload.value,
                                  sku_ids=payload.sku_ids, starts_at=payload.starts_at, ends_at=payload.ends_at,
                                  channels=payload.channels, per_shopper_limit=payload.per_shopper_limit)


@router.get("/seller/promotions", response=list[schemas.PromotionOut], auth=user_auth, url_name="seller_promotions")
@paginate(LimitOffsetPagination)
def seller_promotion_list(request: HttpRequest):
    return selectors.promotion_list_for_seller(seller=_seller(request))


@router.post("/seller/promotions", response={201: schemas.PromotionOut}, auth=user_auth)
def seller_promotion_create(request: HttpRequest, payload: schemas.PromotionIn):
    """A promotion on some of your SKUs: a fixed price or a percentage off, in a time window, on some channels."""
    seller = _seller(request)
    promotion = services.promotion_create(actor=request.auth, data=_data(payload))
    return Status(201, _promotion(seller, promotion.pk))


@router.get("/seller/promotions/{promotion_id}", response=schemas.PromotionOut, auth=user_auth)
def seller_promotion_get(request: HttpRequest, promotion_id: schemas.QueryId):
    return _promotion(_seller(request), promotion_id)


@router.put("/seller/promotions/{promotion_id}", response=schemas.PromotionOut, auth=user_auth)
def seller_promotion_update(request: HttpRequest, promotion_id: schemas.QueryId, payload: schemas.PromotionIn):
    """Rewrite a promotion that has not started; a started one can only be ended."""
    seller = _seller(request)
    services.promotion_update(actor=request.auth, promotion=_promotion(seller, promotion_id), data=_data(payload))
    return _promotion(seller, promotion_id)


@router.post("/seller/promotions/{promotion_id}/end", response=schemas.PromotionOut, auth=user_auth)
def seller_promotion_end(request: HttpRequest, promotion_id: schemas.QueryId):
    seller = _seller(request)
    services.promotion_end(actor=request.auth, promotion=_promotion(seller, promotion_id))
    return _promotion(seller, promotion_id)


@router.get("/seller/channel-prices", response=list[schemas.ChannelPriceOut], auth=user_auth)
@paginate(LimitOffsetPagination)
def seller_channel_price_list(request: HttpRequest):
    return selectors.channel_price_list(seller=_seller(request))


@router.post("/seller/channel-prices", response={201: schemas.ChannelPriceOut}, auth=user_auth)
def seller_channel_price_record(request: HttpRequest, payload: schemas.ChannelPriceIn):
    """Record a price shown outside the web shop (a shelf label, a POS list, a live-stream card) so the
    consistency report can check it."""
    seller = _seller(request)
    skus = selectors.skus_of_seller(seller_id=seller.pk, sku_ids=[payload.sku_id])
    if not skus:
        raise NotFound(_("You have no SKU with this number."))
    channel = selectors.channels_by_code([payload.channel]).get(payload.channel)
    if channel is None:
        raise Unprocessable(_("There is no sales channel %(code)s.") % {"code": payload.channel},
                            errors={"channel": [_("Unknown channel.")]})
    location = None
    if payload.location_id is not None:
        location = Location.objects.for_seller(seller).filter(pk=payload.location_id).first()
        if location is None:
            raise NotFound(_("You have no location with this number."))
    return Status(201, services.channel_price_record(actor=request.auth, sku=skus[0], channel=channel,
                                                     price=payload.price, location=location,
                                                     source=payload.source, note=payload.note))


class ReportQuery(Schema):
    days: int = Field(30, ge=1, le=366)


@router.get("/pricing/consistency", response=list[schemas.SkuPriceReportOut], auth=user_auth,
            url_name="price_consistency")
def price_consistency(request: HttpRequest, query: Query[ReportQuery]):
    """Every SKU whose price differs between channels without a promotion that explains it. Operators see
    every seller; a seller sees its own SKUs."""
    staff = request.auth.is_staff
    seller = None if staff else _seller(request)
    since = timezone.now() - datetime.timedelta(days=query.days)
    return selectors.price_consistency_report(seller=seller, staff=staff, since=since)
