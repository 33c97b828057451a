"""The EPCIS events the platform's own operations imply (stock received, orders shipped or picked up, shop
sales), captured into the selling seller's chain, and the private record of which shopper got which lot."""

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from chushan.core.errors import ApplicationError, Conflict
from chushan.sellers.models import Seller
from chushan.trace import builders, gs1
from chushan.trace.gs1 import InvalidIdentifier
from chushan.trace.models import Lot, LotSale, Serial, Site, TraceEvent
from chushan.trace.services.capture import event_capture
from chushan.trace.services.identifiers import SiteDraft, site_register

log = logging.getLogger(__name__)

# kind -> (bizStep, disposition, business transaction type, LotSale kind)
KINDS = {
    "received": ("receiving", "in_progress", "recadv", None),
    "shipped": ("shipping", "in_transit", "po", LotSale.Kind.SHIPPED),
    "picked_up": ("retail_selling", "retail_sold", "po", LotSale.Kind.PICKED_UP),
    "sold": ("retail_selling", "retail_sold", "inv", LotSale.Kind.SOLD),
}


def _when(value) -> datetime:
    moment = value if isinstance(value, datetime) else parse_datetime(str(value or "")) if value else None
    if moment is None:
        return timezone.now()
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _quantity(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number > 0 else None


def _traceable(lines: Sequence[Mapping]) -> list[tuple[str, str | None, str | None, Decimal | None, str]]:
    """(GTIN-14, lot, serial, quantity, unit) for each line naming a valid GTIN with a lot or a serial."""
    out = []
    for line in lines:
        try:
            gtin = gs1.validate_gtin(str(line.get("gtin") or ""))
            lot = gs1.validate_lot(str(line["lot"])) if line.get("lot") else None
            serial = gs1.validate_serial(str(line["serial"])) if line.get("serial") else None
        except InvalidIdentifier as exc:
            log.warning("trace: line %r skipped: %s", dict(line), exc)
            continue
        if lot or serial:
            out.append((gtin, lot, serial, _quantity(line.get("quantity")), str(line.get("uom") or "EA")))
    return out


def _site_gln(seller: Seller, gln: str | None, name: str) -> str | None:
    """The location's GLN once it is one of the seller's sites (registered on first use), else None."""
    if not gln:
        return None
    site = Site.objects.filter(gln=gln).first()
    if site is not None:
        return gln if site.seller_id == seller.pk else None
    try:
        site_register(actor=None, seller=seller, draft=SiteDraft(gln=gln, name=name or gln,
                                                                  kind=Site.Kind.WAREHOUSE))
    except ApplicationError as exc:
        log.warning("trace: location %s of seller %s not usable: %s", gln, seller.pk, exc.message)
        return None
    return gln


def _spec(kind: str, seller: Seller, lines, when: datetime, gln: str | None, reference: str) -> builders.EventSpec:
    biz_step, disposition, transaction_type, _sale = KINDS[kind]
    link = builders.place(gln) if gln else None
    scheme = "sale" if kind == "sold" else "stock-receipt" if kind == "received" else "order"
    return builders.EventSpec(
        when=when, biz_step=biz_step, disposition=disposition, read_point=link, biz_location=link,
        epcs=[gs1.digital_link(g, lot=lot, serial=serial) for g, lot, serial, _q, _u in lines if serial],
        quantities=[builders.Quantity(builders.lot_class(g, lot), q, u if q else None)
                    for g, lot, serial, q, u in lines if lot and not serial],
        transactions=[(transaction_type, f"urn:chushan:{scheme}:{reference}")] if reference else [],
        extensions={"creditCode": seller.credit_code})


def platform_event_record(*, kind: str, seller_id: int, lines: Sequence[Mapping], occurred_at=None,
                          location_gln: str | None = None, location_name: str = "", reference: str = "",
                          shopper_id: int | None = None) -> TraceEvent | None:
    """Capture what an operation implies, once (a repeat of the same operation is the same event)."""
    seller = Seller.objects.filter(pk=seller_id).first()
    traceable = _traceable(lines)
    if seller is None or not traceable:
        return None
    with transaction.atomic():
        gln = _site_gln(seller, location_gln, location_name)
        event = builders.object_event(_spec(kind, seller, traceable, _when(occurred_at), gln, str(reference)[:64]))
        try:
            stored = event_capture(actor=None, seller=seller, event=event, source=TraceEvent.Source.PLATFORM)
        except ApplicationError as exc:
            if exc.status == Conflict.status:
                return None  # told twice about the same operation
            raise
        sale_kind = KINDS[kind][3]
        if sale_kind:
            _sales_record(stored, sale_kind, traceable, str(reference)[:64], shopper_id, gln)
    return stored


def _sales_record(event: TraceEvent, kind: str, lines, reference: str, shopper_id: int | None,
                  gln: str | None) -> None:
    rows = {}
    for gtin, lot_code, serial, quantity, _uom in lines:
        if serial:
            lot_id = Serial.objects.filter(gtin=gtin, serial=serial).values_list("lot_id", flat=True).first()
        else:
            lot_id = Lot.objects.filter(gtin=gtin, code=lot_code).values_list("pk", flat=True).first()
        if lot_id is not None and lot_id not in rows:
            rows[lot_id] = LotSale(lot_id=lot_id, kind=kind, reference=reference or event.event_id[-16:],
                                   shopper_id=shopper_id, quantity=quantity, location_gln=gln or "", event=event,
                                   occurred_at=event.event_time)
    LotSale.objects.bulk_create(rows.values())
