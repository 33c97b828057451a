"""Return, refund-only and exchange requests: asked by the shopper with photos, decided by the seller within the
deadline (or by the platform when it passes), goods back onto the shelf the seller chooses, money back through
the order's payment, a replacement sent out of a chosen location.

Lock order: the return request, then (inside the orders, inventory and payments services) the checkout, the
order, stock rows, the payment. Two staff completing the same refund at once: the second waits on the request's
lock, then finds it refunded and is refused; the money goes back once."""

import uuid
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.aftersales import locks, notes, rules
from chushan.aftersales.models import ReturnLine, ReturnRequest
from chushan.aftersales.services import credit
from chushan.aftersales.services._access import require
from chushan.aftersales.services.photos import files_delete, photos_prepare, photos_store
from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.inventory import services as stock
from chushan.inventory.models import Location
from chushan.orders import services as orders
from chushan.orders.models import Order, OrderLine

WHAT = "return request"


@dataclass(frozen=True)
class ReturnRequestData:
    """What the shopper asks for: lines as (order line id, units), a kind, a reason, a description."""

    kind: str
    reason: str
    lines: list
    description: str = ""


def _units_asked(order_line_ids: list[int], exclude_request: int | None = None) -> dict[int, int]:
    live = ReturnLine.objects.filter(order_line_id__in=order_line_ids, request__state__in=rules.LIVE)
    if exclude_request is not None:
        live = live.exclude(request_id=exclude_request)
    return dict(live.values("order_line_id").annotate(n=Sum("quantity")).values_list("order_line_id", "n"))


def _checked_lines(order: Order, raw_lines) -> list[tuple[OrderLine, int]]:
    """The order lines and units asked for; every bad line is reported at once."""
    raw_lines = list(raw_lines) if isinstance(raw_lines, list | tuple) else []
    found = {line.pk: line for line in order.lines.all()}
    asked = _units_asked(list(found))
    errors, picked, seen = {}, [], set()
    for index, item in enumerate(raw_lines):
        line_id, units = item if isinstance(item, list | tuple) and len(item) == 2 else (None, None)
        line = found.get(line_id) if isinstance(line_id, int) and not isinstance(line_id, bool) else None
        if line is None or line_id in seen:
            errors[f"lines.{index}.order_line_id"] = [_("Name a line of this order, once.")]
            continue
        seen.add(line_id)
        left = rules.units_left(quantity=line.quantity, refunded=line.refunded_quantity,
                                requested=asked.get(line.pk, 0))
        try:
            picked.append((line, rules.check_units(units, left=left, field=f"lines.{index}.quantity")))
        except Unprocessable as exc:
            errors.update(exc.errors)
    if errors or not picked:
        raise Unprocessable(_("The lines of the request are not valid."), code="invalid_return_lines",
                            errors=errors or {"lines": [_("Choose at least one item.")]})
    return picked


def _checked(data: ReturnRequestData) -> ReturnRequestData:
    errors = {}
    if data.kind not in rules.KINDS:
        errors["kind"] = [_("Choose return, refund only or exchange.")]
    if data.reason not in rules.REASONS:
        errors["reason"] = [_("Choose a reason from the list.")]
    try:
        description = rules.check_text(data.description, field="description", max_length=1000, required=False)
    except Unprocessable as exc:
        errors.update(exc.errors)
        description = ""
    if errors:
        raise Unprocessable(_("Please correct the marked fields."), errors=errors)
    return ReturnRequestData(kind=data.kind, reason=data.reason, lines=data.lines, description=description)


def return_request_create(*, actor, order: Order, data: ReturnRequestData, photos=()) -> ReturnRequest:
    """The shopper asks for a return, a refund only or an exchange of some units of a delivered order.
    Photos are decoded in full first; a file that is not a picture refuses the whole request."""
    data = _checked(data)
    require(actor, shopper_id=order.shopper_id, seller_ids=set(), allowed={rules.SHOPPER}, what=_("order"))
    if actor is None or actor.pk != order.shopper_id:
        raise PermissionDenied(_("Only the shopper who bought it may ask for a return."), code="not_your_order")
    photos = list(photos or [])
    if len(photos) > rules.MAX_PHOTOS:
        message = _("Attach at most %(n)d photos.") % {"n": rules.MAX_PHOTOS}
        raise Unprocessable(message, code="too_many_photos", errors={"photos": [message]})
    if rules.photos_required(data.reason) and not photos:
        message = _("Attach a photo that shows the problem.")
        raise Unprocessable(message, code="photo_required", errors={"photos": [message]})
    prepared = photos_prepare(photos)
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = locks.order_for_request(order.pk)
            if refusal := rules.order_refusal(kind=data.kind, order_state=locked.state):
                raise Conflict(refusal, code="order_not_returnable")
            picked = _checked_lines(locked, data.lines)
            request = _create(locked, data, picked)
            photos_store(request, prepared, written=written)
    except BaseException:
        files_delete(written)
        raise
    return request


def _create(order: Order, data: ReturnRequestData, picked) -> ReturnRequest:
    now = timezone.now()
    request = ReturnRequest.objects.create(
        number=f"tmp-{uuid.uuid4().hex}", order=order, shopper_id=order.shopper_id, seller_id=order.seller_id,
        kind=data.kind, reason=data.reason, description=data.description, created_at=now, updated_at=now,
        decide_by=rules.deadline(now, settings.CHUSHAN_RETURN_DECISION_HOURS))
    request.number = rules.number("RR", timezone.localdate(now), request.pk)
    request.save(update_fields=["number"])
    ReturnLine.objects.bulk_create([ReturnLine(request=request, order_line=line, quantity=units)
                                    for line, units in picked])
    return request


def _move(request: ReturnRequest, to_state: str, *, roles: set[str], **fields) -> None:
    if not any(rules.may_move(request.state, to_state, role=role) for role in roles):
        raise Conflict(_("This request is %(state)s; it cannot become %(to)s.") % {
            "state": request.get_state_display(), "to": ReturnRequest.State(to_state).label},
            code="invalid_transition", extra={"state": request.state})
    now = timezone.now()
    request.state, request.updated_at = to_state, now
    if to_state in rules.CLOSED:
        request.closed_at = now
    for field, value in fields.items():
        setattr(request, field, value)
    request.save(update_fields=["state", "updated_at", "closed_at", *fields])


def _roles(actor, request: ReturnRequest, allowed: set[str]) -> set[str]:
    return require(actor, shopper_id=request.shopper_id, seller_ids={request.seller_id}, allowed=allowed,
                   what=_("return request"))


def _staff_roles(actor, request: ReturnRequest) -> set[str]:
    """The seller's staff, an operator or the platform; a shopper is refused (403), a stranger finds nothing."""
    roles = _roles(actor, request, {rules.SELLER}) - {rules.SHOPPER}
    if request.state == rules.ESCALATED:
        roles &= {rules.PLATFORM}  # the platform took it over: only an operator decides now
    if not roles:
        raise PermissionDenied(_("Only the seller's staff or the platform may do this."), code="not_yours")
    return roles


def return_request_cancel(*, actor, request: ReturnRequest) -> ReturnRequest:
    """The shopper withdraws the request (before the goods or the money moved)."""
    with transaction.atomic():
        locked = locks.request_for_update(request.pk)
        roles = _roles(actor, locked, {rules.SHOPPER}) & {rules.SHOPPER}
        if not roles:
            raise PermissionDenied(_("Only the shopper may withdraw the request."), code="not_yours")
        _move(locked, rules.CANCELLED, roles=roles)
    return locked


def _location(request: ReturnRequest, location: Location | None, *, field: str) -> Location | None:
    if location is None:
        return None
    if location.seller_id != request.seller_id or not location.is_active:
        message = _("Choose one of your open locations.")
        raise Unprocessable(message, code="unknown_location", errors={field: [message]})
    return location


def return_request_decide(*, actor, request: ReturnRequest, approve: bool, note: str = "",
                          restock_location: Location | None = None) -> ReturnRequest:
    """The seller (or, once escalated, an operator) approves or rejects. A rejection says why. Approving a refund
    only sends the money back at once; a return or exchange waits for the goods."""
    note = rules.check_text(note, field="note", max_length=500, required=not approve)
    with transaction.atomic():
        locked = locks.request_for_update(request.pk)
        roles = _staff_roles(actor, locked)
        location = _location(locked, restock_location, field="restock_location_id")
        now = timezone.now()
        _move(locked, rules.APPROVED if approve else rules.REJECTED, roles=roles,
              decided_at=now, decided_by=actor, decision_note=note,
              restock_location=location or locked.restock_location)
        if approve and locked.kind == rules.REFUND_ONLY:
            _refund(actor, locked, roles=roles)
    return locked


def return_request_receive(*, actor, request: ReturnRequest, location: Location) -> ReturnRequest:
    """The goods came back: each unit goes onto the shelf of ``location`` (a ledger return line)."""
    with transaction.atomic():
        locked = locks.request_for_update(request.pk)
        roles = _staff_roles(actor, locked)
        if locked.kind == rules.REFUND_ONLY:
            raise Conflict(_("Nothing comes back for a refund only."), code="nothing_to_receive")
        location = _location(locked, location, field="location_id")
        if location is None:
            message = _("Choose the location whose shelf the goods go back on.")
            raise Unprocessable(message, code="location_required", errors={"location_id": [message]})
        _move(locked, rules.RECEIVED, roles=roles, restock_location=location)
        for line in locked.lines.select_related("order_line__sku"):
            movement = stock.stock_return(actor=actor, sku=line.order_line.sku, location=location,
                                          quantity=line.quantity, reference=locked.number,
                                          reason_code=notes.named(notes.RETURNED_BY_SHOPPER),
                                          channel=locked.order.channel.code,
                                          sold_ref=locked.order.number)
            ReturnLine.objects.filter(pk=line.pk).update(restocked_quantity=line.quantity, restock_movement=movement)
    return locked


def _refund(actor, request: ReturnRequest, *, roles: set[str]) -> None:
    lines = [(line.order_line_id, line.quantity) for line in request.lines.all()]
    refund = orders.order_refund_lines(actor=actor, order=request.order, lines=lines,
                                       reason=_("After-sales %(number)s") % {"number": request.number})
    _move(request, rules.REFUNDED, roles=roles, order_refund=refund, refund_amount=refund.amount)


def return_request_refund(*, actor, request: ReturnRequest) -> ReturnRequest:
    """Send the money for the returned units back through the order's payment, once."""
    with transaction.atomic():
        locked = locks.request_for_update(request.pk)
        roles = _staff_roles(actor, locked)
        if locked.state == rules.REFUNDED:
            raise Conflict(_("This request has been refunded already."), code="already_refunded")
        if locked.kind == rules.EXCHANGE:
            raise Conflict(_("An exchange sends a replacement, not money."), code="exchange_not_refunded")
        _refund(actor, locked, roles=roles)
    return locked


def return_request_exchange_ship(*, actor, request: ReturnRequest, location: Location,
                                 tracking_number: str = "") -> ReturnRequest:
    """Send the replacement: the same items leave ``location`` as a new shipment line."""
    from chushan.aftersales.models import ExchangeLine, ExchangeShipment

    tracking_number = rules.check_text(tracking_number, field="tracking_number", max_length=60, required=False)
    with transaction.atomic():
        locked = locks.request_for_update(request.pk)
        roles = _staff_roles(actor, locked)
        if rules.SELLER not in roles:
            raise PermissionDenied(_("The seller's staff send the replacement."), code="not_yours")
        location = _location(locked, location, field="location_id")
        _move(locked, rules.EXCHANGED, roles=roles)
        shipment = ExchangeShipment.objects.create(request=locked, location=location,
                                                   tracking_number=tracking_number, actor=actor)
        for line in locked.lines.select_related("order_line__sku"):
            movement = stock.stock_sell_now(actor=actor, sku=line.order_line.sku, location=location,
                                            quantity=line.quantity, channel=locked.order.channel.code,
                                            reference=locked.number)
            ExchangeLine.objects.create(shipment=shipment, order_line=line.order_line, sku=line.order_line.sku,
                                        quantity=line.quantity, movement=movement)
    return locked


def return_request_decision_missed(*, request_id: int) -> ReturnRequest | None:
    """The seller let the decision deadline pass (the periodic task): it costs credit once, and the request is
    approved (settings.CHUSHAN_RETURN_MISSED_DECISION = "approve") or handed to the platform with a ticket."""
    from chushan.aftersales.services.tickets import ticket_open_by_platform

    with transaction.atomic():
        locked = locks.request_for_update(request_id)
        now = timezone.now()
        if locked.state != rules.REQUESTED or not rules.is_missed(locked.decide_by, now):
            return locked
        credit.record(seller_id=locked.seller_id, kind="missed_deadline", reference=f"return:{locked.number}",
                      note=_("Return request %(number)s was not decided in time.") % {"number": locked.number})
        locked.deadline_missed = True
        if settings.CHUSHAN_RETURN_MISSED_DECISION == rules.ON_MISS_ESCALATE:
            _move(locked, rules.ESCALATED, roles={rules.PLATFORM}, deadline_missed=True)
            transaction.on_commit(partial(ticket_open_by_platform, request_id=locked.pk))
            return locked
        _move(locked, rules.APPROVED, roles={rules.PLATFORM}, deadline_missed=True, decided_at=now,
              decided_by=None, decision_note_code=notes.APPROVED_BY_PLATFORM)
        if locked.kind == rules.REFUND_ONLY:
            _refund(None, locked, roles={rules.PLATFORM})
    return locked


def return_decisions_overdue(*, now=None, limit: int = 200) -> int:
    """Every request whose decision deadline has passed (the periodic task); returns how many were handled."""
    now = now or timezone.now()
    due = list(ReturnRequest.objects.filter(state=rules.REQUESTED, decide_by__lte=now)
               .order_by("decide_by").values_list("pk", flat=True)[:limit])
    for pk in due:
        return_request_decision_missed(request_id=pk)
    return len(due)


def return_photo_add(*, actor, request: ReturnRequest, upload) -> None:
    """Add a photo to the shopper's undecided request (decoded in full first; not a picture: refused)."""
    from chushan.aftersales.models import ReturnPhoto

    roles = _roles(actor, request, {rules.SHOPPER})
    if rules.SHOPPER not in roles:
        raise PermissionDenied(_("Only the shopper adds photos to the request."), code="not_yours")
    (prepared,) = photos_prepare([upload])
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = locks.request_for_update(request.pk)
            if locked.state not in rules.UNDECIDED:
                raise Conflict(_("The request has been decided; photos can no longer be added."),
                               code="request_decided")
            if ReturnPhoto.objects.filter(request=locked).count() >= rules.MAX_PHOTOS:
                message = _("Attach at most %(n)d photos.") % {"n": rules.MAX_PHOTOS}
                raise Unprocessable(message, code="too_many_photos", errors={"photos": [message]})
            photos_store(locked, [prepared], written=written)
    except BaseException:
        files_delete(written)
        raise
