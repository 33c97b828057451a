"""The EPCIS events the platform's own operations imply (stock received, orders shipped or picked up, shop
sales), captured into the selling seller's chain, and the private record of which shopper got which lot.

Shipments, pick-ups and counter sales name a GTIN but not a lot: the units are attributed to the lots received
at that location, oldest receipt first (先进先出), through the seller's LotBalance rows. Units no received lot
accounts for are left out, as are lines naming no GTIN.

Transfers between two locations are attributed the same way at the source; the units then leave the source's
balances (counted with what was attributed there) and join the same lots' balances at the destination, which keep
the lots' original first receipt. Returned units go back to the lots their sale took, at the restocking location.
A balance's ``received`` counts every unit that came in (receipts, transfers in, returns), ``attributed`` every
unit that went out (sales, transfers out).
"""

import json
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from chushan.core.errors import ApplicationError, Conflict
from chushan.sellers.models import Seller
from chushan.trace import builders, gs1, locks, rules
from chushan.trace.gs1 import InvalidIdentifier
from chushan.trace.models import EventEpc, Lot, LotBalance, LotSale, Serial, Site, TraceEvent
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


@dataclass(frozen=True)
class Line:
    """One traceable line: a lot (or a serial) of a GTIN-14, with its quantity and unit."""

    gtin: str
    lot: str | None
    serial: str | None
    quantity: Decimal | None
    uom: str


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
    return number if number.is_finite() and number > 0 else None


def _parsed(lines: Sequence[Mapping]) -> tuple[list[Line], list[Line]]:
    """(lines naming a lot or a serial, lines naming only a GTIN with a quantity); invalid lines are skipped."""
    named, bare = [], []
    for line in lines:
        try:
            gtin = gs1.validate_gtin(str(line.get("gtin") or ""))
            lot = gs1.validate_lot(str(line["lot"])) if line.get("lot") else None
            serial = gs1.validate_serial(str(line["serial"])) if line.get("serial") else None
        except InvalidIdentifier as exc:
            log.warning("trace: line %r skipped: %s", dict(line), exc)
            continue
        parsed = Line(gtin, lot, serial, _quantity(line.get("quantity")), str(line.get("uom") or "EA"))
        if lot or serial:
            named.append(parsed)
        elif parsed.quantity is not None:
            bare.append(parsed)
    return named, bare


def fifo_split(rests: Sequence[tuple[object, Decimal]], quantity: Decimal) -> list[tuple[object, Decimal]]:
    """Take ``quantity`` from ``rests`` ((key, units left), oldest first), oldest first: (key, units taken) for
    each one drawn on. Less than ``quantity`` in all when the rests do not cover it."""
    taken = []
    for key, rest in rests:
        if quantity <= 0:
            break
        if rest > 0:
            take = min(rest, quantity)
            taken.append((key, take))
            quantity -= take
    return taken


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


def _spec(kind: str, seller: Seller, lines: Sequence[Line], when: datetime, gln: str | None,
          reference: str) -> builders.EventSpec:
    biz_step, disposition, transaction_type, _sale = KINDS[kind]
    link = builders.place(gln) if gln else None
    scheme = "sale" if kind == "sold" else "stock-receipt" if kind == "received" else "order"
    return builders.EventSpec(
        when=when, biz_step=biz_step, disposition=disposition, read_point=link, biz_location=link,
        epcs=[gs1.digital_link(x.gtin, lot=x.lot, serial=x.serial) for x in lines if x.serial],
        quantities=[builders.Quantity(builders.lot_class(x.gtin, x.lot), x.quantity, x.uom if x.quantity else None)
                    for x in lines if x.lot and not x.serial],
        transactions=[(transaction_type, f"urn:chushan:{scheme}:{reference}")] if reference else [],
        extensions={"creditCode": seller.credit_code})


def platform_event_record(*, kind: str, seller_id: int, lines: Sequence[Mapping], occurred_at=None,
                          location_gln: str | None = None, location_name: str = "", reference: str = "",
                          shopper_id: int | None = None) -> TraceEvent | None:
    """Capture what an operation implies, once (a repeat of the same operation is the same event)."""
    seller = Seller.objects.filter(pk=seller_id).first()
    named, bare = _parsed(lines)
    sale_kind = KINDS[kind][3]
    if seller is None or not (named or (bare and sale_kind)):
        return None
    reference = str(reference)[:64]
    with transaction.atomic():
        # The chain-head lock, which the capture takes anyway, taken first: one seller's platform events (and so
        # its lot balances) are recorded one at a time, and the balances read below cannot change meanwhile.
        locks.chain_head_for_update(seller.pk)
        gln = _site_gln(seller, location_gln, location_name)
        if sale_kind and reference and _told_before(seller, sale_kind, reference, gln):
            return None
        traced = _merged([*named, *(_attributed(seller, gln, bare) if sale_kind and gln else [])])
        if not traced:
            return None
        event = builders.object_event(_spec(kind, seller, traced, _when(occurred_at), gln, reference))
        try:
            stored = event_capture(actor=None, seller=seller, event=event, source=TraceEvent.Source.PLATFORM)
        except ApplicationError as exc:
            if exc.status == Conflict.status:
                return None  # told twice about the same operation
            raise
        if gln and sale_kind:
            _balances_take(seller, gln, traced)
        elif gln:
            _balances_receive(seller, gln, traced, stored.event_time)
        if sale_kind:
            _sales_record(stored, sale_kind, traced, reference, shopper_id, gln)
    return stored


def _told_before(seller: Seller, kind: str, reference: str, gln: str | None) -> bool:
    """This operation (an order's pick-up, a sale) was recorded already: attributing it again would take other
    units and so make another event."""
    return LotSale.objects.filter(event__seller=seller, kind=kind, reference=reference,
                                  location_gln=gln or "").exists()


def _merged(lines: Sequence[Line]) -> list[Line]:
    """One line per lot (or serial) and unit, quantities added, in first-seen order."""
    merged: dict[tuple, Line] = {}
    for line in lines:
        key = (line.gtin, line.lot, line.serial, line.uom)
        earlier = merged.get(key)
        if earlier is not None:
            total = None if earlier.quantity is None or line.quantity is None else earlier.quantity + line.quantity
            line = replace(earlier, quantity=total)
        merged[key] = line
    return list(merged.values())


def _attributed(seller: Seller, gln: str, bare: Sequence[Line]) -> list[Line]:
    """Lot lines for GTIN-only lines: the units received at ``gln`` and not yet attributed, oldest first."""
    open_rows = list(LotBalance.objects.filter(seller=seller, location_gln=gln, lot__gtin__in={x.gtin for x in bare},
                                               attributed__lt=F("received"))
                     .select_related("lot").order_by("first_received_at", "pk"))
    rests = {row.pk: row.rest for row in open_rows}
    lines = []
    for line in bare:
        mine = [(row, rests[row.pk]) for row in open_rows if row.lot.gtin == line.gtin and row.uom == line.uom]
        for row, take in fifo_split(mine, line.quantity):
            rests[row.pk] -= take
            lines.append(Line(line.gtin, row.lot.code, None, take, line.uom))
    return lines


def _lot_ids(seller: Seller, lines: Sequence[Line]) -> dict[tuple[str, str], int]:
    pairs = {(x.gtin, x.lot) for x in lines if x.lot}
    rows = Lot.objects.filter(seller=seller, gtin__in={g for g, _ in pairs}, code__in={c for _, c in pairs})
    return {(gtin, code): pk for gtin, code, pk in rows.values_list("gtin", "code", "pk") if (gtin, code) in pairs}


def _balances_receive(seller: Seller, gln: str, lines: Sequence[Line], when: datetime) -> None:
    """Units of each lot received at ``gln`` become available for attribution."""
    lot_ids = _lot_ids(seller, lines)
    for line in lines:
        lot_id = lot_ids.get((line.gtin, line.lot))
        if line.serial or line.quantity is None or lot_id is None:
            continue
        row, created = LotBalance.objects.get_or_create(
            lot_id=lot_id, location_gln=gln, uom=line.uom,
            defaults={"seller": seller, "received": line.quantity, "first_received_at": when})
        if not created:
            LotBalance.objects.filter(pk=row.pk).update(received=F("received") + line.quantity)


def _balances_take(seller: Seller, gln: str, lines: Sequence[Line]) -> None:
    """Units sold at ``gln`` leave their lot's balance there (a lot named outright takes what is left of it)."""
    lot_ids = _lot_ids(seller, lines)
    wanted = {(lot_ids[(x.gtin, x.lot)], x.uom): x.quantity for x in lines
              if not x.serial and x.quantity is not None and (x.gtin, x.lot) in lot_ids}
    rows = LotBalance.objects.filter(lot_id__in={lot for lot, _ in wanted}, location_gln=gln)
    for row in rows:
        take = min(wanted.get((row.lot_id, row.uom), Decimal(0)), row.rest)
        if take > 0:
            LotBalance.objects.filter(pk=row.pk).update(attributed=F("attributed") + take)


def _sales_record(event: TraceEvent, kind: str, lines: Sequence[Line], reference: str, shopper_id: int | None,
                  gln: str | None) -> None:
    """One LotSale per lot the event handed over, with the units of that lot (the recall's list of shoppers)."""
    rows: dict[int, LotSale] = {}
    for line in lines:
        if line.serial:
            lot_id = Serial.objects.filter(gtin=line.gtin, serial=line.serial).values_list("lot_id", flat=True).first()
        else:
            lot_id = Lot.objects.filter(gtin=line.gtin, code=line.lot).values_list("pk", flat=True).first()
        if lot_id is None:
            continue
        if lot_id in rows:
            earlier = rows[lot_id].quantity
            rows[lot_id].quantity = None if earlier is None or line.quantity is None else earlier + line.quantity
            continue
        rows[lot_id] = LotSale(lot_id=lot_id, kind=kind, reference=reference or event.event_id[-16:],
                               shopper_id=shopper_id, quantity=line.quantity, location_gln=gln or "", event=event,
                               occurred_at=event.event_time)
    LotSale.objects.bulk_create(rows.values())


# Transfers between two locations ---------------------------------------------------------------------------


def platform_transfer_record(*, seller_id: int, lines: Sequence[Mapping], occurred_at=None,
                             from_gln: str | None = None, from_name: str = "", to_gln: str | None = None,
                             to_name: str = "", reference: str = "") -> list[TraceEvent]:
    """Goods moved from one of the seller's locations to another, in one step: the units are attributed to the
    lots at the source, oldest receipt first, and captured as shipped from there and received at the destination
    (one ObjectEvent each); their balances move along. Units no lot at the source accounts for are left out."""
    seller = Seller.objects.filter(pk=seller_id).first()
    named, bare = _parsed(lines)
    if seller is None or not (named or bare):
        return []
    reference, when = str(reference)[:64], _when(occurred_at)
    deal = ("desadv", f"urn:chushan:transfer:{reference}") if reference else None
    with transaction.atomic():
        locks.chain_head_for_update(seller.pk)  # as for sales: one operation of the seller at a time
        source = _site_gln(seller, from_gln, from_name)
        target = _site_gln(seller, to_gln, to_name)
        if source is None or source == target or (deal and _recorded_before(seller, deal[1], when)):
            return []
        moved = _merged([*named, *_attributed(seller, source, bare)])
        if not moved:
            return []
        stored = []
        for spec in _transfer_specs(seller, moved, when, source=(source, from_name),
                                    target=(target or _valid_gln(to_gln), to_name), receiving=target is not None,
                                    deal=deal):
            event = _captured(seller, spec)
            if event is None:
                return []  # the same move, told before without a reference
            stored.append(event)
        _balances_move(seller, source, target, moved, when)
    return stored


def _valid_gln(gln: str | None) -> str | None:
    try:
        return gs1.validate_gln(str(gln)) if gln else None
    except InvalidIdentifier:
        return None


def _transfer_specs(seller: Seller, lines: Sequence[Line], when: datetime, *, source: tuple[str, str],
                    target: tuple[str | None, str], receiving: bool,
                    deal: tuple[str, str] | None) -> list[builders.EventSpec]:
    """Shipping at the source, whose goods are in transit (no business location), and, when the destination is
    one of the seller's sites, receiving there. CBV 2.0's shipping and receiving, not its finer departing and
    arriving: an ObjectEvent has one business location, and the platform's other events use these two."""
    (from_gln, from_name), (to_gln, to_name) = source, target
    common = {
        "when": when,
        "epcs": [gs1.digital_link(x.gtin, lot=x.lot, serial=x.serial) for x in lines if x.serial],
        "quantities": [builders.Quantity(builders.lot_class(x.gtin, x.lot), x.quantity,
                                         x.uom if x.quantity else None) for x in lines if x.lot and not x.serial],
        "transactions": [deal] if deal else [],
        "sources": [("location", builders.place(from_gln))],
        "destinations": [("location", builders.place(to_gln))] if to_gln else [],
    }
    specs = [builders.EventSpec(biz_step="shipping", disposition="in_transit", read_point=builders.place(from_gln),
                                extensions={"creditCode": seller.credit_code, "destinationName": to_name},
                                **common)]
    if receiving:
        here = builders.place(to_gln)
        specs.append(builders.EventSpec(biz_step="receiving", disposition="in_progress", read_point=here,
                                        biz_location=here,
                                        extensions={"creditCode": seller.credit_code, "sourceName": from_name},
                                        **common))
    return specs


def _captured(seller: Seller, spec: builders.EventSpec) -> TraceEvent | None:
    """The event captured into the seller's chain; None when the very same event was captured before."""
    try:
        return event_capture(actor=None, seller=seller, event=builders.object_event(spec),
                             source=TraceEvent.Source.PLATFORM)
    except ApplicationError as exc:
        if exc.status == Conflict.status:
            return None
        raise


def _recorded_before(seller: Seller, transaction_uri: str, when: datetime) -> bool:
    """The platform recorded an event of this business transaction at this time (to the millisecond, as
    eventTime keeps it): the operation was told before, and attributing it again would take other units."""
    start = when.replace(microsecond=when.microsecond - when.microsecond % 1000)
    return TraceEvent.objects.filter(seller=seller, source=TraceEvent.Source.PLATFORM, event_time__gte=start,
                                     event_time__lt=start + timedelta(milliseconds=1),
                                     body__contains=json.dumps(transaction_uri)).exists()


def _balances_move(seller: Seller, source: str, target: str | None, lines: Sequence[Line], when: datetime) -> None:
    """Moved units leave their lot's balance at ``source`` and join it at ``target`` (if it is a site), keeping
    the lot's first receipt there so that FIFO at the destination goes by original receipt."""
    lot_ids = _lot_ids(seller, lines)
    moving: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for line in lines:
        if not line.serial and line.quantity is not None and (line.gtin, line.lot) in lot_ids:
            moving[(lot_ids[(line.gtin, line.lot)], line.uom)] += line.quantity
    rows = {(row.lot_id, row.uom): row for row in
            LotBalance.objects.filter(lot_id__in={lot for lot, _uom in moving}, location_gln=source)}
    for (lot_id, uom), quantity in moving.items():
        row = rows.get((lot_id, uom))
        take = min(quantity, row.rest) if row is not None else Decimal(0)
        if take > 0:
            LotBalance.objects.filter(pk=row.pk).update(attributed=F("attributed") + take)
        if target:
            _balance_add(seller, lot_id, target, uom, quantity, row.first_received_at if row is not None else when)


def _balance_add(seller: Seller, lot_id: int, gln: str, uom: str, quantity: Decimal, since: datetime) -> None:
    """``quantity`` units of the lot come in at ``gln``; the balance there keeps the earliest first receipt."""
    row, created = LotBalance.objects.get_or_create(
        lot_id=lot_id, location_gln=gln, uom=uom,
        defaults={"seller": seller, "received": quantity, "first_received_at": since})
    if not created:
        # Read under the seller's chain-head lock, so the earlier first receipt cannot change meanwhile.
        LotBalance.objects.filter(pk=row.pk).update(received=F("received") + quantity,
                                                    first_received_at=min(row.first_received_at, since))


# Returns -----------------------------------------------------------------------------------------------------


def platform_return_record(*, seller_id: int, lines: Sequence[Mapping], occurred_at=None,
                           location_gln: str | None = None, location_name: str = "", reference: str = "",
                           sold_ref: str = "") -> TraceEvent | None:
    """Returned units back on the shelf at a location: given back to the lots the sale ``sold_ref`` took (each
    at most what it took less what earlier returns gave back, oldest lot first), captured as received there.
    Units of a sale no lot was attributed to are left out."""
    seller = Seller.objects.filter(pk=seller_id).first()
    _named, bare = _parsed(lines)
    sold_ref = str(sold_ref)[:64]
    reference = str(reference)[:64]
    if seller is None or not bare or not sold_ref or not reference or not _sales_of(seller, sold_ref, bare).exists():
        return None  # most returns: a sale no lot was attributed to, or an order cancelled before it left
    when = _when(occurred_at)
    deal = ("rma", f"urn:chushan:stock-return:{reference}")
    with transaction.atomic():
        locks.chain_head_for_update(seller.pk)
        gln = _site_gln(seller, location_gln, location_name)
        if gln is None or _recorded_before(seller, deal[1], when):
            return None
        sales = list(_sales_of(seller, sold_ref, bare).select_related("lot").order_by("occurred_at", "pk"))
        kind = sales[0].kind
        sale_deal = (KINDS[kind][2], f"urn:chushan:{'sale' if kind == LotSale.Kind.SOLD else 'order'}:{sold_ref}")
        given = _merged(_returned_lots(bare, sales, _given_back(seller, sale_deal[1], sales)))
        if not given:
            return None
        link = builders.place(gln)
        stored = _captured(seller, builders.EventSpec(
            when=when, biz_step="receiving", disposition="in_progress", read_point=link, biz_location=link,
            quantities=[builders.Quantity(builders.lot_class(x.gtin, x.lot), x.quantity, x.uom) for x in given],
            transactions=[deal, sale_deal], extensions={"creditCode": seller.credit_code}))
        if stored is None:
            return None
        lot_ids = _lot_ids(seller, given)
        for line in given:
            lot_id = lot_ids[(line.gtin, line.lot)]
            since = LotBalance.objects.filter(lot_id=lot_id).aggregate(first=Min("first_received_at"))["first"]
            _balance_add(seller, lot_id, gln, line.uom, line.quantity, since or stored.event_time)
    return stored


def _sales_of(seller: Seller, sold_ref: str, bare: Sequence[Line]):
    return LotSale.objects.filter(event__seller=seller, reference=sold_ref, lot__gtin__in={x.gtin for x in bare},
                                  quantity__isnull=False)


def _given_back(seller: Seller, sale_uri: str, sales: Sequence[LotSale]) -> dict[str, Decimal]:
    """Units of each lot (by EPC class) that earlier returns of this sale gave back already: the quantities of
    the platform's return events naming the sale's lots and the sale itself."""
    classes = {builders.lot_class(sale.lot.gtin, sale.lot.code) for sale in sales}
    earlier = TraceEvent.objects.filter(
        seller=seller, source=TraceEvent.Source.PLATFORM, biz_step=rules.biz_step_uri("receiving"),
        pk__in=EventEpc.objects.filter(lot__in={sale.lot_id for sale in sales}, role=EventEpc.Role.CLASS)
        .values("event_id"), body__contains=json.dumps(sale_uri))
    back: dict[str, Decimal] = defaultdict(Decimal)
    for body in earlier.filter(body__contains='"urn:chushan:stock-return:').values_list("body", flat=True):
        data = json.loads(body)
        if sale_uri not in {entry.get("bizTransaction") for entry in data.get("bizTransactionList") or ()}:
            continue
        for element in data.get("quantityList") or ():
            if element.get("epcClass") in classes and "quantity" in element:
                back[element["epcClass"]] += Decimal(str(element["quantity"]))
    return back


def _returned_lots(bare: Sequence[Line], sales: Sequence[LotSale], back: Mapping[str, Decimal]) -> list[Line]:
    """Lot lines for the returned units: each lot of the sale takes back at most what it gave, oldest first."""
    open_: dict[str, tuple[Lot, Decimal]] = {}
    for sale in sales:
        epc_class = builders.lot_class(sale.lot.gtin, sale.lot.code)
        lot, sold = open_.get(epc_class, (sale.lot, Decimal(0)))
        open_[epc_class] = (lot, sold + sale.quantity)
    rests = {epc_class: sold - back.get(epc_class, Decimal(0)) for epc_class, (_lot, sold) in open_.items()}
    lines = []
    for line in bare:
        mine = [(epc_class, rests[epc_class]) for epc_class, (lot, _sold) in open_.items() if lot.gtin == line.gtin]
        for epc_class, take in fifo_split(mine, line.quantity):
            rests[epc_class] -= take
            lines.append(Line(line.gtin, open_[epc_class][0].code, None, take, line.uom))
    return lines
