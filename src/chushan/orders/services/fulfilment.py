"""The seller's side of an order (pack, ship, ready for pick-up, delivered), the shopper's confirmation, and
the hand-over at the counter: the clerk types or scans the pick-up code, which works exactly once."""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, NotFound, Unprocessable
from chushan.inventory.models import Location
from chushan.orders import locks, reasons, rules
from chushan.orders.models import Order, PickupCode
from chushan.orders.notifiers import get_notifier
from chushan.orders.services._access import require_counter_staff, require_roles
from chushan.orders.services.settlement import issue_pickup_code
from chushan.orders.services.transitions import order_transition


def order_pack(*, actor, order: Order) -> Order:
    require_roles(actor, order, {rules.SELLER})
    return order_transition(actor=actor, order=order, to_state=rules.PACKED, reason_code=reasons.PACKED)


def order_ship(*, actor, order: Order, tracking_number: str = "") -> Order:
    """Hand a delivery order to the carrier, with its tracking number if there is one."""
    tracking_number = (tracking_number or "").strip()
    if len(tracking_number) > 60 or "\x00" in tracking_number:
        message = _("A tracking number has at most 60 characters.")
        raise Unprocessable(message, code="invalid_tracking_number", errors={"tracking_number": [message]})
    require_roles(actor, order, {rules.SELLER})
    with transaction.atomic():
        shipped = order_transition(
            actor=actor, order=order, to_state=rules.SHIPPED,
            reason_code=reasons.SHIPPED_TRACKING if tracking_number else reasons.SHIPPED,
            reason_params={"tracking": tracking_number} if tracking_number else None)
        Order.objects.filter(pk=shipped.pk).update(tracking_number=tracking_number)
        shipped.tracking_number = order.tracking_number = tracking_number
    return shipped


def order_deliver(*, actor, order: Order) -> Order:
    require_roles(actor, order, {rules.SELLER, rules.SHOPPER})
    return order_transition(actor=actor, order=order, to_state=rules.DELIVERED, reason_code=reasons.DELIVERED)


def order_confirm_received(*, actor, order: Order) -> Order:
    """The shopper says it arrived: a shipped order becomes delivered, and a delivered or collected one
    completed."""
    require_roles(actor, order, {rules.SHOPPER})
    with transaction.atomic():
        if order.state == rules.SHIPPED:
            order = order_transition(actor=actor, order=order, to_state=rules.DELIVERED,
                                     reason_code=reasons.RECEIPT_CONFIRMED)
        return order_transition(actor=actor, order=order, to_state=rules.COMPLETED,
                                reason_code=reasons.RECEIPT_CONFIRMED)


def _notify_ready(order_id: int) -> None:
    code = PickupCode.objects.select_related("order", "location").get(order_id=order_id)
    get_notifier().ready(order=code.order, code=code.code, location=code.location, expires_at=code.expires_at)


def order_ready_for_pickup(*, actor, order: Order) -> Order:
    """The goods wait at the shop: the code starts to work, the shopper is told, the hold time starts."""
    require_roles(actor, order, {rules.SELLER})
    with transaction.atomic():
        ready = order_transition(actor=actor, order=order, to_state=rules.READY_FOR_PICKUP,
                                 reason_code=reasons.READY_FOR_PICKUP)
        code = issue_pickup_code(ready)
        now = timezone.now()
        code.ready_at, code.expires_at = now, rules.pickup_expiry(now, settings.CHUSHAN_PICKUP_HOLD_DAYS)
        code.save(update_fields=["ready_at", "expires_at"])
        transaction.on_commit(partial(_notify_ready, ready.pk))
    return ready


def _code_at(*, actor, location: Location, code: str, for_update: bool) -> PickupCode:
    require_counter_staff(actor, location)
    code = rules.check_pickup_code(code)
    if for_update:
        found = locks.pickup_code_for_update(code=code, location_id=location.pk)
    else:
        found = PickupCode.objects.select_related("order").filter(code=code, location=location).first()
    if found is None:
        raise NotFound(_("No order waits here under this code; check the digits and the shop."),
                       code="pickup_not_found")
    return found


def order_pickup_find(*, actor, location: Location, code: str) -> Order:
    """The order a code opens at this shop (for the clerk to check before handing over); 404 elsewhere."""
    return _code_at(actor=actor, location=location, code=code, for_update=False).order


def order_pickup_complete(*, actor, location: Location, code: str) -> Order:
    """Hand the order over. A code works once: a second use, even at the same instant, gets 409."""
    with transaction.atomic():
        found = _code_at(actor=actor, location=location, code=code, for_update=True)
        if found.used_at is not None:
            raise Conflict(_("This code was used at %(when)s; the order has been collected.") % {
                "when": timezone.localtime(found.used_at).strftime("%Y-%m-%d %H:%M")}, code="pickup_code_used")
        order = found.order
        if order.state != rules.READY_FOR_PICKUP:
            raise Conflict(_("This order is %(state)s, not waiting for pick-up.") % {
                "state": order.get_state_display()}, code="pickup_not_ready")
        now = timezone.now()
        if not PickupCode.objects.filter(pk=found.pk, used_at__isnull=True).update(used_at=now, used_by=actor):
            raise Conflict(_("This code was used already."), code="pickup_code_used")
        order = order_transition(actor=actor, order=order, to_state=rules.PICKED_UP,
                                 reason_code=reasons.COLLECTED_AT, reason_params={"shop": location.name})
    return order
