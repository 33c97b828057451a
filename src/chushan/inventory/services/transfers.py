"""Moving goods between two locations of one seller, e.g. from the warehouse to a consignment counter."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from chushan.catalog.models import Sku
from chushan.core import events
from chushan.core.errors import Unprocessable
from chushan.inventory import rules
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Location, Stock, StockMovement, Transfer, TransferLine
from chushan.inventory.services._access import require_owner_staff
from chushan.inventory.services._checks import require_open, require_skus_of, short_item
from chushan.inventory.services._ledger import ensure_stock_rows
from chushan.inventory.services.reservations import stocks_locked_fresh


@dataclass(frozen=True)
class TransferItem:
    sku: Sku
    quantity: int


def _checked_items(items: list[TransferItem]) -> list[tuple[Sku, int]]:
    if not items:
        message = _("Add at least one SKU to move.")
        raise Unprocessable(message, code="empty", errors={"lines": [message]})
    checked = [(item.sku, rules.check_quantity(item.quantity, field=f"lines.{i}.quantity"))
               for i, item in enumerate(items)]
    if len({sku.pk for sku, _q in checked}) != len(checked):
        message = _("List each SKU once.")
        raise Unprocessable(message, code="duplicate_sku", errors={"lines": [message]})
    return checked


def _move(stock: Stock, kind: str, delta: int, transfer: Transfer, actor) -> StockMovement:
    Stock.objects.filter(pk=stock.pk).update(on_hand=F("on_hand") + delta)
    return StockMovement(stock_id=stock.pk, kind=kind, on_hand_delta=delta, transfer=transfer,
                         reference=f"transfer:{transfer.pk}", actor=actor, created_at=transfer.created_at)


def stock_transfer(*, actor, from_location: Location, to_location: Location, items: list[TransferItem],
                   note: str = "") -> Transfer:
    """Move units at once: a transfer-out line at the source and a transfer-in line at the destination.
    Only available units move; units held for checkouts stay where the shopper expects them. SKUs with a GTIN
    are announced (STOCK_TRANSFERRED) once the transfer commits."""
    checked = _checked_items(items)
    note = rules.check_text(note, field="note", max_length=200)
    with transaction.atomic():
        require_owner_staff(actor, from_location)
        require_owner_staff(actor, to_location)
        if from_location.pk == to_location.pk:
            message = _("Choose two different locations.")
            raise Unprocessable(message, code="same_location", errors={"to_location": [message]})
        require_open(to_location)
        require_skus_of(from_location, [sku.pk for sku, _q in checked])
        rows = ensure_stock_rows([(sku.pk, loc.pk) for sku, _q in checked for loc in (from_location, to_location)])
        locked = stocks_locked_fresh([row.pk for row in rows.values()])
        short, full = [], []
        for sku, quantity in checked:
            source = locked[rows[(sku.pk, from_location.pk)].pk]
            target = locked[rows[(sku.pk, to_location.pk)].pk]
            if source.available < quantity:
                short.append(short_item(stock=source, sku=sku, location=from_location, requested=quantity))
            if target.on_hand + quantity > rules.MAX_ON_HAND:
                full.append(sku.pk)
        if short:
            raise InsufficientStock(short)
        if full:
            raise Unprocessable(_("%(location)s may hold at most %(max)s units of one SKU.") % {
                "location": to_location.name, "max": rules.MAX_ON_HAND}, code="too_much_stock")
        transfer = Transfer.objects.create(from_location=from_location, to_location=to_location, note=note,
                                           actor=actor)
        TransferLine.objects.bulk_create([TransferLine(transfer=transfer, sku=sku, quantity=quantity)
                                          for sku, quantity in checked])
        movements = []
        for sku, quantity in checked:
            movements.append(_move(locked[rows[(sku.pk, from_location.pk)].pk], StockMovement.Kind.TRANSFER_OUT,
                                   -quantity, transfer, actor))
            movements.append(_move(locked[rows[(sku.pk, to_location.pk)].pk], StockMovement.Kind.TRANSFER_IN,
                                   quantity, transfer, actor))
        StockMovement.objects.bulk_create(movements)
        _announce(transfer, checked)
    return transfer


def _announce(transfer: Transfer, checked: list[tuple[Sku, int]]) -> None:
    """Tell traceability, once the transfer commits, which GTINs moved: it follows their lots to the new place."""
    lines = [{"gtin": sku.gtin, "lot": None, "serial": None, "quantity": quantity, "uom": "EA"}
             for sku, quantity in checked if sku.gtin]
    if not lines:
        return
    source, target = transfer.from_location, transfer.to_location
    events.publish(events.STOCK_TRANSFERRED, seller_id=source.seller_id, lines=lines,
                   occurred_at=transfer.created_at, from_gln=source.gln, from_name=source.name,
                   to_gln=target.gln, to_name=target.name, reference=f"TR{transfer.pk}")
