"""The two primitive writes every stock use case is built from: a stock row, and a guarded ledger line."""

from django.db.models import F, Q

from chushan.inventory import rules
from chushan.inventory.models import Stock, StockMovement


def can_take(quantity: int) -> Q:
    """The stock row still has ``quantity`` units available (on hand and not held)."""
    return Q(on_hand__gte=F("reserved") + quantity)


def can_add(quantity: int) -> Q:
    return Q(on_hand__lte=rules.MAX_ON_HAND - quantity)


def ensure_stock_rows(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], Stock]:
    """Stock rows for (sku_id, location_id) pairs, creating the missing ones at zero.

    Missing rows are inserted in (sku, location) order so two transactions creating the same rows
    cannot wait on each other's inserts in a circle.
    """
    wanted = sorted(set(pairs))
    found = {(s.sku_id, s.location_id): s for s in _rows(wanted)}
    missing = [Stock(sku_id=sku_id, location_id=location_id) for sku_id, location_id in wanted
               if (sku_id, location_id) not in found]
    if missing:
        Stock.objects.bulk_create(missing, ignore_conflicts=True)
        found = {(s.sku_id, s.location_id): s for s in _rows(wanted)}
    return found


def _rows(pairs):
    query = Q()
    for sku_id, location_id in pairs:
        query |= Q(sku_id=sku_id, location_id=location_id)
    return Stock.objects.filter(query) if pairs else Stock.objects.none()


def write_movement(*, stock_id: int, kind: str, on_hand_delta: int, reserved_delta: int = 0,
                   guard: Q | None = None, **fields) -> StockMovement | None:
    """Change one row's counters and write its ledger line together; None (and nothing written) when the
    guard no longer holds. The UPDATE takes the row lock, so the guard is checked on current values."""
    rows = Stock.objects.filter(pk=stock_id)
    if guard is not None:
        rows = rows.filter(guard)
    if not rows.update(on_hand=F("on_hand") + on_hand_delta, reserved=F("reserved") + reserved_delta):
        return None
    return StockMovement.objects.create(stock_id=stock_id, kind=kind, on_hand_delta=on_hand_delta,
                                        reserved_delta=reserved_delta, **fields)
