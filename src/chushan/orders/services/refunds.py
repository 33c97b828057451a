"""Money back from a checkout's one payment: for an order cancelled after payment, for lines after-sales
agreed to refund, for an order that sold out while its payment was late, and for anything paid that no order
keeps. Each refund is requested through payments.refund_request inside the caller's transaction."""

from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, Unprocessable
from chushan.orders import locks, payables, reasons, rules
from chushan.orders.models import Checkout, Order, OrderLine, OrderRefund
from chushan.orders.services._access import require_roles
from chushan.orders.services.transitions import order_transition
from chushan.payments import services as payment_services
from chushan.payments.models import Payment


def paid_payment(checkout: Checkout) -> Payment | None:
    """The payment that took the checkout's money (money still in, or refunded since)."""
    return (Payment.objects.filter(payable_ref=checkout.payable_ref, state__in=[Payment.State.PAID,
                                                                               Payment.State.REFUNDED])
            .order_by("pk").first())


def request_refund(*, actor, checkout: Checkout, order: Order | None, amount: Decimal, reason: str,
                   lines: list | None = None, payment: Payment | None = None) -> OrderRefund:
    """Ask the provider for ``amount`` back on the checkout's payment, on behalf of ``actor`` (the shopper when
    the platform decides). Only here may a checkout's payment be refunded (payables.refund_authorised)."""
    payment = payment or paid_payment(checkout)
    if payment is None:
        raise Conflict(_("This checkout has no payment to refund."), code="nothing_paid")
    with payables.refund_authorised(str(checkout.pk)):
        refund = payment_services.refund_request(actor=actor or checkout.shopper, payment=payment, amount=amount,
                                                 reason=reason[:200])
    if order is not None:
        Order.objects.filter(pk=order.pk).update(refund_requested_amount=F("refund_requested_amount") + amount)
        order.refund_requested_amount += amount
    return OrderRefund.objects.create(checkout=checkout, order=order, refund=refund, amount=amount,
                                      reason=reason[:200], lines=lines or [])


def _refund_lines_checked(order: Order, lines: list[tuple[int, int]]) -> list[tuple[OrderLine, int]]:
    found = {line.pk: line for line in order.lines.select_for_update()}
    errors, picked = {}, []
    for index, (line_id, units) in enumerate(lines):
        line = found.get(line_id)
        if line is None:
            errors[f"lines.{index}.order_line_id"] = [_("This line is not part of the order.")]
        elif isinstance(units, bool) or not isinstance(units, int) or not 1 <= units <= line.quantity - \
                line.refunded_quantity:
            errors[f"lines.{index}.quantity"] = [_("Refund from 1 to %(left)d units of this line.") % {
                "left": line.quantity - line.refunded_quantity}]
        else:
            picked.append((line, units))
    if len({line_id for line_id, _units in lines}) != len(lines):
        errors["lines"] = [_("Name each line once.")]
    if errors or not picked:
        raise Unprocessable(_("The lines to refund are not valid."), code="invalid_refund_lines",
                            errors=errors or {"lines": [_("Name at least one line.")]})
    return picked


def order_refund_lines(*, actor, order: Order, lines: list[tuple[int, int]], reason: str) -> OrderRefund:
    """Refund ``units`` of some lines of a paid order (after-sales): unit price × units each, marked on the lines.
    The seller's staff, an operator or the platform may; putting goods back on a shelf is after-sales' own step."""
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise Unprocessable(_("Say why, in at most 200 characters."), errors={"reason": [_("Required.")]})
    with transaction.atomic():
        checkout = locks.checkout_for_update(order.checkout_id)
        locked = locks.order_for_update(order.pk)
        require_roles(actor, locked, {rules.SELLER})
        if locked.state not in rules.REFUNDABLE or locked.paid_at is None:
            raise Conflict(_("Only a paid order can be refunded; this one is %(state)s.") % {
                "state": locked.get_state_display()}, code="order_not_refundable")
        picked = _refund_lines_checked(locked, lines)
        amount = rules.lines_refund_amount([(line.unit_price, units) for line, units in picked])
        if amount > rules.refund_left(total=locked.total, requested=locked.refund_requested_amount):
            raise Conflict(_("That is more than is left to refund on this order."), code="refund_over_limit")
        for line, units in picked:
            OrderLine.objects.filter(pk=line.pk).update(refunded_quantity=F("refunded_quantity") + units)
        refunded = request_refund(actor=actor, checkout=checkout, order=locked, amount=amount, reason=reason,
                                  lines=[[line.pk, units] for line, units in picked])
    order.refund_requested_amount = locked.refund_requested_amount
    return refunded


def order_refund_settle(*, refund_id: int, succeeded: bool) -> OrderRefund | None:
    """The provider's answer about a refund (REFUND_SUCCEEDED / REFUND_FAILED): an order whose every yuan has
    gone back becomes refunded. Applying the same answer twice changes nothing."""
    with transaction.atomic():
        found = OrderRefund.objects.filter(refund_id=refund_id).values_list("pk", "checkout_id", "order_id").first()
        if found is None:
            return None
        refund_pk, checkout_id, order_id = found
        locks.checkout_for_update(checkout_id)
        order = locks.order_for_update(order_id) if order_id else None
        refund = OrderRefund.objects.select_for_update().get(pk=refund_pk)
        target = OrderRefund.State.SUCCEEDED if succeeded else OrderRefund.State.FAILED
        if refund.state == target or refund.state == OrderRefund.State.SUCCEEDED:
            return refund
        before, refund.state = refund.state, target
        refund.save(update_fields=["state"])
        if order is not None:
            _apply_to_order(order, refund, before=before, succeeded=succeeded)
    return refund


def _apply_to_order(order: Order, refund: OrderRefund, *, before: str, succeeded: bool) -> None:
    if not succeeded:
        # A failed refund gives its room back, so staff (or the next cancellation) can ask again.
        Order.objects.filter(pk=order.pk).update(refund_requested_amount=F("refund_requested_amount") - refund.amount)
        return
    if before == OrderRefund.State.FAILED:  # a late success after a failure: the room is taken again
        Order.objects.filter(pk=order.pk).update(refund_requested_amount=F("refund_requested_amount") + refund.amount)
    Order.objects.filter(pk=order.pk).update(refunded_amount=F("refunded_amount") + refund.amount)
    order.refresh_from_db(fields=["refunded_amount", "state"])
    if order.refunded_amount >= order.total and rules.transition_allowed(order.state, rules.REFUNDED,
                                                                          kind=order.kind):
        order_transition(actor=None, order=order, to_state=rules.REFUNDED, reason_code=reasons.REFUNDED_IN_FULL)


def refund_remainder(*, checkout: Checkout, payment: Payment, reason: str) -> list[OrderRefund]:
    """Refund whatever of ``payment`` no paid order keeps: first to the orders cancelled before they were paid
    (up to each one's total), the rest to the checkout. Safe to run again: it refunds only what is left."""
    payment.refresh_from_db(fields=["state", "amount", "refund_committed_amount"])
    if payment.state != Payment.State.PAID:
        return []
    orders = list(Order.objects.filter(checkout=checkout).order_by("pk"))
    kept = rules.money_kept([(o.total, o.refund_requested_amount) for o in orders if o.paid_at is not None])
    left = payment.amount - kept - payment.refund_committed_amount
    made = []
    for order in orders:
        if left <= 0:
            break
        if order.paid_at is None and order.state == rules.CANCELLED:
            amount = min(left, rules.refund_left(total=order.total, requested=order.refund_requested_amount))
            if amount > 0:
                made.append(request_refund(actor=None, checkout=checkout, order=order, amount=amount, reason=reason,
                                           payment=payment))
                left -= amount
    if left > 0:
        made.append(request_refund(actor=None, checkout=checkout, order=None, amount=left, reason=reason,
                                   payment=payment))
    return made
