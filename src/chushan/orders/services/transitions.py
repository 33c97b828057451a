"""The one place an order's state changes: checked against the rules' table, kept with its actor, time and
reason, and announced through chushan.core.events once the transaction commits."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core import events
from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.orders import events as order_events
from chushan.orders import locks, reasons, rules
from chushan.orders.models import Order, OrderTransition
from chushan.orders.services._access import roles_of

SIMPLE_EVENTS = {
    rules.PAID: order_events.ORDER_PAID,
    rules.COMPLETED: order_events.ORDER_COMPLETED,
    rules.CANCELLED: order_events.ORDER_CANCELLED,
    rules.REFUNDED: order_events.ORDER_REFUNDED,
}
TIMESTAMPS = {rules.PAID: "paid_at", rules.SHIPPED: "shipped_at", rules.COMPLETED: "closed_at",
              rules.CANCELLED: "closed_at", rules.REFUNDED: "closed_at"}


def _check_reason(reason) -> str:
    text = (reason or "").strip() if isinstance(reason, str) or reason is None else None
    if text is None or len(text) > 200 or "\x00" in text:
        message = _("Say why in at most 200 characters.")
        raise Unprocessable(message, code="invalid_reason", errors={"reason": [message]})
    return text


def order_transition(*, actor, order: Order, to_state: str, reason: str = "", reason_code: str = "",
                     reason_params: dict | None = None) -> Order:
    """Move ``order`` to ``to_state`` if the table allows it for this actor (None: the platform). ``reason`` is
    what a person typed; the platform's own words go as ``reason_code`` (see reasons.py), translated when shown."""
    reason = _check_reason(reason)
    if reason_code and reason_code not in reasons.MESSAGES:
        raise ValueError(f"unknown order transition reason code {reason_code!r}")
    if to_state not in Order.State.values:
        raise Unprocessable(_("There is no order state %(state)s.") % {"state": to_state}, code="unknown_state")
    with transaction.atomic():
        locked = locks.order_for_update(order.pk)
        roles = roles_of(actor, locked)
        if not roles:
            raise NotFound(_("There is no such order."), code="order_not_found")
        if not rules.transition_allowed(locked.state, to_state, kind=locked.kind):
            raise Conflict(_("This order is %(state)s; it cannot become %(to)s.") % {
                "state": locked.get_state_display(), "to": Order.State(to_state).label}, code="invalid_transition",
                extra={"state": locked.state})
        if not any(rules.may_transition(locked.state, to_state, kind=locked.kind, role=r) for r in roles):
            raise PermissionDenied(_("You may not move this order to %(to)s.") % {"to": Order.State(to_state).label},
                                   code="transition_not_yours")
        now = timezone.now()
        from_state, locked.state, locked.updated_at = locked.state, to_state, now
        fields = ["state", "updated_at"]
        if to_state in TIMESTAMPS:
            setattr(locked, TIMESTAMPS[to_state], now)
            fields.append(TIMESTAMPS[to_state])
        locked.save(update_fields=fields)
        OrderTransition.objects.create(order=locked, from_state=from_state, to_state=to_state, actor=actor,
                                       reason=reason, reason_code=reason_code,
                                       reason_params=reason_params or {}, created_at=now)
        _announce(locked, to_state, now)
    order.state, order.updated_at = locked.state, locked.updated_at
    for field in fields:
        setattr(order, field, getattr(locked, field))
    return locked


def _trace_lines(lines) -> list[dict]:
    return [{"gtin": line.sku.gtin, "lot": None, "serial": None, "quantity": line.quantity - line.refunded_quantity}
            for line in lines if line.sku.gtin and line.quantity > line.refunded_quantity]


def _announce(order: Order, to_state: str, now) -> None:
    if to_state in SIMPLE_EVENTS:
        events.publish(SIMPLE_EVENTS[to_state], order_id=order.pk)
        return
    if to_state not in (rules.SHIPPED, rules.PICKED_UP):
        return
    lines = list(order.lines.select_related("sku", "location"))
    common = {"order_id": order.pk, "seller_id": order.seller_id, "order_ref": order.number,
              "shopper_id": order.shopper_id, "occurred_at": now}
    if to_state == rules.PICKED_UP:
        place = order.pickup_location
        events.publish(order_events.ORDER_PICKED_UP, lines=_trace_lines(lines), location_gln=place.gln,
                       location_name=place.name, **common)
        return
    by_place = defaultdict(list)
    for line in lines:
        by_place[line.location].append(line)
    for place, place_lines in sorted(by_place.items(), key=lambda item: item[0].pk):
        events.publish(order_events.ORDER_SHIPPED, lines=_trace_lines(place_lines), location_gln=place.gln,
                       location_name=place.name, **common)
