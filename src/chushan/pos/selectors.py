"""Reads for the counter: which counters a clerk works, what a barcode or a search finds there with its stock,
the basket, sales and receipts. ``*_get`` returns None when the actor may not see it (the caller answers 404)."""

from dataclasses import dataclass

from django.db.models import F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from chushan.catalog.models import Product, Sku
from chushan.inventory.models import Location, Stock
from chushan.pos import prices, rules
from chushan.pos.models import PosReturn, PosSale, PosSaleLine, Settlement
from chushan.pos.services._access import member_seller_id

MAX_ID = 2**63 - 1
SEARCH_LIMIT = 20


def counter_list(*, actor) -> QuerySet[Location]:
    """The shops, workshops and consignment counters where the actor may sell."""
    seller_id = member_seller_id(actor)
    if seller_id is None:
        return Location.objects.none()
    return (Location.objects.active().filter(Q(seller_id=seller_id) | Q(host_seller_id=seller_id),
                                             kind__in=rules.COUNTER_KINDS)
            .select_related("seller", "host_seller", "region").order_by("name", "pk"))


def counter_get(*, actor, location_id) -> Location | None:
    if not isinstance(location_id, int) or not 0 < location_id <= MAX_ID:
        return None
    return counter_list(actor=actor).filter(pk=location_id).first()


def _available_here(location: Location):
    stock = Stock.objects.filter(sku=OuterRef("pk"), location=location)
    return Coalesce(Subquery(stock.annotate(n=F("on_hand") - F("reserved")).values("n")[:1],
                             output_field=IntegerField()), Value(0))


def _sellable(location: Location) -> QuerySet[Sku]:
    """The owner's SKUs a counter may sell: on sale and not delisted (counters may sell unpublished drafts)."""
    return (Sku.objects.filter(product__seller_id=location.seller_id, is_active=True)
            .exclude(product__status=Product.Status.DELISTED).select_related("product"))


def sku_by_gtin(*, location: Location, gtin: str) -> Sku | None:
    return _sellable(location).filter(gtin=gtin).annotate(available=_available_here(location)).first()


def sellable_sku_get(*, location: Location, sku_id) -> Sku | None:
    if not isinstance(sku_id, int) or not 0 < sku_id <= MAX_ID:
        return None
    return _sellable(location).filter(pk=sku_id).annotate(available=_available_here(location)).first()


def priced(*, location: Location, skus: list[Sku]) -> list[Sku]:
    """The SKUs with ``counter_price``: what one unit costs at this counter now (the web's effective price)."""
    price_by_sku = prices.unit_prices(skus=skus, channel=rules.counter_channel(location.kind), at=timezone.now())
    for sku in skus:
        sku.counter_price = price_by_sku[sku.pk]
    return skus


def sku_search(*, location: Location, query: str) -> list[Sku]:
    """SKUs of the owner matching a name, SKU code or barcode, those in stock here first, each with its price."""
    query = (query or "").strip()[:60].replace("\x00", "")
    if not query:
        return []
    found = list(_sellable(location)
                 .filter(Q(product__name__icontains=query) | Q(product__name_en__icontains=query)
                         | Q(code__iexact=query) | Q(gtin__endswith=query))
                 .annotate(available=_available_here(location))
                 .order_by(F("available").desc(), "product__name", "position", "pk")[:SEARCH_LIMIT])
    return priced(location=location, skus=found)


def basket_get(*, location: Location, clerk) -> PosSale | None:
    return (PosSale.objects.at_counter(location).filter(clerk_id=clerk.pk, state=PosSale.State.OPEN)
            .prefetch_related("lines").first())


def sales_recent(*, location: Location, limit: int = 10) -> QuerySet[PosSale]:
    return (PosSale.objects.at_counter(location).filter(state=PosSale.State.PAID)
            .select_related("clerk").order_by("-paid_at", "-pk")[:limit])


def sales_awaiting(*, location: Location) -> QuerySet[PosSale]:
    return (PosSale.objects.at_counter(location).filter(state=PosSale.State.AWAITING_PAYMENT)
            .select_related("payment", "clerk").order_by("-updated_at", "-pk"))


def sale_list(*, location: Location) -> QuerySet[PosSale]:
    """Paid sales and those waiting for a QR payment, newest first (baskets are the clerks' own)."""
    return _sale_detail(location).exclude(state__in=[PosSale.State.OPEN, PosSale.State.CANCELLED]).order_by(
        "-created_at", "-pk")


def _sale_detail(location: Location) -> QuerySet[PosSale]:
    return (PosSale.objects.at_counter(location)
            .select_related("location__region", "seller", "host_seller", "channel", "clerk", "payment")
            .prefetch_related("lines", "returns__lines__sale_line", "returns__refund"))


def sale_get(*, location: Location, sale_id) -> PosSale | None:
    if not isinstance(sale_id, int) or not 0 < sale_id <= MAX_ID:
        return None
    return _sale_detail(location).filter(pk=sale_id).first()


def sale_get_by_number(*, location: Location, number: str) -> PosSale | None:
    number = (number or "").strip().upper()[:40]
    if not number:
        return None
    return _sale_detail(location).filter(number=number).exclude(state=PosSale.State.OPEN).first()


def return_get(*, location: Location, number: str) -> PosReturn | None:
    return (PosReturn.objects.filter(sale__location=location, number=(number or "").strip().upper()[:40])
            .select_related("sale__location", "clerk", "refund").prefetch_related("lines__sale_line").first())


def settlement_list_for_seller(*, seller) -> QuerySet[Settlement]:
    """Consignment settlement lines the seller owns or hosts."""
    if seller is None:
        return Settlement.objects.none()
    return (Settlement.objects.filter(Q(owner=seller) | Q(host=seller))
            .select_related("sale", "sale_return", "owner", "host", "location").order_by("-created_at", "-pk"))


def shelf_skus(*, location: Location) -> list[Sku]:
    """The SKUs a shelf label sheet is printed for: everything the owner sells that this shop has held."""
    held_here = Stock.objects.filter(location=location).values("sku_id")
    return list(_sellable(location).filter(pk__in=held_here)
                .order_by("product__name", "position", "pk"))


def counter_line_prices(*, since, seller_id: int | None):
    """Every unit price the counters charged since ``since`` (of one seller's goods, or all), for the pricing
    app's consistency report: the counter must charge what the web would on its channel."""
    from chushan.pricing.sources import PriceObservation

    lines = PosSaleLine.objects.filter(sale__state=PosSale.State.PAID, sale__paid_at__gte=since)
    if seller_id is not None:
        lines = lines.filter(sale__seller_id=seller_id)
    rows = lines.values_list("sku_id", "sale__channel__code", "unit_price", "list_price", "sale__paid_at",
                             "promotion_id", "sale__number", "sale__location_id")
    return [PriceObservation(sku_id=sku_id, channel_code=code, price=price, list_price=list_price, at=at,
                             promotion_id=promotion_id, reference=number, location_id=location_id)
            for sku_id, code, price, list_price, at, promotion_id, number, location_id in rows.iterator()]


@dataclass(frozen=True)
class ShopStock:
    """A shop's stock of each option of a product, as its shelf QR code shows it online."""

    location: Location
    rows: list[tuple[Sku, int]]

    @property
    def any_here(self) -> bool:
        return any(available > 0 for _sku, available in self.rows)


def shop_stock_for_page(*, location_id: int | None, product, skus) -> ShopStock | None:
    """Stock at an open counter of the product's seller, or None (an unknown shop, another seller's, a warehouse)."""
    if location_id is None or not 0 < location_id <= MAX_ID:
        return None
    location = (Location.objects.active().filter(pk=location_id, seller_id=product.seller_id,
                                                 kind__in=rules.COUNTER_KINDS).select_related("region").first())
    if location is None:
        return None
    held = dict(Stock.objects.filter(location=location, sku__in=list(skus))
                .annotate(n=F("on_hand") - F("reserved")).values_list("sku_id", "n"))
    return ShopStock(location=location, rows=[(sku, max(held.get(sku.pk, 0), 0)) for sku in skus])
