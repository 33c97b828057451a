"""Refunds: requested under the payment's lock, never more than was paid, settled by the provider's answer."""

import logging
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chushan.core import events
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.payments import locks, rules, selectors
from chushan.payments.models import Payment, Refund
from chushan.payments.providers import get_provider
from chushan.payments.providers.base import REFUND_PENDING, ProviderError, RefundStatus
from chushan.payments.services.payments import book_of, new_reference

log = logging.getLogger(__name__)

REFUSALS = {
    "not_paid": gettext_lazy("Only a paid payment can be refunded."),
    "fully_refunded": gettext_lazy("This payment has been refunded in full already."),
    "over_limit": gettext_lazy("That is more than is left to refund: at most ¥%(left)s."),
}


def _clean(amount, reason: str) -> tuple[Decimal, str]:
    errors = {}
    try:
        amount = rules.cny(amount)
    except rules.BadAmount:
        errors["amount"] = [_("Enter an amount in yuan above zero with at most two decimals.")]
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        errors["reason"] = [_("Say why, in at most 200 characters.")]
    if errors:
        raise Unprocessable(_("The refund request is not valid."), errors=errors)
    return amount, reason


def refund_request(*, actor, payment: Payment, amount, reason: str, idempotency: str | None = None) -> Refund:
    """Refund part or all of a paid payment; the same `idempotency` key returns the same refund."""
    amount, reason = _clean(amount, reason)
    with transaction.atomic():
        locked = locks.payment_for_update(payment.pk)
        if not selectors.may_refund(actor, locked):
            raise PermissionDenied(_("You may not refund this payment."))
        if idempotency and (same := locked.refunds.filter(idempotency_key=idempotency).first()):
            if same.amount != amount:
                raise Unprocessable(_("This key was used for a refund of another amount."),
                                    code="idempotency_key_reused")
            return same
        if problem := rules.refund_problem(book_of(locked), amount):
            message = REFUSALS[problem] % {"left": locked.refundable_amount}
            raise Unprocessable(message, code=f"refund_{problem}", errors={"amount": [message]})
        # The counter and its CheckConstraint hold the line even if two requests slipped past the lock.
        Payment.objects.filter(pk=locked.pk).update(refund_committed_amount=F("refund_committed_amount") + amount)
        refund = Refund.objects.create(reference=new_reference("CR"), payment=locked, amount=amount, reason=reason,
                                       requested_by=actor, idempotency_key=idempotency or "")
    return _ask_provider(refund)


def _ask_provider(refund: Refund) -> Refund:
    gateway = get_provider(refund.payment.provider)
    try:
        if gateway is None:
            raise ProviderError(_("The provider is switched off."))
        answer = gateway.refund(refund)
    except ProviderError as exc:
        # The refund stays pending; refunds_sync asks again under the same reference, which providers dedup.
        log.warning("refund %s not accepted yet: %s", refund.reference, exc)
        return refund
    return refund_record(refund_id=refund.pk, answer=answer)


def refund_record(*, refund_id: int, answer: RefundStatus) -> Refund:
    """Record what the provider said about a refund; moves forward only, publishes on the transition."""
    refund = Refund.objects.only("payment_id").get(pk=refund_id)
    with transaction.atomic():
        payment = locks.payment_for_update(refund.payment_id)
        refund = locks.refund_for_update(refund_id)
        observe_refund(payment, refund, answer)
    return refund


def observe_refund(payment: Payment, refund: Refund, answer: RefundStatus) -> bool:
    """Apply a provider's answer to a refund; both rows locked by the caller (payment first)."""
    before = refund.state
    after = rules.refund_transition(before, answer.status)
    if after == before:
        return False
    book = rules.observe_refund(book_of(payment), before=before, after=after, amount=refund.amount)
    if book.refund_committed > payment.amount:
        # A success after a failure whose room another refund has taken: the money went back twice.
        payment.state = Payment.State.FLAGGED
        payment.flag_reason = _("Refund %(ref)s succeeded after it had failed and its room was reused.") % {
            "ref": refund.reference}
        payment.save(update_fields=["state", "flag_reason"])
    else:
        payment.state, payment.refund_committed_amount, payment.refunded_amount = (
            book.state, book.refund_committed, book.refunded)
        payment.save(update_fields=["state", "refund_committed_amount", "refunded_amount"])
    refund.state = after
    refund.completed_at = timezone.now() if after != REFUND_PENDING else None
    refund.provider_refund_no = refund.provider_refund_no or answer.provider_refund_no
    refund.failure_reason = answer.detail[:200] if after == Refund.State.FAILED else ""
    refund.save(update_fields=["state", "completed_at", "provider_refund_no", "failure_reason"])
    event = events.REFUND_SUCCEEDED if after == Refund.State.SUCCEEDED else events.REFUND_FAILED
    events.publish(event, payable_ref=payment.payable_ref, payment_id=payment.pk, refund_id=refund.pk)
    return True


def refunds_sync(*, settle_after: timedelta = timedelta(minutes=1)) -> int:
    """Ask the provider about refunds still pending (the periodic task); re-send those it never got."""
    settled = 0
    for refund in selectors.refunds_unsettled(before=timezone.now() - settle_after):
        gateway = get_provider(refund.payment.provider)
        if gateway is None:
            continue
        try:
            answer = gateway.refund_query(refund)
            if answer.status == REFUND_PENDING and answer.detail == "unknown":
                answer = gateway.refund(refund)
        except ProviderError as exc:
            log.warning("refund %s: %s", refund.reference, exc)
            continue
        if refund_record(refund_id=refund.pk, answer=answer).state != Refund.State.PENDING:
            settled += 1
    return settled
