"""Reads about stock. Every read of stock first releases holds that have expired on the stock it shows,
so a shopper never sees stock as gone because of a checkout abandoned twenty minutes ago."""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from chushan.catalog.models import Sku
from chushan.inventory import rules
from chushan.inventory.models import (
    Location,
    Reservation,
    SalesChannel,
    Stock,
    StockCount,
    StockMovement,
    Transfer,
)
from chushan.regions.models import Region
from chushan.sellers.models import Seller


def _expire_due(**scope) -> None:
    # Imported here: the services import these selectors, and a read needs only this one write.
    from chushan.inventory.services.reservations import reservations_expire

    reservations_expire(**scope)


def channel_list() -> QuerySet[SalesChannel]:
    return SalesChannel.objects.all()


def stock_for_sale(*, sku_id: int, location_id: int, channel_code: str) -> Stock | None:
    """The stock row with everything a sale checks, in one query. ``sale_channel_id`` is None when the
    location does not sell on that channel (or the channel is unknown)."""
    channel = SalesChannel.objects.filter(code=channel_code, locations=OuterRef("location_id"))
    return (Stock.objects.select_related("location", "sku__product__seller")
            .annotate(sale_channel_id=Subquery(channel.values("pk")[:1]),
                      sale_channel_is_counter=Subquery(channel.values("is_counter")[:1]))
            .filter(sku_id=sku_id, location_id=location_id).first())


def stocks_for_sale_nearest(*, sku: Sku, channel_code: str, near=None) -> list[Stock]:
    """Stock of this SKU at active locations selling on the channel, with something available, nearest to
    ``near`` (a county Region) first, else most available first."""
    _expire_due(sku_id=sku.pk)
    stocks = list(Stock.objects.select_related("location__region")
                  .filter(sku=sku, location__is_active=True, location__channels__code=channel_code,
                          on_hand__gt=F("reserved")))
    if near is None:
        return sorted(stocks, key=lambda s: (-s.available, s.pk))
    target = _place(near, key=0)
    order = rules.by_nearness(target, [_place(s.location.region, key=s.pk) for s in stocks])
    by_pk = {s.pk: s for s in stocks}
    return [by_pk[p.key] for p in order]


def _place(region, *, key: int) -> rules.Place:
    lon = float(region.longitude) if region.longitude is not None else None
    lat = float(region.latitude) if region.latitude is not None else None
    return rules.Place(key=key, region_code=region.code, longitude=lon, latitude=lat)


def stock_available(*, sku: Sku, location: Location | None = None, channel_code: str | None = None) -> int:
    """Units of a SKU that can still be sold, at one location or across all that sell on the channel."""
    _expire_due(sku_id=sku.pk)
    stocks = Stock.objects.filter(sku=sku, location__is_active=True)
    if location is not None:
        stocks = stocks.filter(location=location)
    if channel_code is not None:
        stocks = stocks.filter(location__channels__code=channel_code)
    total = stocks.aggregate(n=Coalesce(Sum(F("on_hand") - F("reserved")), 0))["n"]
    return max(int(total), 0)


# Seller console and API ---------------------------------------------------------------------------------

def location_list_for_seller(*, seller, kind: str | None = None) -> QuerySet[Location]:
    """The seller's locations with how many SKUs and units each holds."""
    locations = Location.objects.for_seller(seller)
    if kind:
        locations = locations.filter(kind=kind)
    return (locations.select_related("region", "host_seller").prefetch_related("channels")
            .annotate(sku_count=Count("stocks", filter=Q(stocks__on_hand__gt=0)),
                      on_hand_total=Coalesce(Sum("stocks__on_hand"), 0),
                      reserved_total=Coalesce(Sum("stocks__reserved"), 0))
            .order_by("-is_active", "name", "pk"))


def location_list_hosted(*, seller) -> QuerySet[Location]:
    """Consignment counters other sellers keep in this seller's shops (the host sells from them)."""
    return Location.objects.hosted_by(seller).active().select_related("seller", "region").order_by("name", "pk")


def region_get(*, code: str):
    return Region.objects.filter(code=code).first()


def host_seller_get(*, seller_id: int) -> Seller | None:
    return Seller.objects.filter(pk=seller_id).first()


def location_get_for_seller(*, seller, location_id: int) -> Location | None:
    if not isinstance(location_id, int):
        return None
    return (Location.objects.for_seller(seller).select_related("region", "host_seller")
            .prefetch_related("channels").filter(pk=location_id).first())


def sku_get_for_seller(*, seller, sku_id: int) -> Sku | None:
    if seller is None or not isinstance(sku_id, int):
        return None
    return Sku.objects.select_related("product").filter(pk=sku_id, product__seller=seller).first()


def sku_list_for_seller(*, seller) -> QuerySet[Sku]:
    if seller is None:
        return Sku.objects.none()
    return Sku.objects.select_related("product").filter(product__seller=seller).order_by("product__name", "pk")


def stock_list_for_seller(*, seller, location: Location | None = None, sku: Sku | None = None,
                          query: str = "") -> QuerySet[Stock]:
    """The seller's stock rows, expired holds released first."""
    _expire_due(seller_id=getattr(seller, "pk", None), location_id=getattr(location, "pk", None))
    stocks = Stock.objects.for_seller(seller).select_related("sku__product", "location")
    if location is not None:
        stocks = stocks.filter(location=location)
    if sku is not None:
        stocks = stocks.filter(sku=sku)
    if query:
        stocks = stocks.filter(Q(sku__product__name__icontains=query[:60]) | Q(sku__code__icontains=query[:40]))
    return stocks.order_by("sku__product__name", "sku__position", "sku_id", "location__name")


def movement_list_for_seller(*, seller, location: Location | None = None, sku: Sku | None = None,
                             kind: str | None = None) -> QuerySet[StockMovement]:
    movements = (StockMovement.objects.filter(stock__location__seller=seller) if seller is not None
                 else StockMovement.objects.none())
    if location is not None:
        movements = movements.filter(stock__location=location)
    if sku is not None:
        movements = movements.filter(stock__sku=sku)
    if kind:
        movements = movements.filter(kind=kind)
    return movements.select_related("stock__sku__product", "stock__location", "channel", "actor").order_by(
        "-created_at", "-pk")


def movement_get(*, movement_id: int) -> StockMovement | None:
    return (StockMovement.objects.select_related("stock__sku__product", "stock__location", "channel", "actor")
            .filter(pk=movement_id).first())


def transfer_list_for_seller(*, seller) -> QuerySet[Transfer]:
    if seller is None:
        return Transfer.objects.none()
    return (Transfer.objects.filter(from_location__seller=seller)
            .select_related("from_location", "to_location", "actor")
            .prefetch_related("lines__sku__product").order_by("-created_at", "-pk"))


def transfer_get_for_seller(*, seller, transfer_id: int) -> Transfer | None:
    return transfer_list_for_seller(seller=seller).filter(pk=transfer_id).first()


def count_list_for_seller(*, seller, location: Location | None = None) -> QuerySet[StockCount]:
    if seller is None:
        return StockCount.objects.none()
    counts = StockCount.objects.filter(location__seller=seller)
    if location is not None:
        counts = counts.filter(location=location)
    return (counts.select_related("location", "actor").prefetch_related("lines__sku__product")
            .order_by("-created_at", "-pk"))


def count_get_for_seller(*, seller, count_id: int) -> StockCount | None:
    return count_list_for_seller(seller=seller).filter(pk=count_id).first()


# Checks --------------------------------------------------------------------------------------------------

def stock_ledger_mismatches() -> list[dict]:
    """Every stock row whose counters disagree with its ledger or with its live holds."""
    ledger = StockMovement.objects.filter(stock=OuterRef("pk")).values("stock")
    holds = Reservation.objects.filter(stock=OuterRef("pk"), state=Reservation.State.HELD).values("stock")
    rows = (Stock.objects.select_related("sku__product", "location")
            .annotate(ledger_on_hand=Coalesce(Subquery(ledger.annotate(n=Sum("on_hand_delta")).values("n")), 0),
                      ledger_reserved=Coalesce(Subquery(ledger.annotate(n=Sum("reserved_delta")).values("n")), 0),
                      held=Coalesce(Subquery(holds.annotate(n=Sum("quantity")).values("n")), 0))
            .exclude(Q(on_hand=F("ledger_on_hand")) & Q(reserved=F("ledger_reserved")) & Q(reserved=F("held")))
            .order_by("pk"))
    return [{"stock": row, "ledger_on_hand": row.ledger_on_hand, "ledger_reserved": row.ledger_reserved,
             "held": row.held} for row in rows]



def stock_ledger_orphans() -> list[tuple[str, int]]:
    """Ledger lines and holds that point at a row that is not there: ("movement"/"reservation", id).
    The hot path's references carry no foreign keys, so the check does what a foreign key would."""
    stock = Stock.objects.filter(pk=OuterRef("stock_id"))
    channel = SalesChannel.objects.filter(pk=OuterRef("channel_id"))
    hold = Reservation.objects.filter(pk=OuterRef("reservation_id"))
    movements = StockMovement.objects.filter(
        ~Exists(stock) | (Q(channel_id__isnull=False) & ~Exists(channel))
        | (Q(reservation_id__isnull=False) & ~Exists(hold)))
    reservations = Reservation.objects.filter(~Exists(stock) | ~Exists(channel))
    return ([("movement", pk) for pk in movements.order_by("pk").values_list("pk", flat=True)[:100]]
            + [("reservation", pk) for pk in reservations.order_by("pk").values_list("pk", flat=True)[:100]])
