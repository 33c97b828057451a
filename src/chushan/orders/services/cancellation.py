"""Cancelling an order before its goods leave: an unpaid one gives back its stock hold; a paid one puts its
goods back on the shelf and is refunded what it has not been refunded yet. An uncollected pick-up is
cancelled the same way once its hold time is over."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import ApplicationError, Conflict
from chushan.inventory import services as stock_services
from chushan.orders import locks, reasons, rules
from chushan.orders.models import Checkout, Order, OrderLine, PickupCode
from chushan.orders.services._access import member_seller_id, require_roles
from chushan.orders.services.refunds import request_refund
from chushan.orders.services.settlement import MONEY_IN, checkout_payment_settle, release_lines
from chushan.orders.services.transitions import order_transition
from chushan.payments import selectors as payment_selectors
from chushan.payments import services as payment_services
from chushan.payments.models import Payment
from chushan.pricing import services as price_services

log = logging.getLogger(__name__)


def _stop_payment(checkout: Checkout) -> None:
    """Close the checkout's waiting payment before its total changes; if it turns out paid, settle it first so
    the cancellation below is a paid one (goods back on the shelf, money back)."""
    live = payment_selectors.live_payment(checkout.payable_ref) if checkout.payable_ref else None
    if live is not None and live.state == Payment.State.PENDING:
        live = payment_services.payment_close(actor=None, payment=live)
    if live is not None and live.state in MONEY_IN:
        checkout_payment_settle(payable_ref=checkout.payable_ref, payment_id=live.pk)


def _restock(*, actor, order: Order, reason: str, reason_code: str, reason_params: dict | None) -> None:
    """Put a paid order's goods back where they were sold from (those not refunded and restocked already)."""
    counter_actor = actor if member_seller_id(actor) == order.seller_id else None
    for line in order.lines.select_related("sku", "location").order_by("pk"):
        units = line.quantity - line.restocked_quantity
        if units <= 0:
            continue
        stock_services.stock_return(actor=counter_actor, sku=line.sku, location=line.location, quantity=units,
                                    reference=order.number, reason=reason[:200],
                                    reason_code=reasons.named(reason_code),
                                    reason_params=reason_params, channel=order.channel.code)
        OrderLine.objects.filter(pk=line.pk).update(restocked_quantity=F("restocked_quantity") + units)


def _recount_checkout(checkout: Checkout) -> None:
    """An unpaid checkout's total is what its orders still waiting add up to; with none left it is cancelled."""
    waiting = Order.objects.filter(checkout=checkout, state=rules.PENDING_PAYMENT)
    checkout.total = sum(waiting.values_list("total", flat=True), rules.ZERO)
    fields = ["total"]
    if not waiting.exists() and checkout.state == Checkout.State.PENDING_PAYMENT:
        checkout.state, checkout.closed_at = Checkout.State.CANCELLED, timezone.now()
        fields += ["state", "closed_at"]
    checkout.save(update_fields=fields)


def _default_reason_code(roles: set[str]) -> str:
    if rules.SHOPPER in roles:
        return reasons.CANCELLED_BY_SHOPPER
    if rules.SELLER in roles:
        return reasons.CANCELLED_BY_SELLER
    return reasons.CANCELLED


def order_cancel(*, actor, order: Order, reason: str = "", reason_code: str = "",
                 reason_params: dict | None = None) -> Order:
    """Cancel an order before it is shipped or picked up (the shopper, the seller, an operator, the platform).
    ``reason`` is what the person typed; without it the history says who cancelled, in the reader's language."""
    roles = require_roles(actor, order, {rules.SHOPPER, rules.SELLER})
    reason = (reason or "").strip()[:200]
    if reason:
        reason_code, reason_params = "", None
    elif not reason_code:
        reason_code = _default_reason_code(roles)
    elif reason_code not in reasons.MESSAGES:
        raise ValueError(f"unknown order transition reason code {reason_code!r}")
    # Payment records take text, not codes: they get the words in the language active now. The stock ledger
    # takes what was typed, or else the code, and shows it in its reader's language.
    text = reason or reasons.render(reason_code, reason_params)
    why = {"reason": reason, "reason_code": reason_code, "reason_params": reason_params}
    if order.state == rules.PENDING_PAYMENT:
        _stop_payment(order.checkout)
    with transaction.atomic():
        checkout = locks.checkout_for_update(order.checkout_id)
        locked = locks.order_for_update(order.pk)
        if locked.state not in rules.CANCELLABLE:
            raise Conflict(_("This order is %(state)s; it can no longer be cancelled. Ask for a return instead.")
                           % {"state": locked.get_state_display()}, code="not_cancellable")
        was_paid = locked.paid_at is not None
        if was_paid:
            _restock(actor=actor, order=locked, **why)
            price_services.promotion_redemptions_release(
                actor=None, references=[f"order_line:{pk}" for pk in locked.lines.values_list("pk", flat=True)])
        else:
            release_lines(order=locked, **why)
        order_transition(actor=actor, order=locked, to_state=rules.CANCELLED, reason=reason,
                         reason_code=reason_code, reason_params=reason_params)
        if was_paid:
            left = rules.refund_left(total=locked.total, requested=locked.refund_requested_amount)
            if left > 0:
                request_refund(actor=actor, checkout=checkout, order=locked, amount=left,
                               reason=_("Order %(number)s cancelled: %(reason)s") % {"number": locked.number,
                                                                                     "reason": text})
        else:
            _recount_checkout(checkout)
    order.state = locked.state
    return locked


def pickups_release_uncollected(*, now=None, limit: int = 200) -> int:
    """Cancel pick-ups not collected within settings.CHUSHAN_PICKUP_HOLD_DAYS: back on the shelf, refunded."""
    now = now or timezone.now()
    due = list(PickupCode.objects.filter(used_at__isnull=True, expires_at__lte=now,
                                         order__state=rules.READY_FOR_PICKUP)
               .select_related("order__checkout").order_by("expires_at", "pk")[:limit])
    released = 0
    for code in due:
        try:
            order_cancel(actor=None, order=code.order, reason_code=reasons.NOT_COLLECTED,
                         reason_params={"days": settings.CHUSHAN_PICKUP_HOLD_DAYS})
            released += 1
        except ApplicationError as exc:
            log.warning("could not release uncollected order %s: %s", code.order.number, exc)
    return released
