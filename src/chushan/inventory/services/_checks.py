"""Checks several stock use cases share: whose SKU it is, and whether a stock row may be sold from."""

from django.utils.translation import gettext as _

from chushan.catalog.models import Sku
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable
from chushan.inventory import rules, selectors
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Location, SalesChannel, Stock
from chushan.inventory.services._access import require_counter_staff, require_signed_in_or_platform


def short_item(*, stock: Stock | None, sku: Sku, location: Location, requested: int) -> dict:
    """One line of an InsufficientStock error."""
    return {"sku": sku.pk, "location": location.pk, "requested": requested,
            "available": max(stock.available, 0) if stock is not None else 0,
            "sku_name": str(stock.sku if stock is not None else sku.code), "location_name": location.name}


def require_skus_of(location: Location, sku_ids) -> None:
    """Stock of a SKU is kept only at the locations of the seller who sells it."""
    sku_ids = set(sku_ids)
    owners = dict(Sku.objects.filter(pk__in=sku_ids).values_list("pk", "product__seller_id"))
    if set(owners) != sku_ids:
        raise NotFound(_("There is no such SKU."), code="unknown_sku")
    if any(seller_id != location.seller_id for seller_id in owners.values()):
        raise PermissionDenied(_("Only the seller of a SKU keeps stock of it."), code="not_your_sku")


def require_open(location: Location) -> None:
    if not location.is_active:
        raise Unprocessable(_("%(location)s is closed; reopen it first.") % {"location": location.name},
                            code="location_closed", errors={"location": [_("This location is closed.")]})


def sellable_stock(*, actor, sku: Sku, location: Location, channel_code: str, quantity: int) -> Stock:
    """The stock row a sale or hold draws on, after the actor and the SKU have been checked."""
    stock = selectors.stock_for_sale(sku_id=sku.pk, location_id=location.pk, channel_code=channel_code)
    if stock is None:
        require_skus_of(location, [sku.pk])
        raise InsufficientStock([short_item(stock=None, sku=sku, location=location, requested=quantity)])
    if stock.sale_channel_id is None:
        if not SalesChannel.objects.filter(code=channel_code).exists():
            message = _("There is no sales channel %(code)s.") % {"code": channel_code}
            raise Unprocessable(message, code="unknown_channel", errors={"channel": [message]})
        raise Unprocessable(_("%(location)s does not sell on this channel.") % {"location": stock.location.name},
                            code="channel_not_sold_here")
    if stock.sale_channel_is_counter:
        require_counter_staff(actor, stock.location)
    else:
        require_signed_in_or_platform(actor)
    require_open(stock.location)
    product = stock.sku.product
    refusal = rules.sale_refusal(online=not stock.sale_channel_is_counter, sku_active=stock.sku.is_active,
                                 product_status=product.status, seller_status=product.seller.status)
    if refusal:
        raise Unprocessable(refusal, code="not_for_sale")
    return stock
