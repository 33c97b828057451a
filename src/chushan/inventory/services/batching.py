"""Holds on one hot stock row, combined: many shoppers per transaction, so many per disk flush.

A hot row's holds are serialised by its lock, and each commit waits for a flush, so one row sustains
about one hold per flush. Here concurrent online holds on the same row in one process queue up; the first
becomes the leader and serves everything queued with one statement (on PostgreSQL; a short transaction
elsewhere) while the others sleep until their result is ready; the next in line then leads. Per process
and per (SKU, location, channel): processes still take turns on the row lock, each bringing a batch.
"""

import threading
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from chushan.catalog.models import Product, Sku
from chushan.core.prepared import fetchone_prepared
from chushan.inventory import locks, rules
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Location, Reservation, Stock, StockMovement
from chushan.inventory.services._access import require_signed_in_or_platform
from chushan.inventory.services._checks import short_item
from chushan.inventory.services.reservations import (
    TABLES,
    _checked_args,
    held,
    reservations_expire,
    stock_reserve,
)
from chushan.sellers.models import Seller

MAX_BATCH = 256

# On PostgreSQL one statement serves a whole batch, in arrival order while stock lasts: it checks the row
# may be sold online and locks it, grants the longest prefix of requests that fits, raises the hold by their
# total, and writes one reservation and one ledger line each. Run outside a transaction it is its own, so
# the row lock lasts one statement and one flush however many shoppers the batch serves.
_BATCH_SQL = """
WITH req AS (
    SELECT r.quantity, r.reference, r.actor_id, r.expires_at, r.ord,
           sum(r.quantity) OVER (ORDER BY r.ord) AS running
    FROM unnest(%(quantities)s::integer[], %(references)s::varchar[], %(actor_ids)s::bigint[],
                %(expires)s::timestamptz[]) WITH ORDINALITY AS r(quantity, reference, actor_id, expires_at, ord)
), target AS (
    SELECT s.id, s.on_hand - s.reserved AS available, c.id AS channel_id
    FROM {stock} AS s, {location} AS l, {sku} AS k, {product} AS p, {seller} AS sl, {sells_on} AS lc,
         {channel} AS c
    WHERE s.sku_id = %(sku_id)s::bigint AND s.location_id = %(location_id)s::bigint
      AND l.id = s.location_id AND l.is_active
      AND k.id = s.sku_id AND k.is_active
      AND p.id = k.product_id AND p.status = %(published)s::varchar AND p.seller_id = l.seller_id
      AND sl.id = p.seller_id AND sl.status = %(admitted)s::varchar
      AND lc.location_id = l.id AND c.id = lc.saleschannel_id AND c.code = %(channel)s::varchar
      AND NOT c.is_counter
    FOR UPDATE OF s
), granted AS (
    SELECT req.*, target.id AS stock_id, target.channel_id FROM req, target WHERE req.running <= target.available
), raised AS (
    UPDATE {stock} SET reserved = reserved + (SELECT sum(quantity) FROM granted)
    WHERE id = (SELECT id FROM target) AND EXISTS (SELECT 1 FROM granted)
), hold AS (
    INSERT INTO {reservation} (stock_id, quantity, channel_id, reference, state, actor_id, created_at,
                               expires_at, closed_at)
    SELECT stock_id, quantity, channel_id, reference, 'held', actor_id, %(now)s::timestamptz, expires_at, NULL
    FROM granted ORDER BY ord
    RETURNING id, stock_id, quantity, channel_id, reference, actor_id
), lines AS (
    INSERT INTO {movement} (stock_id, kind, on_hand_delta, reserved_delta, channel_id, reservation_id,
                            transfer_id, count_id, reference, reason, actor_id, created_at)
    SELECT stock_id, 'reservation', 0, quantity, channel_id, id, NULL, NULL, reference, '', actor_id,
           %(now)s::timestamptz
    FROM hold
)
SELECT (SELECT id FROM target), (SELECT available FROM target), (SELECT channel_id FROM target),
       ARRAY(SELECT id FROM hold ORDER BY id)
"""
BATCH_SQL = _BATCH_SQL.format(**TABLES)
MAX_TRIES = 3

@dataclass(eq=False)
class _Request:
    quantity: int
    actor: object
    reference: str
    ttl: int
    wake: threading.Event = field(default_factory=threading.Event)
    done: bool = False
    careful: bool = False  # the batch could not judge it: take the careful path, which says why
    again: bool = False  # it may fit in the next batch (a larger request blocked it, or holds lapsed)
    result: Reservation | None = None
    error: BaseException | None = None


class _Queue:
    def __init__(self, key: tuple):
        self.key = key  # (sku_id, location_id, channel code)
        self.lock = threading.Lock()
        self.waiting: list[_Request] = []
        self.leading = False


_queues: dict[tuple, _Queue] = {}
_queues_lock = threading.Lock()


def _queue_for(key: tuple) -> _Queue:
    with _queues_lock:
        return _queues.setdefault(key, _Queue(key))


def stock_reserve_batched(*, actor, sku: Sku, location: Location, quantity: int, channel: str = rules.WEB,
                          reference: str = "", ttl: int | None = None) -> Reservation:
    """Same contract as ``stock_reserve`` at a given location for online channels, served together with
    concurrent holds on the same row. Inside the caller's transaction a batch cannot share it, so there
    it holds as stock_reserve does."""
    if connection.in_atomic_block:
        return stock_reserve(actor=actor, sku=sku, location=location, quantity=quantity, channel=channel,
                             reference=reference, ttl=ttl)
    quantity, reference, ttl = _checked_args(quantity, reference, ttl)
    require_signed_in_or_platform(actor)
    request = _Request(quantity=quantity, actor=actor, reference=reference, ttl=ttl)
    queue = _queue_for((sku.pk, location.pk, channel))
    for _attempt in range(MAX_TRIES):
        _submit(queue, request)
        if not request.again:
            break
        request.again, request.done, request.wake = False, False, threading.Event()
    if request.careful or request.again:
        return stock_reserve(actor=actor, sku=sku, location=location, quantity=quantity, channel=channel,
                             reference=reference, ttl=ttl)
    if request.error is not None:
        raise request.error
    return request.result


def _submit(queue: _Queue, request: _Request) -> None:
    with queue.lock:
        queue.waiting.append(request)
        lead = not queue.leading
        queue.leading = True
    if not lead:
        request.wake.wait()
        if request.done:
            return
        # Promoted: the previous leader left this request at the head of the queue for us to serve.
    _lead(queue)


def _lead(queue: _Queue) -> None:
    with queue.lock:
        batch = queue.waiting[:MAX_BATCH]
        del queue.waiting[:MAX_BATCH]
    try:
        _serve(queue.key, batch)
    finally:
        for request in batch:
            request.done = True
            request.wake.set()
        with queue.lock:
            if queue.waiting:
                queue.waiting[0].wake.set()
            else:
                queue.leading = False


def _serve(key: tuple, batch: list[_Request]) -> None:
    """Serve a batch; each request gets its reservation, its own refusal, or a place in the next batch."""
    try:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            _serve_in_one_statement(key, batch)
        else:
            _serve_in_a_transaction(key, batch)
    except Exception as exc:  # the leader reports a failure to every request it did not serve
        for request in batch:
            if request.result is None and not request.again:
                request.error = exc


def _serve_in_one_statement(key: tuple, batch: list[_Request]) -> None:
    sku_id, location_id, channel = key
    now = timezone.now()
    stock_id, available, channel_id, ids = fetchone_prepared(BATCH_SQL, {
        "sku_id": sku_id, "location_id": location_id, "channel": channel,
        "published": str(Product.Status.PUBLISHED), "admitted": str(Seller.Status.ADMITTED), "now": now,
        "quantities": [r.quantity for r in batch], "references": [r.reference for r in batch],
        "actor_ids": [r.actor.pk if r.actor is not None else None for r in batch],
        "expires": [rules.expiry_time(now, r.ttl) for r in batch]})
    if stock_id is None:
        for request in batch:
            request.careful = True
        return
    # Ids come from one sequence in insertion order, which follows the batch's order.
    for request, reservation_id in zip(batch, sorted(ids), strict=False):
        request.result = held(reservation_id=reservation_id, stock_id=stock_id, channel_id=channel_id,
                              quantity=request.quantity, actor=request.actor, reference=request.reference,
                              now=now, expires_at=rules.expiry_time(now, request.ttl))
    _refuse_or_retry(batch[len(ids):], stock_id=stock_id,
                     left=available - sum(r.quantity for r in batch[:len(ids)]))


def _refuse_or_retry(refused: list[_Request], *, stock_id: int, left: int) -> None:
    if not refused:
        return
    freed = reservations_expire(stock_ids=[stock_id])
    named = Stock.objects.select_related("sku__product", "location").get(pk=stock_id)
    for request in refused:
        if freed or request.quantity <= left:
            request.again = True
        else:
            request.error = InsufficientStock([{**short_item(stock=named, sku=named.sku, location=named.location,
                                                             requested=request.quantity), "available": left}])


def _serve_in_a_transaction(key: tuple, batch: list[_Request]) -> None:
    """Elsewhere (SQLite, whose writers take turns anyway): lock, grant first-fit, write, in a transaction."""
    sku_id, location_id, channel = key
    with transaction.atomic():
        stock = locks.stock_for_online_sale(sku_id=sku_id, location_id=location_id, channel_code=channel)
        if stock is None:
            for request in batch:
                request.careful = True
            return
        now = timezone.now()
        if stock.available < sum(r.quantity for r in batch) and reservations_expire(stock_ids=[stock.pk], now=now):
            stock.refresh_from_db(fields=["on_hand", "reserved"])
        granted = rules.first_fit(stock.available, [r.quantity for r in batch])
        served = [r for r, ok in zip(batch, granted, strict=True) if ok]
        if served:
            _write(stock=stock, served=served, now=now)
    left = stock.available - sum(r.quantity for r in served)
    _refuse_or_retry([r for r, ok in zip(batch, granted, strict=True) if not ok], stock_id=stock.pk, left=left)


def _write(*, stock: Stock, served: list[_Request], now) -> None:
    Stock.objects.filter(pk=stock.pk).update(reserved=F("reserved") + sum(r.quantity for r in served))
    reservations = Reservation.objects.bulk_create([
        Reservation(stock_id=stock.pk, quantity=r.quantity, channel_id=stock.sale_channel_id, reference=r.reference,
                    state=Reservation.State.HELD, actor=r.actor, created_at=now,
                    expires_at=rules.expiry_time(now, r.ttl)) for r in served])
    StockMovement.objects.bulk_create([
        StockMovement(stock_id=stock.pk, kind=StockMovement.Kind.RESERVATION, on_hand_delta=0,
                      reserved_delta=r.quantity, channel_id=stock.sale_channel_id, reservation=reservation,
                      reference=r.reference, actor=r.actor, created_at=now)
        for r, reservation in zip(served, reservations, strict=True)])
    for request, reservation in zip(served, reservations, strict=True):
        request.result = reservation
