"""Holds on stock while a shopper pays: reserve (the hot path), commit (the sale), release, expire.

Every hold ends exactly once: the reservation row is locked before it is closed, only a held one is
closed, and the ledger's unique "closed once" constraint refuses a second closing line.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.catalog.models import Product, Sku
from chushan.core import events, messages
from chushan.core.errors import NotFound, PermissionDenied
from chushan.core.prepared import fetchone_prepared
from chushan.inventory import locks, rules, selectors
from chushan.inventory.errors import InsufficientStock, ReservationClosed, ReservationExpired
from chushan.inventory.events import RESERVATIONS_EXPIRED
from chushan.inventory.models import Location, Reservation, SalesChannel, Stock, StockMovement
from chushan.inventory.services._access import member_seller_id, require_signed_in_or_platform
from chushan.inventory.services._checks import sellable_stock, short_item
from chushan.inventory.services._ledger import can_take
from chushan.sellers.models import Seller

# The hot path, one statement: it checks that the SKU may be sold online from this location (the checks run
# once, before any lock), writes the reservation and its ledger line, and raises the hold on the stock row.
_SELLABLE = """
sellable AS (
    SELECT s.id AS stock_id, c.id AS channel_id
    FROM {stock} AS s, {location} AS l, {sku} AS k, {product} AS p, {seller} AS sl, {sells_on} AS lc,
         {channel} AS c
    WHERE s.sku_id = %(sku_id)s::bigint AND s.location_id = %(location_id)s::bigint
      AND l.id = s.location_id AND l.is_active
      AND k.id = s.sku_id AND k.is_active
      AND p.id = k.product_id AND p.status = %(published)s::varchar AND p.seller_id = l.seller_id
      AND sl.id = p.seller_id AND sl.status = %(admitted)s::varchar
      AND lc.location_id = l.id AND c.id = lc.saleschannel_id AND c.code = %(channel)s::varchar
      AND NOT c.is_counter
)"""
_INSERT_HOLD = """
    INSERT INTO {reservation} (stock_id, quantity, channel_id, reference, state, actor_id, created_at,
                               expires_at, closed_at)
    SELECT stock_id, %(quantity)s::integer, channel_id, %(reference)s::varchar, 'held', %(actor_id)s::bigint,
           %(now)s::timestamptz, %(expires_at)s::timestamptz, NULL"""
_INSERT_LINE = """
    INSERT INTO {movement} (stock_id, kind, on_hand_delta, reserved_delta, channel_id, reservation_id,
                            transfer_id, count_id, reference, reason, actor_id, created_at)
    SELECT stock_id, 'reservation', 0, %(quantity)s::integer, channel_id, id, NULL, NULL, %(reference)s::varchar,
           '', %(actor_id)s::bigint, %(now)s::timestamptz"""
# As its own transaction: the rows are written first and the stock row is locked last, so the lock is held for
# that one update and the commit, as in a bare UPDATE. Enough stock is the database's own check (reserved <=
# on_hand): a hold that does not fit fails the statement, and nothing is written.
_FAST_RESERVE_SQL = f"""
WITH {_SELLABLE}, hold AS ({_INSERT_HOLD}
    FROM sellable
    RETURNING id, stock_id, channel_id
), line AS ({_INSERT_LINE}
    FROM hold
    RETURNING reservation_id, stock_id, channel_id
)
UPDATE {{stock}} SET reserved = reserved + %(quantity)s::integer
WHERE id = (SELECT stock_id FROM line)
RETURNING (SELECT reservation_id FROM line), id, (SELECT channel_id FROM line)
"""  # noqa: S608 (constant pieces only)


def _held_first(stock_id: str, channel_id: str) -> str:
    """The guarded update first (it does nothing when the hold does not fit), then the reservation and its
    ledger line, for the stock row and channel these SQL expressions give."""
    return f"""held AS (
    UPDATE {{stock}} SET reserved = reserved + %(quantity)s::integer
    WHERE id = {stock_id} AND on_hand - reserved >= %(quantity)s::integer
    RETURNING id AS stock_id, {channel_id} AS channel_id
), hold AS ({_INSERT_HOLD}
    FROM held
    RETURNING id, stock_id, channel_id
){_INSERT_LINE}
FROM hold
RETURNING reservation_id, stock_id, channel_id
"""  # noqa: S608 (constant pieces only)


# Inside the caller's transaction the lock lasts until the caller commits anyway, and a failed statement would
# end that transaction: there the guarded update comes first.
_FAST_RESERVE_IN_TRANSACTION_SQL = "WITH " + _SELLABLE + ", " + _held_first(  # noqa: S608 (constant pieces only)
    "(SELECT stock_id FROM sellable)", "(SELECT channel_id FROM sellable)")
# The careful path's hold, on a row already checked: the same guarded update and inserts, by stock id.
_RESERVE_SQL = "WITH " + _held_first("%(stock_id)s::bigint", "%(channel_id)s::bigint")
# The constraint that refuses a hold larger than what is available (models.Stock).
NOT_ENOUGH = "stock_reserved_within_on_hand"

TABLES = {"stock": Stock._meta.db_table, "reservation": Reservation._meta.db_table,
           "movement": StockMovement._meta.db_table, "location": Location._meta.db_table,
           "sku": Sku._meta.db_table, "product": Product._meta.db_table, "seller": Seller._meta.db_table,
           "sells_on": Location.channels.through._meta.db_table, "channel": SalesChannel._meta.db_table}
FAST_RESERVE_SQL = _FAST_RESERVE_SQL.format(**TABLES)
FAST_RESERVE_IN_TRANSACTION_SQL = _FAST_RESERVE_IN_TRANSACTION_SQL.format(**TABLES)
RESERVE_SQL = _RESERVE_SQL.format(**TABLES)


@dataclass(frozen=True)
class StockRequest:
    """One line of a checkout: so many units of a SKU from a location."""

    sku: Sku
    location: Location
    quantity: int
    reference: str = ""


def held(*, reservation_id: int, stock_id: int, channel_id: int, quantity: int, actor, reference: str, now,
         expires_at) -> Reservation:
    """The Reservation a statement just wrote, without reading it back (built as from a row: the hot path
    makes thousands a second)."""
    reservation = Reservation.from_db(connection.alias, None, (
        reservation_id, stock_id, quantity, channel_id, reference, Reservation.State.HELD.value,
        actor.pk if actor is not None else None, now, expires_at, None))
    if actor is not None:
        Reservation.actor.field.set_cached_value(reservation, actor)
    return reservation


def _hold_fast(*, actor, sku: Sku, location: Location, quantity: int, channel: str, reference: str, ttl: int
               ) -> Reservation | None:
    """One statement on PostgreSQL (its own transaction unless the caller has one); None when it wrote
    nothing."""
    now = timezone.now()
    expires_at = rules.expiry_time(now, ttl)
    params = {
        "sku_id": sku.pk, "location_id": location.pk, "quantity": quantity, "channel": channel,
        "published": Product.Status.PUBLISHED.value, "admitted": Seller.Status.ADMITTED.value,
        "reference": reference, "actor_id": actor.pk if actor is not None else None, "now": now,
        "expires_at": expires_at}
    try:
        row = fetchone_prepared(FAST_RESERVE_IN_TRANSACTION_SQL if connection.in_atomic_block else FAST_RESERVE_SQL,
                                params)
    except IntegrityError as error:
        if NOT_ENOUGH not in str(error):
            raise
        return None
    if row is None:
        return None
    return held(reservation_id=row[0], stock_id=row[1], channel_id=row[2], quantity=quantity, actor=actor,
                reference=reference, now=now, expires_at=expires_at)


def _hold(*, stock: Stock, quantity: int, channel_id: int, actor, reference: str, now, expires_at
          ) -> Reservation | None:
    """Raise the hold on one checked stock row if enough is available; None (nothing written) if not."""
    actor_id = actor.pk if actor is not None else None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(RESERVE_SQL, {"stock_id": stock.pk, "quantity": quantity, "channel_id": channel_id,
                                         "reference": reference, "actor_id": actor_id, "now": now,
                                         "expires_at": expires_at})
            row = cursor.fetchone()
        if row is None:
            return None
        return held(reservation_id=row[0], stock_id=stock.pk, channel_id=channel_id, quantity=quantity,
                     actor=actor, reference=reference, now=now, expires_at=expires_at)
    # Elsewhere (SQLite) the same guarded update and two inserts; the database lock is taken at BEGIN.
    if not Stock.objects.filter(pk=stock.pk).filter(can_take(quantity)).update(reserved=F("reserved") + quantity):
        return None
    reservation = Reservation.objects.create(stock=stock, quantity=quantity, channel_id=channel_id,
                                             reference=reference, state=Reservation.State.HELD, actor_id=actor_id,
                                             created_at=now, expires_at=expires_at)
    StockMovement.objects.create(stock_id=stock.pk, kind=StockMovement.Kind.RESERVATION, on_hand_delta=0,
                                 reserved_delta=quantity, channel_id=channel_id, reservation=reservation,
                                 reference=reference, actor_id=actor_id, created_at=now)
    return reservation


def _hold_or_expire_and_retry(**hold_args) -> Reservation | None:
    """Expired holds on this row are released lazily, only when they stand in the way."""
    reservation = _hold(**hold_args)
    if reservation is None and reservations_expire(stock_ids=[hold_args["stock"].pk], now=hold_args["now"]):
        reservation = _hold(**hold_args)
    return reservation


def _reserve_at(*, actor, sku: Sku, location: Location, quantity: int, channel: str, reference: str,
                ttl: int) -> Reservation:
    if connection.vendor == "postgresql":
        # Online holds first try the one statement (a statement is atomic on its own, so outside a caller's
        # transaction the row lock lasts one statement and one flush, not a round trip to COMMIT).
        require_signed_in_or_platform(actor)
        reservation = _hold_fast(actor=actor, sku=sku, location=location, quantity=quantity, channel=channel,
                                 reference=reference, ttl=ttl)
        if reservation is not None:
            return reservation
    # The careful path: every check with its own message, lapsed holds released, one more try.
    with transaction.atomic():
        stock = sellable_stock(actor=actor, sku=sku, location=location, channel_code=channel, quantity=quantity)
        now = timezone.now()
        reservation = _hold_or_expire_and_retry(stock=stock, quantity=quantity, channel_id=stock.sale_channel_id,
                                                actor=actor, reference=reference, now=now,
                                                expires_at=rules.expiry_time(now, ttl))
        if reservation is None:
            stock.refresh_from_db(fields=["on_hand", "reserved"])
            raise InsufficientStock([short_item(stock=stock, sku=sku, location=location, requested=quantity)])
    return reservation


def _checked_args(quantity, reference, ttl) -> tuple[int, str, int]:
    return (rules.check_quantity(quantity), rules.check_text(reference, field="reference", max_length=80),
            rules.check_ttl(settings.CHUSHAN_RESERVATION_TTL_SECONDS if ttl is None else ttl))


def stock_reserve(*, actor, sku: Sku, quantity: int, channel: str = rules.WEB, location: Location | None = None,
                  near=None, reference: str = "", ttl: int | None = None) -> Reservation:
    """Hold units for a checkout until it is paid, released or the hold lapses (settings TTL, 15 min).

    Without a location, holds at the location nearest to ``near`` (a county Region) that has enough.
    """
    quantity, reference, ttl = _checked_args(quantity, reference, ttl)
    args = {"actor": actor, "sku": sku, "quantity": quantity, "channel": channel, "reference": reference,
            "ttl": ttl}
    if location is not None:
        return _reserve_at(location=location, **args)
    for stock in selectors.stocks_for_sale_nearest(sku=sku, channel_code=channel, near=near):
        if stock.available < quantity:
            continue
        try:
            return _reserve_at(location=stock.location, **args)
        except InsufficientStock:
            continue  # sold out between the read and the hold; try the next nearest
    raise InsufficientStock([{"sku": sku.pk, "location": None, "requested": quantity, "available": 0,
                              "sku_name": str(sku.code), "location_name": _("any location")}])


def stock_reserve_many(*, actor, requests: list[StockRequest], channel: str = rules.WEB, ttl: int | None = None
                       ) -> list[Reservation]:
    """All lines of a checkout held together, or none: every short line is reported in one error.
    Rows are locked in primary-key order, so two checkouts of the same SKUs cannot deadlock."""
    checked = [(req, *_checked_args(req.quantity, req.reference, ttl)) for req in requests]
    results: dict[int, Reservation] = {}
    short = []
    with transaction.atomic():
        stocks = [sellable_stock(actor=actor, sku=req.sku, location=req.location, channel_code=channel,
                                 quantity=quantity) for req, quantity, _ref, _ttl in checked]
        now = timezone.now()
        for index in sorted(range(len(checked)), key=lambda i: (stocks[i].pk, i)):
            req, quantity, reference, line_ttl = checked[index]
            reservation = _hold_or_expire_and_retry(
                stock=stocks[index], quantity=quantity, channel_id=stocks[index].sale_channel_id, actor=actor,
                reference=reference, now=now, expires_at=rules.expiry_time(now, line_ttl))
            if reservation is None:
                stocks[index].refresh_from_db(fields=["on_hand", "reserved"])
                short.append(short_item(stock=stocks[index], sku=req.sku, location=req.location,
                                        requested=quantity))
            results[index] = reservation
        if short:
            raise InsufficientStock(short)
    return [results[i] for i in range(len(checked))]


def _require_may_close(actor, reservation: Reservation) -> None:
    """The platform (actor None), the shopper who holds it, or the staff where the stock is."""
    if actor is None or actor.pk == reservation.actor_id:
        return
    location = reservation.stock.location
    if member_seller_id(actor) not in {location.seller_id, location.host_seller_id} - {None}:
        raise PermissionDenied(_("You may not settle this hold."), code="not_your_reservation")


def _close(rows: list[Reservation], *, state: str, actor, now, reference: str = "", reason: str = "",
           reason_code: str = "", reason_params: dict | None = None) -> None:
    """Settle held reservations: a sale takes the units off the shelf; a release or expiry frees them.
    The stock rows are updated last, so a hot row stays locked only for that update and the commit."""
    sale = state == Reservation.State.COMMITTED
    Reservation.objects.filter(pk__in=[r.pk for r in rows], state=Reservation.State.HELD).update(
        state=state, closed_at=now)
    kind = StockMovement.Kind.SALE if sale else StockMovement.Kind.RELEASE
    StockMovement.objects.bulk_create([
        StockMovement(stock_id=r.stock_id, kind=kind, on_hand_delta=-r.quantity if sale else 0,
                      reserved_delta=-r.quantity, channel_id=r.channel_id, reservation=r,
                      reference=reference or r.reference, reason=reason, reason_code=reason_code,
                      reason_params=reason_params, actor=actor, created_at=now)
        for r in rows])
    per_stock: dict[int, int] = defaultdict(int)
    for row in rows:
        per_stock[row.stock_id] += row.quantity
    for stock_id in locks.in_lock_order(per_stock):
        quantity = per_stock[stock_id]
        Stock.objects.filter(pk=stock_id).update(on_hand=F("on_hand") - (quantity if sale else 0),
                                                 reserved=F("reserved") - quantity)
    for row in rows:
        row.state, row.closed_at = state, now


def reservations_commit(*, actor, reservations: list[Reservation], reference: str = "") -> list[Reservation]:
    """Turn holds into sales (the order is paid). Committing a sold hold again changes nothing."""
    reference = rules.check_text(reference, field="reference", max_length=80)
    with transaction.atomic():
        rows = locks.reservations_for_update(r.pk for r in reservations)
        for row in rows:
            _require_may_close(actor, row)
        now = timezone.now()
        closed = [r for r in rows if r.state in (Reservation.State.RELEASED, Reservation.State.EXPIRED)]
        if closed:
            raise ReservationClosed(_("This hold was released before payment; hold the stock again."),
                                    extra={"reservations": [r.pk for r in closed]})
        late = [r for r in rows if r.state == Reservation.State.HELD and rules.is_due(r.expires_at, now)]
        if late:
            raise ReservationExpired(_("The hold on this stock lapsed before payment; hold it again."),
                                     extra={"reservations": [r.pk for r in late]})
        _close([r for r in rows if r.state == Reservation.State.HELD], state=Reservation.State.COMMITTED,
               actor=actor, now=now, reference=reference)
    by_pk = {r.pk: r for r in rows}
    return [by_pk[r.pk] for r in reservations if r.pk in by_pk]


def reservation_commit(*, actor, reservation: Reservation, reference: str = "") -> Reservation:
    found = reservations_commit(actor=actor, reservations=[reservation], reference=reference)
    if not found:
        raise NotFound(_("There is no such hold."))
    return found[0]


def reservations_release(*, actor, reservations: list[Reservation], reason: str = "", reason_code: str = "",
                         reason_params: dict | None = None) -> list[Reservation]:
    """Free held units (checkout cancelled). Releasing a released or expired hold changes nothing.
    ``reason`` is what a person typed; the platform names its own reason instead (``reason_code``, "app:code",
    see core.messages), and the ledger shows it in the reader's language."""
    reason = rules.check_text(reason, field="reason", max_length=200)
    reason_code = messages.check_named(reason_code)
    reason_params = reason_params if reason_code else None
    with transaction.atomic():
        rows = locks.reservations_for_update(r.pk for r in reservations)
        for row in rows:
            _require_may_close(actor, row)
        sold = [r for r in rows if r.state == Reservation.State.COMMITTED]
        if sold:
            raise ReservationClosed(_("This hold is already sold; use a return instead."),
                                    extra={"reservations": [r.pk for r in sold]})
        _close([r for r in rows if r.state == Reservation.State.HELD], state=Reservation.State.RELEASED,
               actor=actor, now=timezone.now(), reason=reason, reason_code=reason_code,
               reason_params=reason_params)
    by_pk = {r.pk: r for r in rows}
    return [by_pk[r.pk] for r in reservations if r.pk in by_pk]


def reservation_release(*, actor, reservation: Reservation, reason: str = "") -> Reservation:
    found = reservations_release(actor=actor, reservations=[reservation], reason=reason)
    if not found:
        raise NotFound(_("There is no such hold."))
    return found[0]


def reservations_expire(*, now=None, limit: int = 500, stock_ids=None, sku_id: int | None = None,
                        location_id: int | None = None, seller_id: int | None = None) -> int:
    """Release holds whose time is up, in the scope given (everything by default); returns how many.

    Run by the periodic task and lazily by every stock read. Holds another transaction is settling at
    this moment are skipped, not waited for: that transaction decides them.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = locks.reservations_due_for_update(now=now, limit=limit, stock_ids=stock_ids, sku_id=sku_id,
                                                location_id=location_id, seller_id=seller_id)
        if not due:
            return 0
        _close(due, state=Reservation.State.EXPIRED, actor=None, now=now)
        events.publish(RESERVATIONS_EXPIRED, reservation_ids=[r.pk for r in due],
                       references=[r.reference for r in due])
    return len(due)


def stocks_locked_fresh(stock_ids: list[int]) -> dict[int, Stock]:
    """Lock stock rows (primary-key order), release their lapsed holds, and return current counters.
    The sweep skips reservation rows others hold instead of waiting, so it may run under stock locks."""
    locked = locks.stocks_for_update(stock_ids)
    if reservations_expire(stock_ids=stock_ids):
        locked = locks.stocks_for_update(stock_ids)  # the sweep just changed their counters
    return locked
