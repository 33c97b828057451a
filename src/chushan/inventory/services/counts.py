"""Physical counts (盘点): the books are adjusted to what was counted, with the reason kept in the ledger."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from chushan.catalog.models import Sku
from chushan.core.errors import Unprocessable
from chushan.inventory import rules
from chushan.inventory.models import Location, Stock, StockCount, StockCountLine, StockMovement
from chushan.inventory.services._access import require_owner_staff
from chushan.inventory.services._checks import require_skus_of
from chushan.inventory.services._ledger import ensure_stock_rows
from chushan.inventory.services.reservations import stocks_locked_fresh


@dataclass(frozen=True)
class CountItem:
    sku: Sku
    counted: int


def _checked_items(items: list[CountItem]) -> list[tuple[Sku, int]]:
    if not items:
        message = _("Enter at least one counted SKU.")
        raise Unprocessable(message, code="empty", errors={"lines": [message]})
    checked = [(item.sku, rules.check_counted(item.counted, field=f"lines.{i}.counted"))
               for i, item in enumerate(items)]
    if len({sku.pk for sku, _c in checked}) != len(checked):
        message = _("List each SKU once.")
        raise Unprocessable(message, code="duplicate_sku", errors={"lines": [message]})
    return checked


def stock_count_record(*, actor, location: Location, items: list[CountItem], reason: str) -> StockCount:
    """Record a count and adjust each SKU's on-hand to the counted number (an adjustment line per change).

    A count below what is held for checkouts is refused: settle or release those holds first.
    """
    checked = _checked_items(items)
    reason = rules.check_text(reason, field="reason", max_length=200, required=True)
    with transaction.atomic():
        require_owner_staff(actor, location)
        require_skus_of(location, [sku.pk for sku, _c in checked])
        rows = ensure_stock_rows([(sku.pk, location.pk) for sku, _c in checked])
        locked = stocks_locked_fresh([row.pk for row in rows.values()])
        stocks = [(sku, counted, locked[rows[(sku.pk, location.pk)].pk]) for sku, counted in checked]
        held = {f"lines.{i}.counted": [_("%(held)d units are held for checkouts; count again once they are "
                                         "paid or released.") % {"held": stock.reserved}]
                for i, (_sku, counted, stock) in enumerate(stocks) if counted < stock.reserved}
        if held:
            raise Unprocessable(_("Some counts are below what is held for checkouts."), code="below_held",
                                errors=held)
        count = StockCount.objects.create(location=location, reason=reason, actor=actor)
        StockCountLine.objects.bulk_create([StockCountLine(count=count, sku=sku, expected=stock.on_hand,
                                                           counted=counted) for sku, counted, stock in stocks])
        movements = []
        for _sku, counted, stock in stocks:
            delta = rules.count_delta(expected=stock.on_hand, counted=counted)
            if delta:
                Stock.objects.filter(pk=stock.pk).update(on_hand=F("on_hand") + delta)
                movements.append(StockMovement(stock_id=stock.pk, kind=StockMovement.Kind.ADJUSTMENT,
                                               on_hand_delta=delta, count=count, reference=f"count:{count.pk}",
                                               reason=reason, actor=actor, created_at=count.created_at))
        StockMovement.objects.bulk_create(movements)
    return count
