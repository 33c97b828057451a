"""The clerk's basket at one counter: scan or pick SKUs, change quantities. Every line is priced as the web
shop prices it on this counter's channel, and re-priced whenever it changes and again at payment."""

import uuid
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.catalog.models import Product, Sku
from chushan.core.errors import NotFound, Unprocessable
from chushan.inventory import selectors as stock_selectors
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Location, SalesChannel
from chushan.pos import locks, prices, rules, selectors
from chushan.pos.models import PosSale, PosSaleLine
from chushan.pos.services._access import require_counter_staff


def require_counter(location: Location) -> SalesChannel:
    """The counter channel this location sells on; a warehouse, a closed shop or one without it is refused."""
    code = rules.counter_channel(location.kind)
    channel = location.channels.filter(code=code).first() if location.kind in rules.COUNTER_KINDS else None
    if channel is None:
        raise Unprocessable(_("%(location)s has no sales counter; add the counter channel in its settings first.")
                            % {"location": location.name}, code="no_counter")
    if not location.is_active:
        raise Unprocessable(_("%(location)s is closed; reopen it first.") % {"location": location.name},
                            code="location_closed")
    return channel


def basket_open(*, actor, location: Location) -> PosSale:
    """The clerk's open basket at this counter, started if there is none."""
    with transaction.atomic():
        require_counter_staff(actor, location)
        channel = require_counter(location)
        found = PosSale.objects.filter(location=location, clerk_id=actor.pk, state=PosSale.State.OPEN).first()
        if found is not None:
            return found
        try:
            with transaction.atomic():
                sale = PosSale.objects.create(number=f"tmp-{uuid.uuid4().hex}", location=location,
                                              seller_id=location.seller_id, host_seller_id=location.host_seller_id,
                                              channel=channel, clerk=actor)
                sale.number = rules.number("R", timezone.localdate(sale.created_at), sale.pk)
                sale.save(update_fields=["number"])
        except IntegrityError:
            # The clerk's other tablet opened it a moment ago.
            return PosSale.objects.get(location=location, clerk_id=actor.pk, state=PosSale.State.OPEN)
    return sale


def _sellable_sku(location: Location, sku: Sku) -> Sku:
    sku = Sku.objects.select_related("product").filter(pk=sku.pk).first() if sku is not None else None
    if sku is None or sku.product.seller_id != location.seller_id:
        raise NotFound(_("This counter does not sell that product."), code="unknown_sku")
    if not sku.is_active or sku.product.status == Product.Status.DELISTED:
        raise Unprocessable(_("%(sku)s is not on sale.") % {"sku": sku}, code="not_for_sale")
    return sku


def quantities(sale: PosSale) -> dict[int, int]:
    """Units of each SKU in the basket (a SKU may have two lines at two prices)."""
    found: dict[int, int] = defaultdict(int)
    for line in sale.lines.all():
        found[line.sku_id] += line.quantity
    return dict(found)


def set_units(sale: PosSale, sku: Sku, quantity: int, *, now=None) -> None:
    """Rewrite the lines of one SKU for ``quantity`` units at today's counter price; 0 removes them."""
    PosSaleLine.objects.filter(sale=sale, sku=sku).delete()
    if quantity <= 0:
        return
    parts = prices.counter_units(sku=sku, channel=sale.channel.code, quantity=quantity, at=now or timezone.now())
    PosSaleLine.objects.bulk_create([
        PosSaleLine(sale=sale, sku=sku, product_name=sku.product.name[:160], sku_label=sku.label[:200],
                    gtin=sku.gtin or "", quantity=part.quantity, list_price=part.list_price,
                    unit_price=part.unit_price, line_total=part.total, promotion_id=part.promotion_id)
        for part in parts])


def retotal(sale: PosSale) -> None:
    """Add the lines up into the sale's subtotal, discount and total."""
    totals = rules.basket_totals([rules.PricedUnits(quantity=line.quantity, unit_price=line.unit_price,
                                                    list_price=line.list_price) for line in sale.lines.all()])
    for field, value in totals.items():
        setattr(sale, field, value)
    sale.updated_at = timezone.now()
    sale.save(update_fields=["subtotal", "discount", "total", "updated_at"])


def _require_on_shelf(location: Location, sku: Sku, quantity: int) -> None:
    """A friendly early check; the sale itself is guarded in the ledger, so a race still cannot oversell."""
    available = stock_selectors.stock_available(sku=sku, location=location)
    if quantity > available:
        raise InsufficientStock([{"sku": sku.pk, "location": location.pk, "requested": quantity,
                                  "available": max(available, 0), "sku_name": str(sku),
                                  "location_name": location.name}])


def require_basket(sale: PosSale) -> None:
    if sale.state != PosSale.State.OPEN:
        raise Unprocessable(_("Sale %(number)s is no longer a basket: it is %(state)s.") % {
            "number": sale.number, "state": sale.get_state_display()}, code="not_a_basket")


def _change(*, actor, location: Location, sku: Sku, quantity: int | None = None, add: int = 0) -> PosSale:
    basket = basket_open(actor=actor, location=location)
    with transaction.atomic():
        sale = locks.sale_for_update(basket.pk)
        require_basket(sale)
        sku = _sellable_sku(location, sku)
        held = quantities(sale)
        wanted = held.get(sku.pk, 0) + add if quantity is None else quantity
        if wanted > rules.MAX_LINE_QUANTITY:
            rules.check_quantity(wanted)
        if sku.pk not in held and wanted > 0 and len(held) >= rules.MAX_BASKET_LINES:
            raise Unprocessable(_("A basket holds at most %(n)d products; take payment for these first.")
                                % {"n": rules.MAX_BASKET_LINES}, code="basket_full")
        if wanted > held.get(sku.pk, 0):
            _require_on_shelf(location, sku, wanted)
        set_units(sale, sku, wanted)
        retotal(sale)
    return sale


def basket_add(*, actor, location: Location, sku: Sku, quantity: int = 1) -> PosSale:
    """Put ``quantity`` more units of a SKU in the clerk's basket."""
    quantity = rules.check_quantity(quantity)
    return _change(actor=actor, location=location, sku=sku, add=quantity)


def basket_set(*, actor, location: Location, sku: Sku, quantity: int) -> PosSale:
    """Set how many units of a SKU the basket holds; 0 takes it out."""
    quantity = rules.check_quantity(quantity, allow_zero=True)
    return _change(actor=actor, location=location, sku=sku, quantity=quantity)


def basket_scan(*, actor, location: Location, code: str) -> PosSale:
    """A barcode read by the scanner or the camera: one more unit of that SKU."""
    gtin = rules.scanned_gtin(code)
    require_counter_staff(actor, location)
    sku = selectors.sku_by_gtin(location=location, gtin=gtin)
    if sku is None:
        message = _("No product sold at this counter has the barcode %(gtin)s.") % {"gtin": gtin}
        raise NotFound(message, code="unknown_barcode", errors={"code": [message]})
    return basket_add(actor=actor, location=location, sku=sku, quantity=1)


def basket_clear(*, actor, location: Location) -> PosSale:
    """Empty the basket (the customer changed their mind)."""
    basket = basket_open(actor=actor, location=location)
    with transaction.atomic():
        sale = locks.sale_for_update(basket.pk)
        require_basket(sale)
        PosSaleLine.objects.filter(sale=sale).delete()
        retotal(sale)
    return sale
