"""The only place row locks are taken. Order: a reservation before its stock, stock rows in primary-key
order, so two checkouts, a payment and a transfer can never wait on each other in a circle.

The expiry sweep never waits for a reservation (SKIP LOCKED): whoever holds it is settling it. So the
sweep may run after stock rows are locked. The hot path (services.reservations) takes its one stock row
lock inside a conditional UPDATE; with several rows it issues them in ``in_lock_order``.
"""

import datetime
from collections.abc import Iterable

from django.db.models import F, OuterRef, Subquery

from chushan.inventory.models import Location, Reservation, SalesChannel, Stock


def in_lock_order(stock_ids: Iterable[int]) -> list[int]:
    return sorted(set(stock_ids))


def stocks_for_update(stock_ids: Iterable[int]) -> dict[int, Stock]:
    rows = Stock.objects.filter(pk__in=in_lock_order(stock_ids)).order_by("pk").select_for_update()
    return {row.pk: row for row in rows}


def reservations_for_update(reservation_ids: Iterable[int]) -> list[Reservation]:
    return list(Reservation.objects.filter(pk__in=sorted(set(reservation_ids)))
                .select_related("stock__location").order_by("pk").select_for_update(of=("self",)))


def reservations_due_for_update(*, now: datetime.datetime, limit: int = 500, stock_ids: Iterable[int] | None = None,
                                sku_id: int | None = None, location_id: int | None = None,
                                seller_id: int | None = None) -> list[Reservation]:
    """Held reservations past their expiry: everywhere the longest lapsed first; in a scope (the lazy sweep of a
    stock read) in no particular order, read along the stock's own index of held rows, never past every other
    row's lapsed holds. Rows another transaction is closing right now are skipped, not waited for (so their
    order is no lock order): that transaction settles them (a payment commits, or another sweep releases)."""
    due = Reservation.objects.filter(state=Reservation.State.HELD, expires_at__lte=now)
    scoped = any(scope is not None for scope in (stock_ids, sku_id, location_id, seller_id))
    if stock_ids is not None:
        due = due.filter(stock_id__in=list(stock_ids))
    if sku_id is not None:
        due = due.filter(stock__sku_id=sku_id)
    if location_id is not None:
        due = due.filter(stock__location_id=location_id)
    if seller_id is not None:
        due = due.filter(stock__location__seller_id=seller_id)
    due = due.order_by() if scoped else due.order_by("expires_at", "pk")
    return list(due.select_for_update(skip_locked=True, of=("self",))[:limit])


def location_for_update(location_id: int) -> Location:
    return Location.objects.select_for_update().get(pk=location_id)


def stock_for_online_sale(*, sku_id: int, location_id: int, channel_code: str) -> Stock | None:
    """The stock row, locked, if this SKU may be sold online from this location on this channel; else None.
    ``sale_channel_id`` carries the channel's id."""
    channel = SalesChannel.objects.filter(code=channel_code, is_counter=False, locations=OuterRef("location_id"))
    return (Stock.objects.filter(sku_id=sku_id, location_id=location_id, location__is_active=True,
                                 sku__is_active=True, sku__product__status="published",
                                 sku__product__seller__status="admitted",
                                 sku__product__seller_id=F("location__seller_id"))
            .annotate(sale_channel_id=Subquery(channel.values("pk")[:1])).filter(sale_channel_id__isnull=False)
            .select_for_update(of=("self",)).first())
