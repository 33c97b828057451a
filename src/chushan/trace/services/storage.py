"""The one write of every capture: events, their identifier index and their chain records, in one transaction
under the seller's chain-head lock, so the chain order is the commit order and a failure leaves nothing."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from chushan.catalog.models import Sku
from chushan.sellers.models import Seller
from chushan.trace import locks, rules, selectors
from chushan.trace.chain import body_seal, record_digest
from chushan.trace.models import CaptureJob, ChainHead, ChainRecord, EventEpc, Lot, Serial, TraceEvent
from chushan.trace.validation import EPCIS_CONTEXTS


@dataclass
class CaptureBatch:
    seller: Seller
    actor: object
    source: str
    behaviour: str
    total: int
    context: object
    events: list[tuple[Mapping, str, list, list]]  # (event, event id, keys, places)
    errors: list[dict] = field(default_factory=list)
    keep_job: bool = True
    owners: selectors.Owners | None = None


@dataclass
class CaptureResult:
    job: CaptureJob | None
    stored: list[TraceEvent]


def record_time_now() -> datetime:
    """The server's record time: now, to the millisecond (the precision it is hashed with)."""
    return rules.truncate_ms(timezone.now())


def events_store(batch: CaptureBatch) -> CaptureResult:
    """Append the batch's events to the seller's chain; registers the seller's new lots and serials on the way."""
    with transaction.atomic():
        head = locks.chain_head_for_update(batch.seller.pk)
        now = record_time_now()
        job = _job(batch, now) if batch.keep_job else None
        lot_ids = _lots_registered(batch)
        serial_lots = _serials_registered(batch, lot_ids)
        rows = [_event_row(batch, event, event_id, now, job) for event, event_id, _k, _p in batch.events]
        _insert(TraceEvent, rows)
        _insert_values(EventEpc, EPC_COLUMNS, _index_rows(batch, rows, lot_ids, serial_lots))
        records = _chain(batch.seller.pk, head, rows, now)
        _insert_values(ChainRecord, RECORD_COLUMNS, records)
        if records:
            ChainHead.objects.filter(pk=head.pk).update(seq=records[-1][1], digest=records[-1][6])
    return CaptureResult(job=job, stored=rows)


COPY_FROM = 100  # rows; below this, the ORM's INSERT is as quick
# Columns written for the two row kinds built as plain tuples (no model instance needed for them).
EPC_COLUMNS = ("event_id", "role", "epc", "lot_id")
RECORD_COLUMNS = ("seller_id", "seq", "prev_digest", "event_id", "event_hash_id", "record_time", "digest",
                  "body_seal")


def _copy(table: str, columns: Sequence[str], rows) -> None:
    """COPY plain values (str, int, bool, aware datetime, UUID, None: psycopg adapts them) into a table."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _insert(model, objs: list) -> None:
    """Insert new model rows with their primary keys set, like bulk_create: COPY on PostgreSQL for a big capture
    (the ORM's bulk insert spends most of a 10,000-event capture escaping arrays)."""
    if connection.vendor != "postgresql" or len(objs) < COPY_FROM:
        model.objects.bulk_create(objs, batch_size=1000)
        return
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, len(objs)])
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
    # Our trace models hold only values psycopg adapts as they are (no JSON or custom fields).
    attnames = [f.attname for f in meta.concrete_fields]
    _copy(meta.db_table, [f.column for f in meta.concrete_fields],
          ([getattr(obj, name) for name in attnames] for obj in objs))
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias


def _insert_values(model, columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert rows given as tuples of ``columns`` (attribute names equal column names here)."""
    if connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
        _copy(model._meta.db_table, columns, rows)
    else:
        model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=1000)


def _job(batch: CaptureBatch, now: datetime) -> CaptureJob:
    captured = len(batch.events)
    state = (CaptureJob.State.SUCCEEDED if captured == batch.total
             else CaptureJob.State.PARTIAL if captured else CaptureJob.State.FAILED)
    return CaptureJob.objects.create(seller=batch.seller, captured_by=batch.actor, state=state,
                                     behaviour=batch.behaviour, event_count=batch.total, captured_count=captured,
                                     errors=batch.errors, created_at=now, finished_at=now)


# Stored form ----------------------------------------------------------------------------------------------


def _context_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def stored_context(document_context, event_context) -> list | None:
    """The @context an event keeps when stored alone: needed when it uses prefixes the standard context lacks."""
    extra = [part for part in [*_context_list(document_context), *_context_list(event_context)]
             if not (isinstance(part, str) and EPCIS_CONTEXTS.fullmatch(part))]
    if not extra:
        return None
    unique = []
    for part in extra:
        if part not in unique:
            unique.append(part)
    return [rules.EPCIS_CONTEXT, *unique]


def stored_event(event: Mapping, event_id: str, context, record_time: datetime) -> dict:
    """The event as kept: its own fields, the context it needs, and the server's eventID and recordTime."""
    stored: dict = {}
    own_context = stored_context(context, event.get("@context"))
    if own_context:
        stored["@context"] = own_context
    stored.update((k, v) for k, v in event.items() if k not in ("@context", "eventID", "recordTime"))
    stored["eventID"] = event_id
    stored["recordTime"] = rules.iso_ms(record_time)
    return stored


def _column(event: Mapping, name: str) -> str:
    value = event.get(name)
    return value.get("id", "") if isinstance(value, Mapping) else ""


def _event_row(batch: CaptureBatch, event: Mapping, event_id: str, now: datetime, job) -> TraceEvent:
    stored = stored_event(event, event_id, batch.context, now)
    return TraceEvent(
        seller=batch.seller, event_id=event_id, declares_error="errorDeclaration" in event,
        event_type=event["type"], event_time=datetime.fromisoformat(event["eventTime"]),
        event_time_zone_offset=event["eventTimeZoneOffset"], record_time=now, action=event.get("action", ""),
        biz_step=rules.biz_step_uri(event["bizStep"]) if "bizStep" in event else "",
        disposition=rules.disposition_uri(event["disposition"]) if "disposition" in event else "",
        read_point=rules.canonical_id(_column(event, "readPoint")) if "readPoint" in event else "",
        biz_location=rules.canonical_id(_column(event, "bizLocation")) if "bizLocation" in event else "",
        body=json.dumps(stored, ensure_ascii=False, separators=(",", ":")), source=batch.source, capture_job=job)


def _chain(seller_id: int, head: ChainHead, rows: Sequence[TraceEvent], now: datetime) -> list[tuple]:
    """The new chain records (RECORD_COLUMNS tuples), each committing to the one before and to its event's
    stored text (the seal covers what the Event Hash ID leaves out: error declarations, comments)."""
    seq, prev, when = head.seq, head.digest, rules.iso_ms(now)
    records = []
    for row in rows:
        seq += 1
        seal = body_seal(row.body)
        digest = record_digest(prev, row.event_id, seq, when, seal)
        records.append((seller_id, seq, prev, row.pk, row.event_id, now, digest, seal))
        prev = digest
    return records


# Lots, serials and the identifier index --------------------------------------------------------------------


def _date_in(ilmd: Mapping, *names: str) -> date | None:
    for key, value in ilmd.items():
        if key.split(":")[-1] in names and isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
    return None


def lot_row(*, seller_id: int, gtin: str, code: str, ilmd: Mapping | None = None, **fields) -> Lot:
    """A new Lot (not saved) with its trace code, dates taken from ILMD when the fields do not give them."""
    ilmd = dict(ilmd or {})
    fields.setdefault("produced_on", _date_in(ilmd, "harvestStartDate", "productionDate", "producedOn"))
    fields.setdefault("expires_on", _date_in(ilmd, "itemExpirationDate", "bestBeforeDate", "expiresOn"))
    if fields["produced_on"] and fields["expires_on"] and fields["expires_on"] < fields["produced_on"]:
        fields["expires_on"] = None
    if "sku_id" not in fields and "sku" not in fields:
        fields["sku_id"] = Sku.objects.filter(gtin=gtin).values_list("pk", flat=True).first()
    return Lot(seller_id=seller_id, gtin=gtin, code=code, ilmd=ilmd, trace_code=rules.trace_code_new(), **fields)


def _lots_registered(batch: CaptureBatch) -> dict[tuple[str, str], int]:
    """(gtin, lot) -> lot id for every lot the batch names; the seller's unregistered lots are registered now."""
    ilmd_of: dict[tuple[str, str], Mapping] = {}
    for event, _id, keys, _places in batch.events:
        for role, _path, key in keys:
            if key.ai == "01" and key.lot:
                makes = role in ("output", "output_class") or event.get("action") == "ADD"
                if makes and isinstance(event.get("ilmd"), Mapping):
                    ilmd_of[(key.value, key.lot)] = event["ilmd"]
                ilmd_of.setdefault((key.value, key.lot), {})
    known = selectors.lots_by_key(set(ilmd_of))
    skus = batch.owners.skus if batch.owners else {}
    new = [lot_row(seller_id=batch.seller.pk, gtin=gtin, code=code, ilmd=ilmd,
                   sku_id=skus[gtin][1] if gtin in skus else None)
           for (gtin, code), ilmd in ilmd_of.items() if (gtin, code) not in known and _is_own(batch, gtin)]
    Lot.objects.bulk_create(new, batch_size=1000)
    return {**{pair: lot for pair, (_seller, lot) in known.items()}, **{(lot.gtin, lot.code): lot.pk for lot in new}}


def _is_own(batch: CaptureBatch, gtin: str) -> bool:
    # Only the GTIN's owner registers its lots and serials (an input lot of another seller is registered already).
    return batch.owners is not None and batch.owners.gtin_owner(gtin) == batch.seller.pk


def _serials_registered(batch: CaptureBatch, lot_ids: dict) -> dict[tuple[str, str], int | None]:
    wanted = {(key.value, key.serial): lot_ids.get((key.value, key.lot)) for _e, _i, keys, _p in batch.events
              for _role, _path, key in keys if key.ai == "01" and key.serial}
    if not wanted:
        return {}
    existing = {(g, s): lot for g, s, lot in Serial.objects.filter(
        gtin__in={g for g, _ in wanted}, serial__in={s for _, s in wanted}).values_list("gtin", "serial", "lot_id")
        if (g, s) in wanted}
    new = [Serial(seller_id=batch.seller.pk, gtin=g, serial=s, lot_id=lot) for (g, s), lot in wanted.items()
           if (g, s) not in existing and _is_own(batch, g)]
    Serial.objects.bulk_create(new, batch_size=1000)
    return {**existing, **{(s.gtin, s.serial): s.lot_id for s in new}}


def _index_rows(batch: CaptureBatch, rows: Sequence[TraceEvent], lot_ids: dict, serial_lots: dict) -> list[tuple]:
    """EPC_COLUMNS tuples: each identifier of each event, canonical, with the lot it denotes."""
    index = []
    for row, (_event, _id, keys, _places) in zip(rows, batch.events, strict=True):
        for role, _path, key in keys:
            lot = None
            if key.ai == "01":
                lot = serial_lots.get((key.value, key.serial)) if key.serial else lot_ids.get((key.value, key.lot))
            index.append((row.pk, role, key.canonical, lot))
    return index
