"""``verify_trace``: re-hash every stored event and every chain record, and check the published anchors.

For each seller's chain in order: the record's digest recomputed from its fields, its link to the previous
record, the SHA-256 of the event's stored JSON against the record's body seal, the event's ID, seller and
record time against what the record commits to.  Then events outside any chain, a head that no longer
matches the last record (records removed from the end), and every anchor's Merkle root.  ``full`` also
re-derives every Event Hash ID from the event's content (CBV 2.0), which records written before the body
seal always get, since that is their only seal.  Rows are streamed with a server-side cursor as plain
tuples; on PostgreSQL, large chains are split by sequence number over processes.
"""

import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

import orjson
from django.db import connection, connections, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.sellers.models import Seller
from chushan.trace import rules
from chushan.trace.chain import GENESIS, anchor_digest, body_seal, record_digest
from chushan.trace.hashing.memo import PrehashMemo
from chushan.trace.models import ChainAnchor, ChainCheck, ChainHead, ChainRecord, TraceEvent

_sha256 = hashlib.sha256
CHUNK = 25_000  # records; small enough that the processes finish together
PARALLEL_FROM = 200_000  # records; below this, starting processes costs more than it saves


@dataclass(frozen=True, order=True)
class BrokenRecord:
    """The first record of a chain that no longer verifies, and why."""

    seller_id: int
    seq: int
    event_id: str
    reason: str
    seller_name: str = field(default="", compare=False)

    def __str__(self):
        return (_("seller %(seller)s (id %(id)d), record seq %(seq)s, event %(event)s: %(reason)s")
                % {"seller": self.seller_name, "id": self.seller_id, "seq": self.seq or "-",
                   "event": self.event_id or "-", "reason": self.reason})


@dataclass
class TraceVerification:
    sellers: int = 0
    records: int = 0
    anchors: int = 0
    seconds: float = 0.0
    broken: list[BrokenRecord] = field(default_factory=list)  # the first broken record of each bad chain
    checked: dict[int, int] = field(default_factory=dict)  # seller id -> records that verified

    @property
    def intact(self) -> bool:
        return not self.broken

    @property
    def first_broken(self) -> BrokenRecord | None:
        return min(self.broken) if self.broken else None


@dataclass
class _Chunk:
    seller_id: int
    first: int
    last: int
    expected_prev: str
    anchors: list[tuple[int, int, int]]  # (anchor id, first seq, last seq) overlapping this chunk
    full: bool = False  # also re-derive every Event Hash ID


@dataclass
class _ChunkResult:
    records: int
    broken: tuple[int, str, str] | None  # (seq, event id, reason)
    anchor_digests: dict[int, list[str]]


# The record time as it is hashed, or '' when it has digits below the millisecond, which no hashed time has.
_PG_ROWS = """
SELECT c.seq, c.prev_digest, c.event_hash_id,
       CASE WHEN date_trunc('milliseconds', c.record_time) = c.record_time
            THEN to_char(c.record_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ELSE '' END,
       c.digest, e.event_id, e.body, e.seller_id, e.record_time = c.record_time, c.body_seal
FROM trace_chainrecord c JOIN trace_traceevent e ON e.id = c.event_id
WHERE c.seller_id = %s AND c.seq BETWEEN %s AND %s ORDER BY c.seq
"""
_PAGE = 5000


def _rows(chunk: _Chunk):
    """(seq, prev digest, committed ID, record time as hashed or '', digest, event ID, body, event's seller,
    event's record time equal, body seal) in chain order, streamed."""
    if connection.vendor == "postgresql":
        # A named (server-side) cursor without the ORM: plain tuples, and the time already formatted.
        with transaction.atomic():
            connection.ensure_connection()
            # JIT-compiling this plan costs the server more than the index look-ups it would speed up.
            connection.connection.execute("SET LOCAL jit = off")
            with connection.connection.cursor(name=f"verify_{chunk.seller_id}_{chunk.first}") as cursor:
                cursor.execute(_PG_ROWS, [chunk.seller_id, chunk.first, chunk.last])
                # Page by page: iterating the cursor itself costs a Python call per row.
                while page := cursor.fetchmany(_PAGE):
                    yield from page
        return
    rows = (ChainRecord.objects.filter(seller_id=chunk.seller_id, seq__gte=chunk.first, seq__lte=chunk.last)
            .order_by("seq").values_list("seq", "prev_digest", "event_hash_id", "record_time", "digest",
                                         "event__event_id", "event__body", "event__seller_id", "event__record_time",
                                         "body_seal")
            .iterator(chunk_size=_PAGE))
    for row in rows:
        iso = rules.iso_ms(row[3]) if row[3].microsecond % 1000 == 0 else ""
        yield (*row[:3], iso, *row[4:8], row[8] == row[3], row[9])


def _loads(body: str, exact: bool) -> object:
    """The stored JSON, as capture read it.  orjson reads it over twice as fast as the json module, but turns
    integers beyond 64 bits into floats: harmless for the pre-hash, which writes numbers through float (and
    capture takes none where a time goes), but what a record commits to beyond the Event Hash ID is JSON text,
    so ``exact`` takes the json module."""
    if not exact:
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError:
            pass  # NaN, Infinity, lone surrogates, huge exponents: the json module reads them
    return json.loads(body)


def _check_event(body: str, event_id: str, committed: str, iso: str, memo: PrehashMemo,
                 sealed: bool = False) -> str | None:
    """Why the stored event's content no longer gives its IDs, or None.  A ``sealed`` record commits to the
    whole stored text, so what the Event Hash ID leaves out needs no check of its own here."""
    try:
        data = _loads(body, exact=committed != event_id)
    except ValueError:
        return _("the stored event is not valid JSON")
    if not isinstance(data, dict):
        return _("the stored event is not valid JSON")
    recomputed = "ni:///sha-256;" + _sha256(memo.prehash(data).encode()).hexdigest() + "?ver=CBV2.0"
    if recomputed != event_id:
        return _("the stored event's content no longer gives its Event Hash ID")
    if data.get("eventID") != event_id or data.get("recordTime") != iso:
        return _("the eventID or recordTime inside the stored event was changed")
    unhashed = committed != event_id or "errorDeclaration" in data or "rdfs:comment" in data or "comment" in data
    if not sealed and unhashed and committed != rules.committed_event_id(event_id, data):
        return _("the chain record commits to different event content (error declaration or comment changed)")
    return None


def _check_chunk(chunk: _Chunk) -> _ChunkResult:
    """Verify records first..last of one chain (the hot loop: keep it lean)."""
    prev, expected, count = chunk.expected_prev, chunk.first, 0
    in_anchor = {}
    for anchor_id, first, last in chunk.anchors:
        for seq in range(max(first, chunk.first), min(last, chunk.last) + 1):
            in_anchor[seq] = anchor_id
    digests: dict[int, list[str]] = {anchor_id: [] for anchor_id, _f, _l in chunk.anchors}
    seller_id, memo, full = chunk.seller_id, PrehashMemo(), chunk.full
    for seq, prev_digest, committed, iso, digest, event_id, body, event_seller, same_time, seal in _rows(chunk):
        if seq != expected:
            return _ChunkResult(count, (expected, "", _("the record is missing from the chain")), digests)
        reason = (_("the link to the previous record is broken") if prev_digest != prev
                  else _("the record's digest does not match its contents")
                  if not iso or record_digest(prev_digest, committed, seq, iso, seal) != digest
                  else _("the event belongs to another seller") if event_seller != seller_id
                  else _("the event's record time was changed") if not same_time
                  else _event_problem(body, event_id, committed, iso, seal, memo, full=full))
        if reason:
            return _ChunkResult(count, (seq, event_id, reason), digests)
        anchor_id = in_anchor.get(seq)
        if anchor_id is not None:
            digests[anchor_id].append(digest)
        prev, expected, count = digest, expected + 1, count + 1
    if expected != chunk.last + 1:
        return _ChunkResult(count, (expected, "", _("the record is missing from the chain")), digests)
    return _ChunkResult(count, None, digests)


def _event_problem(body: str, event_id: str, committed: str, iso: str, seal: str, memo: PrehashMemo, *,
                   full: bool) -> str | None:
    """Why the stored event is no longer the one its record commits to, or None.  A sealed record's event is
    checked by its stored text (eventID and recordTime inside it included) and its ID column; ``full``, and
    every record from before the seal, also re-derive the Event Hash ID from the content."""
    if seal and body_seal(body) != seal:
        return _("the stored event was changed after it was recorded")
    if seal and event_id != committed:
        return _("the event's ID was changed")
    if full or not seal:
        return _check_event(body, event_id, committed, iso, memo, sealed=bool(seal))
    return None


def _chunks(seller_id: int, last: int, anchors: list[tuple[int, int, int]], size: int,
            full: bool) -> list[_Chunk]:
    chunks = []
    for first in range(1, last + 1, size):
        end = min(first + size - 1, last)
        prev = GENESIS if first == 1 else (ChainRecord.objects.filter(seller_id=seller_id, seq=first - 1)
                                           .values_list("digest", flat=True).first() or "")
        overlapping = [a for a in anchors if a[1] <= end and a[2] >= first]
        chunks.append(_Chunk(seller_id, first, end, prev, overlapping, full))
    return chunks


def _run(chunks: list[_Chunk], workers: int) -> list[_ChunkResult]:
    total = sum(c.last - c.first + 1 for c in chunks)
    parallel = (workers > 1 and len(chunks) > 1 and total >= PARALLEL_FROM and connection.vendor == "postgresql"
                and not connection.in_atomic_block)
    if not parallel:
        return [_check_chunk(c) for c in chunks]
    connections.close_all()  # each process opens its own connection; none may share the parent's socket
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        return list(pool.map(_check_chunk, chunks))


def _seller_problems(seller_id: int, last_record: int, results: list[_ChunkResult],
                     anchors: dict[int, tuple[int, int, str]], head: ChainHead | None) -> list[tuple[int, str, str]]:
    problems = [r.broken for r in results if r.broken]
    collected: dict[int, list[str]] = {}
    for result in results:
        for anchor_id, digests in result.anchor_digests.items():
            collected.setdefault(anchor_id, []).extend(digests)
    first_bad = min((seq for seq, _e, _r in problems), default=None)
    for anchor_id, (first_seq, last_seq, root) in anchors.items():
        if first_bad is not None and last_seq >= first_bad:
            continue  # the walk stopped at the broken record, so this day's root cannot be recomputed
        if anchor_digest(collected.get(anchor_id, [])) != root:
            problems.append((first_seq, "", _("the published anchor of that day no longer matches the chain")))
    if head is not None and head.seq < last_record:
        problems.append((head.seq + 1, "", _("the record was added after the chain head, outside the platform")))
    elif head is not None and head.seq and head.seq == last_record and head.digest != _last_digest(seller_id,
                                                                                                    head.seq):
        problems.append((head.seq, "", _("the chain head no longer matches the last record")))
    return problems


def _last_digest(seller_id: int, seq: int) -> str:
    return ChainRecord.objects.filter(seller_id=seller_id, seq=seq).values_list("digest", flat=True).first() or ""


def verify_trace(*, seller_id: int | None = None, workers: int | None = None, chunk_size: int = CHUNK,
                 full: bool = False) -> TraceVerification:
    """Re-hash every record and stored event (and, when ``full``, re-derive every Event Hash ID too);
    ``broken`` holds the first broken record of each chain that fails."""
    started = time.perf_counter()
    report = TraceVerification()
    sellers = dict(Seller.objects.filter(pk__in=ChainHead.objects.values("seller_id")).values_list("pk", "name"))
    sellers.update(Seller.objects.filter(pk__in=ChainRecord.objects.values("seller_id")).values_list("pk", "name"))
    if seller_id is not None:
        sellers = {k: v for k, v in sellers.items() if k == seller_id}
    heads = {h.seller_id: h for h in ChainHead.objects.filter(seller_id__in=sellers)}
    plan: dict[int, tuple[int, list[_Chunk], dict]] = {}
    for sid in sorted(sellers):
        last_record = ChainRecord.objects.filter(seller_id=sid).order_by("-seq").values_list("seq", flat=True).first()
        last = max(last_record or 0, heads[sid].seq if sid in heads else 0)
        anchor_rows = list(ChainAnchor.objects.filter(seller_id=sid).values_list("pk", "first_seq", "last_seq",
                                                                                 "root"))
        plan[sid] = (last_record or 0, _chunks(sid, last, [a[:3] for a in anchor_rows], chunk_size, full),
                     {pk: (first, last, root) for pk, first, last, root in anchor_rows})
        report.anchors += len(anchor_rows)
    all_chunks = [c for _last, chunks, _anchors in plan.values() for c in chunks]
    results = _run(all_chunks, workers or os.cpu_count() or 1)
    by_chunk = {id(c): r for c, r in zip(all_chunks, results, strict=True)}
    for sid, (last_record, chunks, anchors) in plan.items():
        seller_results = [by_chunk[id(c)] for c in chunks]
        report.checked[sid] = sum(r.records for r in seller_results)
        report.records += report.checked[sid]
        problems = _seller_problems(sid, last_record, seller_results, anchors, heads.get(sid))
        if problems:
            # On the same record, what the walk found (it names the event) explains more than a head or anchor.
            seq, event_id, reason = min(problems, key=lambda p: (p[0], p[1] == "", p[2]))
            report.broken.append(BrokenRecord(sid, seq, event_id or _event_at(sid, seq), reason, sellers[sid]))
    # An event outside every chain matters most when the chains themselves verify: it was slipped in.
    chained_broken = {b.seller_id for b in report.broken}
    report.broken.extend(b for b in _unchained(seller_id, sellers, report.checked)
                         if b.seller_id not in chained_broken)
    report.sellers = len(sellers)
    report.seconds = time.perf_counter() - started
    return report


def chain_checks_record(*, report: TraceVerification) -> list[ChainCheck]:
    """Keep the outcome of a verification per seller, for the public anchors page (the last one wins).

    Run ``verify_trace`` with translations off (as commands and the task do) so that reasons are stored in
    English and translated when shown.
    """
    now = timezone.now()
    broken = {b.seller_id: b for b in sorted(report.broken, reverse=True)}  # the lowest seq of each seller wins
    checks = []
    with transaction.atomic():
        for seller_id in sorted(set(report.checked) | set(broken)):
            first = broken.get(seller_id)
            check, _created = ChainCheck.objects.update_or_create(seller_id=seller_id, defaults={
                "checked_at": now, "records": report.checked.get(seller_id, 0), "intact": first is None,
                "broken_seq": (first.seq or None) if first else None,
                "broken_event_id": first.event_id[:200] if first else "",
                "reason": first.reason[:200] if first else ""})
            checks.append(check)
    return checks


def _event_at(seller_id: int, seq: int) -> str:
    return ChainRecord.objects.filter(seller_id=seller_id, seq=seq).values_list("event__event_id",
                                                                                 flat=True).first() or ""


def _unchained(seller_id: int | None, names: dict[int, str], checked: dict[int, int]) -> list[BrokenRecord]:
    """Events stored without a chain record: written behind the platform's back.  A seller with as many events
    as records that verified has none (each verified record is one of its events, and no two share one), so
    only the others are searched, which saves joining every event to its record."""
    counts = TraceEvent.objects.order_by().values("seller_id").annotate(n=Count("pk")).values_list("seller_id", "n")
    if seller_id is not None:
        counts = counts.filter(seller_id=seller_id)
    suspects = [sid for sid, n in counts if n != checked.get(sid, 0)]
    if not suspects:
        return []
    found = {}
    for sid, event_id in (TraceEvent.objects.filter(chain_record__isnull=True, seller_id__in=suspects)
                          .order_by("pk").values_list("seller_id", "event_id")):
        found.setdefault(sid, event_id)
    return [BrokenRecord(sid, 0, event_id, _("the event is not in its seller's chain"),
                         names.get(sid) or Seller.objects.filter(pk=sid).values_list("name", flat=True).first() or "")
            for sid, event_id in found.items()]


@dataclass
class EventsIntegrity:
    """Verification of a few events (a lot's story): each event re-hashed and its chain record re-linked."""

    checked: int = 0
    broken: BrokenRecord | None = None

    @property
    def intact(self) -> bool:
        return self.broken is None


def events_verify(events: list[TraceEvent]) -> EventsIntegrity:
    """Re-hash these events and check their chain records (digest, and link to the record before each)."""
    result = EventsIntegrity(checked=len(events))
    records = {r.event_id: r for r in ChainRecord.objects.filter(event__in=events).select_related("seller")}
    wanted = {(r.seller_id, r.seq - 1) for r in records.values() if r.seq > 1}
    before = {(sid, seq): digest for sid, seq, digest in ChainRecord.objects.filter(
        seller_id__in={s for s, _ in wanted}, seq__in={q for _, q in wanted}).values_list("seller_id", "seq", "digest")}
    problems, memo = [], PrehashMemo()
    for event in events:
        record = records.get(event.pk)
        if record is None:
            problems.append(BrokenRecord(event.seller_id, 0, event.event_id,
                                         _("the event is not in its seller's chain")))
            continue
        iso = rules.iso_ms(record.record_time)
        expected_prev = GENESIS if record.seq == 1 else before.get((record.seller_id, record.seq - 1))
        committed, seal = record.event_hash_id, record.body_seal
        reason = (_("the link to the previous record is broken") if record.prev_digest != expected_prev
                  else _("the record's digest does not match its contents")
                  if record.digest != record_digest(record.prev_digest, committed, record.seq, iso, seal)
                  else _event_problem(event.body, event.event_id, committed, iso, seal, memo, full=True))
        if reason:
            problems.append(BrokenRecord(record.seller_id, record.seq, event.event_id, reason, record.seller.name))
    result.broken = min(problems) if problems else None
    return result

