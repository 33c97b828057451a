"""Prices kept outside the server (a printed shelf label, a POS terminal's offline list, a live-stream price
card), recorded so the consistency report can flag any that no promotion explains."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.catalog.models import Sku
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.inventory.models import Location, SalesChannel
from chushan.pricing import rules
from chushan.pricing.models import ChannelPrice
from chushan.pricing.services._access import require_seller_staff


def _price(value) -> Decimal:
    try:
        price = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        price = None
    if price is None or not price.is_finite() or price != price.quantize(rules.CENT) or not (
            Decimal(0) < price <= rules.MAX_PRICE):
        message = _("Enter a price above zero in yuan, with at most two decimals.")
        raise Unprocessable(message, code="invalid_price", errors={"price": [message]})
    return price


def channel_price_record(*, actor, sku: Sku, channel: SalesChannel, price, location: Location | None = None,
                         source: str = ChannelPrice.Source.OTHER, note: str = "") -> ChannelPrice:
    """Record (or replace) the price a channel shows for a SKU, at one location or channel-wide."""
    price = _price(price)
    if source not in ChannelPrice.Source.values:
        message = _("Choose where this price is shown.")
        raise Unprocessable(message, code="invalid_source", errors={"source": [message]})
    note = (note or "").strip()[:200]
    with transaction.atomic():
        seller_id = sku.product.seller_id
        require_seller_staff(actor, seller_id)
        if location is not None and location.seller_id != seller_id:
            raise PermissionDenied(_("Record prices only at your own locations."), code="not_your_location")
        found = ChannelPrice.objects.select_for_update().filter(sku=sku, channel=channel, location=location).first()
        if found is None:
            found = ChannelPrice(sku=sku, channel=channel, location=location)
        found.price, found.source, found.note = price, source, note
        found.recorded_by, found.recorded_at = actor, timezone.now()
        found.save()
    return found
