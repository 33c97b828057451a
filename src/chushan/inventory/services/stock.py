"""Receipts, counter sales without a hold, and returns: each one guarded update and one ledger line."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.catalog.models import Sku
from chushan.core import events, messages
from chushan.core.errors import Unprocessable
from chushan.inventory import rules
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Location, SalesChannel, StockMovement
from chushan.inventory.services._access import require_counter_staff, require_owner_staff
from chushan.inventory.services._checks import require_open, require_skus_of, sellable_stock, short_item
from chushan.inventory.services._ledger import can_add, can_take, ensure_stock_rows, write_movement
from chushan.inventory.services.reservations import reservations_expire


def _too_much_here(location: Location) -> Unprocessable:
    message = _("%(location)s may hold at most %(max)s units of one SKU.") % {
        "location": location.name, "max": rules.MAX_ON_HAND}
    return Unprocessable(message, code="too_much_stock", errors={"quantity": [message]})


def stock_receive(*, actor, sku: Sku, location: Location, quantity: int, reference: str = "",
                  note: str = "", lot: str = "") -> StockMovement:
    """Goods arrive at a location (a harvest, a delivery from the workshop), optionally naming their lot (批次).

    A named lot of a SKU with a GTIN is announced (STOCK_RECEIVED) once the receipt commits, so traceability
    records the receiving event and can later tell which lot a sale at this location took.
    """
    quantity = rules.check_quantity(quantity)
    reference = rules.check_text(reference, field="reference", max_length=80)
    note = rules.check_text(note, field="note", max_length=200)
    lot = rules.check_lot(lot)
    with transaction.atomic():
        require_owner_staff(actor, location)
        require_skus_of(location, [sku.pk])
        require_open(location)
        stock = ensure_stock_rows([(sku.pk, location.pk)])[(sku.pk, location.pk)]
        movement = write_movement(stock_id=stock.pk, kind=StockMovement.Kind.RECEIPT, on_hand_delta=quantity,
                                  guard=can_add(quantity), reference=reference, reason=note, lot=lot, actor=actor)
        if movement is None:
            raise _too_much_here(location)
        if lot and sku.gtin:
            _announce_receipt(movement, sku=sku, location=location)
    return movement


def _announce_receipt(movement: StockMovement, *, sku: Sku, location: Location) -> None:
    # The ledger line's id is the receipt number: the staff's own reference is free text, not a URI part.
    events.publish(events.STOCK_RECEIVED, seller_id=location.seller_id,
                   lines=[{"gtin": sku.gtin, "lot": movement.lot, "serial": None,
                           "quantity": movement.on_hand_delta, "uom": "EA"}],
                   occurred_at=movement.created_at, location_gln=location.gln, location_name=location.name,
                   reference=f"SM{movement.pk}")


def _default_counter_channel(location: Location) -> str:
    return rules.CONSIGNMENT_COUNTER if location.is_consignment else rules.SHOP_COUNTER


def stock_sell_now(*, actor, sku: Sku, location: Location, quantity: int, channel: str | None = None,
                   reference: str = "") -> StockMovement:
    """A sale at the counter, paid on the spot: no hold, straight off the shelf (POS)."""
    quantity = rules.check_quantity(quantity)
    reference = rules.check_text(reference, field="reference", max_length=80)
    channel = channel or _default_counter_channel(location)
    with transaction.atomic():
        require_counter_staff(actor, location)
        stock = sellable_stock(actor=actor, sku=sku, location=location, channel_code=channel, quantity=quantity)
        sell = {"stock_id": stock.pk, "kind": StockMovement.Kind.SALE, "on_hand_delta": -quantity,
                "guard": can_take(quantity), "channel_id": stock.sale_channel_id, "reference": reference,
                "actor": actor}
        movement = write_movement(**sell)
        if movement is None and reservations_expire(stock_ids=[stock.pk], now=timezone.now()):
            movement = write_movement(**sell)
        if movement is None:
            stock.refresh_from_db(fields=["on_hand", "reserved"])
            raise InsufficientStock([short_item(stock=stock, sku=sku, location=location, requested=quantity)])
    return movement


# The name the issue-5 plan gives the POS use case.
stock_sell_at_counter = stock_sell_now


def stock_return(*, actor, sku: Sku, location: Location, quantity: int, reference: str = "", reason: str = "",
                 reason_code: str = "", reason_params: dict | None = None, channel: str | None = None,
                 sold_ref: str = "") -> StockMovement:
    """Returned goods back on the shelf, at the location the seller chose (after-sales, or the counter).
    ``actor=None`` is the platform itself: an order cancelled before its goods left goes back where it was sold.
    ``sold_ref`` is the order or sale number the units were sold under (``reference`` when not given); a SKU with
    a GTIN is announced (STOCK_RETURNED) so traceability gives the units back to the lots that sale took.
    ``reason_code`` names the platform's own reason ("app:code", see core.messages) in place of typed text."""
    quantity = rules.check_quantity(quantity)
    reference = rules.check_text(reference, field="reference", max_length=80)
    sold_ref = rules.check_text(sold_ref, field="sold_ref", max_length=80) or reference
    reason = rules.check_text(reason, field="reason", max_length=200)
    reason_code = messages.check_named(reason_code)
    reason_params = reason_params if reason_code else None
    with transaction.atomic():
        if actor is not None:
            require_counter_staff(actor, location)
        require_skus_of(location, [sku.pk])
        require_open(location)
        channel_id = None
        if channel:
            channel_id = SalesChannel.objects.filter(code=channel).values_list("pk", flat=True).first()
            if channel_id is None:
                message = _("There is no sales channel %(code)s.") % {"code": channel}
                raise Unprocessable(message, code="unknown_channel", errors={"channel": [message]})
        stock = ensure_stock_rows([(sku.pk, location.pk)])[(sku.pk, location.pk)]
        movement = write_movement(stock_id=stock.pk, kind=StockMovement.Kind.RETURN, on_hand_delta=quantity,
                                  guard=can_add(quantity), channel_id=channel_id, reference=reference,
                                  reason=reason, reason_code=reason_code, reason_params=reason_params,
                                  actor=actor)
        if movement is None:
            raise _too_much_here(location)
        if sold_ref and sku.gtin:
            _announce_return(movement, sku=sku, location=location, sold_ref=sold_ref)
    return movement


def _announce_return(movement: StockMovement, *, sku: Sku, location: Location, sold_ref: str) -> None:
    events.publish(events.STOCK_RETURNED, seller_id=location.seller_id,
                   lines=[{"gtin": sku.gtin, "lot": None, "serial": None, "quantity": movement.on_hand_delta,
                           "uom": "EA"}],
                   occurred_at=movement.created_at, location_gln=location.gln, location_name=location.name,
                   reference=f"SM{movement.pk}", sold_ref=sold_ref)
