"""Customer-service tickets: opened by the shopper on any order problem (or by the platform when a deadline is
missed), always owned by exactly one of the seller, one of its locations or the platform, answered by a deadline.
Moving a ticket is explicit, with a reason, and kept; a missed deadline and an upheld complaint each cost the
seller credit once per ticket."""

import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.aftersales import locks, notes, rules
from chushan.aftersales.models import ReturnRequest, Ticket, TicketAssignment, TicketMessage
from chushan.aftersales.services import credit
from chushan.aftersales.services._access import is_operator, require
from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.inventory.models import Location
from chushan.orders.models import Order


def _respond_by(now):
    return rules.deadline(now, settings.CHUSHAN_TICKET_RESPONSE_HOURS)


def _seller_side_ids(ticket_or_order) -> set[int]:
    """Sellers whose staff answer for it: the seller of the order, and the host of a consignment counter
    that owns the ticket."""
    ids = {ticket_or_order.seller_id}
    location = getattr(ticket_or_order, "owner_location", None)
    if location is not None and location.host_seller_id:
        ids.add(location.host_seller_id)
    return ids


def _note(ticket: Ticket, body: str = "", *, author=None, role: str = rules.SYSTEM, at=None, code: str = "",
          params: dict | None = None) -> TicketMessage:
    """A message as its author wrote it (``body``), or the platform's own note as a code (see notes.py)."""
    return TicketMessage.objects.create(ticket=ticket, author=author, role=role, body=body[:rules.MAX_MESSAGE],
                                        body_code=notes.check(code, what="ticket note"),
                                        body_params=params or {}, created_at=at or timezone.now())


def _owner_label(kind: str, seller=None, location=None) -> str | dict:
    """Who owns it, as a note parameter: a name as it is spelled, or "the platform" in the reader's language."""
    if kind == rules.OWNER_LOCATION:
        return location.name
    if kind == rules.OWNER_SELLER:
        return seller.name
    return notes.nested(notes.THE_PLATFORM)


def _default_owner(order: Order, category: str) -> tuple[str, object, object]:
    """A pick-up problem goes to the shop it is collected at; anything else to the seller."""
    if category == "pickup" and order.pickup_location_id:
        return rules.OWNER_LOCATION, None, order.pickup_location
    return rules.OWNER_SELLER, order.seller, None


def _create(order: Order, *, subject: str = "", subject_code: str = "", subject_params: dict | None = None,
            category: str, opened_by, owner, return_request=None) -> Ticket:
    now = timezone.now()
    kind, seller, location = owner
    ticket = Ticket.objects.create(
        number=f"tmp-{uuid.uuid4().hex}", order=order, return_request=return_request, shopper_id=order.shopper_id,
        seller_id=order.seller_id, category=category, subject=subject,
        subject_code=notes.check(subject_code, what="ticket subject"),
        subject_params=subject_params or {}, owner_kind=kind, owner_seller=seller,
        owner_location=location, respond_by=_respond_by(now), opened_by=opened_by, created_at=now, updated_at=now)
    ticket.number = rules.number("TK", timezone.localdate(now), ticket.pk)
    ticket.save(update_fields=["number"])
    return ticket


def ticket_open(*, actor, order: Order, subject: str, body: str, category: str = "other",
                return_request: ReturnRequest | None = None) -> Ticket:
    """The shopper reports a problem with their order; the seller (or the pick-up shop) owns it first."""
    subject = rules.check_text(subject, field="subject", max_length=120)
    body = rules.check_text(body, field="body", max_length=rules.MAX_MESSAGE)
    if category not in rules.CATEGORIES:
        message = _("Choose what the problem is about.")
        raise Unprocessable(message, code="invalid_category", errors={"category": [message]})
    roles = require(actor, shopper_id=order.shopper_id, seller_ids=set(), allowed={rules.SHOPPER}, what=_("order"))
    if rules.SHOPPER not in roles:
        raise PermissionDenied(_("Only the shopper who bought it may open a ticket about an order."), code="not_yours")
    if return_request is not None and return_request.order_id != order.pk:
        message = _("That return request belongs to another order.")
        raise Unprocessable(message, code="wrong_return_request", errors={"return_request": [message]})
    with transaction.atomic():
        ticket = _create(order, subject=subject, category=category, opened_by=actor,
                         owner=_default_owner(order, category), return_request=return_request)
        _note(ticket, body, author=actor, role=rules.SHOPPER, at=ticket.created_at)
    return ticket


def ticket_open_by_platform(*, request_id: int) -> Ticket:
    """A return request the seller did not decide in time: the platform opens a ticket it owns itself."""
    with transaction.atomic():
        request = locks.request_for_update(request_id)
        found = Ticket.objects.filter(return_request=request, opened_by__isnull=True).first()
        if found is not None:
            return found
        ticket = _create(request.order, category="return", opened_by=None, return_request=request,
                         owner=(rules.OWNER_PLATFORM, None, None), subject_code=notes.RETURN_NOT_DECIDED,
                         subject_params={"number": request.number})
        _note(ticket, code=notes.RETURN_NOT_DECIDED_NOTE,
              params={"number": request.number,
                      "when": timezone.localtime(request.decide_by).strftime("%Y-%m-%d %H:%M")})
    return ticket


def _speaker(actor, ticket: Ticket) -> str:
    roles = require(actor, shopper_id=ticket.shopper_id, seller_ids=_seller_side_ids(ticket),
                    allowed={rules.SHOPPER, rules.SELLER}, what=_("ticket"))
    for role in (rules.SHOPPER, rules.SELLER, rules.PLATFORM):
        if role in roles:
            return role
    return rules.PLATFORM


def _owner_side(ticket: Ticket, role: str) -> bool:
    """Whether a message from ``role`` answers for the ticket's owner (stops its clock)."""
    if ticket.owner_kind == rules.OWNER_PLATFORM:
        return role == rules.PLATFORM
    return role in (rules.SELLER, rules.PLATFORM)


def ticket_message_post(*, actor, ticket: Ticket, body: str) -> TicketMessage:
    """A message on the timeline. The owner's answer stops its clock; the shopper's message starts it again."""
    body = rules.check_text(body, field="body", max_length=rules.MAX_MESSAGE)
    with transaction.atomic():
        locked = locks.ticket_for_update(ticket.pk)
        role = _speaker(actor, locked)
        if locked.state != Ticket.State.OPEN:
            raise Conflict(_("This ticket is resolved; open a new one if the problem came back."),
                           code="ticket_resolved")
        message = _note(locked, body, author=actor, role=role)
        if role == rules.SHOPPER:
            locked.waiting_on_owner, locked.respond_by = True, _respond_by(message.created_at)
        elif _owner_side(locked, role):
            locked.waiting_on_owner = False
        locked.updated_at = message.created_at
        locked.save(update_fields=["waiting_on_owner", "respond_by", "updated_at"])
    return message


def _target(ticket: Ticket, to_kind: str, location: Location | None):
    if to_kind == rules.OWNER_PLATFORM:
        return to_kind, None, None
    if to_kind == rules.OWNER_SELLER:
        return to_kind, ticket.seller, None
    if to_kind == rules.OWNER_LOCATION and location is not None and location.seller_id == ticket.seller_id:
        return to_kind, None, location
    message = _("Choose the seller, one of the seller's locations, or the platform.")
    raise Unprocessable(message, code="invalid_owner", errors={"location_id": [message]})


def _may_reassign(roles: set[str], ticket: Ticket, to_kind: str, actor) -> bool:
    if is_operator(actor) or actor is None:
        return True
    if rules.SELLER in roles and ticket.owner_kind != rules.OWNER_PLATFORM:
        return True  # the seller's side moves it among its own, or hands it to the platform
    return rules.SHOPPER in roles and to_kind == rules.OWNER_PLATFORM  # 申请平台介入


def ticket_reassign(*, actor, ticket: Ticket, to_kind: str, reason: str, location: Location | None = None) -> Ticket:
    """Give the ticket to another owner, saying why; the new owner's clock starts. Kept on the timeline."""
    reason = rules.check_text(reason, field="reason", max_length=300)
    if to_kind not in rules.OWNER_KINDS:
        message = _("Choose the seller, one of the seller's locations, or the platform.")
        raise Unprocessable(message, code="invalid_owner", errors={"to": [message]})
    with transaction.atomic():
        locked = locks.ticket_for_update(ticket.pk)
        roles = require(actor, shopper_id=locked.shopper_id, seller_ids=_seller_side_ids(locked),
                        allowed={rules.SHOPPER, rules.SELLER}, what=_("ticket"))
        if locked.state != Ticket.State.OPEN:
            raise Conflict(_("This ticket is resolved."), code="ticket_resolved")
        if not _may_reassign(roles, locked, to_kind, actor):
            raise PermissionDenied(_("You may not give this ticket to that owner."), code="reassign_not_allowed")
        _reassign(locked, _target(locked, to_kind, location), actor=actor, reason=reason)
    return locked


def _reassign(ticket: Ticket, target, *, actor, reason: str = "", reason_code: str = "",
              reason_params: dict | None = None) -> None:
    """Move the ticket; ``reason`` is what a person typed, ``reason_code`` the platform's own (see notes.py)."""
    kind, seller, location = target
    if (kind, getattr(seller, "pk", None), getattr(location, "pk", None)) == (
            ticket.owner_kind, ticket.owner_seller_id, ticket.owner_location_id):
        raise Conflict(_("The ticket is already theirs."), code="same_owner")
    now = timezone.now()
    TicketAssignment.objects.create(
        ticket=ticket, from_kind=ticket.owner_kind, from_seller_id=ticket.owner_seller_id,
        from_location_id=ticket.owner_location_id, to_kind=kind, to_seller=seller, to_location=location,
        reason=reason, reason_code=notes.check(reason_code, what="reassignment reason"),
        reason_params=reason_params or {}, actor=actor, created_at=now)
    why = notes.nested(reason_code, **(reason_params or {})) if reason_code else reason
    _note(ticket, code=notes.GIVEN_TO, params={"owner": _owner_label(kind, seller, location), "reason": why}, at=now)
    ticket.owner_kind, ticket.owner_seller, ticket.owner_location = kind, seller, location
    ticket.waiting_on_owner, ticket.respond_by, ticket.updated_at = True, _respond_by(now), now
    ticket.save(update_fields=["owner_kind", "owner_seller", "owner_location", "waiting_on_owner", "respond_by",
                               "updated_at"])


def ticket_resolve(*, actor, ticket: Ticket, outcome: str, note: str) -> Ticket:
    """Close the ticket. Only an operator may uphold (or not) a complaint: upheld costs the seller credit, once.
    The owner's side resolves it; the shopper may withdraw it."""
    note = rules.check_text(note, field="note", max_length=rules.MAX_MESSAGE)
    if outcome not in (rules.UPHELD, rules.NOT_UPHELD, rules.RESOLVED, rules.WITHDRAWN):
        message = _("Choose how the ticket ends.")
        raise Unprocessable(message, code="invalid_outcome", errors={"outcome": [message]})
    with transaction.atomic():
        locked = locks.ticket_for_update(ticket.pk)
        roles = require(actor, shopper_id=locked.shopper_id, seller_ids=_seller_side_ids(locked),
                        allowed={rules.SHOPPER, rules.SELLER}, what=_("ticket"))
        if locked.state != Ticket.State.OPEN:
            raise Conflict(_("This ticket is resolved already."), code="ticket_resolved")
        allowed = {rules.UPHELD: is_operator(actor), rules.NOT_UPHELD: is_operator(actor),
                   rules.WITHDRAWN: rules.SHOPPER in roles,
                   rules.RESOLVED: is_operator(actor) or (rules.SELLER in roles and _owner_side(locked, rules.SELLER))}
        if not allowed[outcome]:
            raise PermissionDenied(_("You may not end this ticket that way."), code="resolve_not_allowed")
        now = timezone.now()
        role = rules.PLATFORM if is_operator(actor) else rules.SHOPPER if rules.SHOPPER in roles else rules.SELLER
        _note(locked, note, author=actor, role=role, at=now)
        locked.state, locked.outcome, locked.resolved_by = Ticket.State.RESOLVED, outcome, actor
        locked.resolved_at, locked.waiting_on_owner, locked.updated_at = now, False, now
        locked.save(update_fields=["state", "outcome", "resolved_at", "resolved_by", "waiting_on_owner",
                                   "updated_at"])
        if outcome == rules.UPHELD:
            credit.record(seller_id=locked.seller_id, kind="complaint_upheld", reference=f"ticket:{locked.number}",
                          note=_("Complaint %(number)s upheld: %(subject)s") % {"number": locked.number,
                                                                                 "subject": locked.subject_text})
    return locked


def ticket_deadline_missed(*, ticket_id: int) -> Ticket:
    """The owner let the response deadline pass: a seller or shop loses credit (once per ticket) and the ticket
    goes to the platform; a late platform is marked for the operators."""
    with transaction.atomic():
        locked = locks.ticket_for_update(ticket_id)
        now = timezone.now()
        missed = (locked.state == Ticket.State.OPEN and locked.waiting_on_owner
                  and rules.is_missed(locked.respond_by, now)
                  and (locked.deadline_missed_at is None or locked.deadline_missed_at < locked.respond_by))
        if not missed:
            return locked
        locked.deadline_missed_at = now
        locked.save(update_fields=["deadline_missed_at"])
        if locked.owner_kind == rules.OWNER_PLATFORM:
            _note(locked, code=notes.PLATFORM_LATE, at=now)
            return locked
        owner = _owner_label(locked.owner_kind, locked.owner_seller, locked.owner_location)
        credit.record(seller_id=locked.seller_id, kind="missed_deadline", reference=f"ticket:{locked.number}",
                      note=_("Ticket %(number)s was not answered in time.") % {"number": locked.number})
        _reassign(locked, (rules.OWNER_PLATFORM, None, None), actor=None,
                  reason_code=notes.NOT_ANSWERED_BY_DEADLINE, reason_params={"owner": owner})
    return locked


def ticket_deadlines_check(*, now=None, limit: int = 200) -> int:
    """Every open ticket whose owner's deadline passed (the periodic task); returns how many were handled."""
    now = now or timezone.now()
    due = list(Ticket.objects.open().filter(waiting_on_owner=True, respond_by__lte=now)
               .order_by("respond_by").values_list("pk", "respond_by", "deadline_missed_at")[:limit])
    handled = 0
    for pk, respond_by, missed_at in due:
        if missed_at is None or missed_at < respond_by:
            ticket_deadline_missed(ticket_id=pk)
            handled += 1
    return handled

