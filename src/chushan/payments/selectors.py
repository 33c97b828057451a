"""Reads: who may see a payment or a refund, and what the periodic tasks work through."""

from datetime import datetime

from django.db.models import QuerySet

from chushan.payments import payables
from chushan.payments.models import Payment, Refund, SandboxTrade


def _may_see(actor, payment: Payment) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return actor.is_staff or payment.payer_id == actor.pk


def payment_get(*, actor, payment_id: int) -> Payment | None:
    """The payment if `actor` paid it or is staff; None otherwise, so others cannot tell it exists."""
    payment = Payment.objects.filter(pk=payment_id).first()
    return payment if payment is not None and _may_see(actor, payment) else None


def may_refund(actor, payment: Payment) -> bool:
    """Staff may; otherwise the payable's registered kind decides (the seller who sold it, say)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_staff:
        return True
    kind, ref_id = payables.kind_of(payment.payable_ref)
    return bool(kind is not None and kind.may_refund(ref_id=ref_id, actor=actor))


def refundable_payment_get(*, actor, payment_id: int) -> Payment | None:
    """The payment if `actor` may see or refund it; None otherwise."""
    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is None or not (_may_see(actor, payment) or may_refund(actor, payment)):
        return None
    return payment


def refund_get(*, actor, refund_id: int) -> Refund | None:
    refund = Refund.objects.select_related("payment").filter(pk=refund_id).first()
    return refund if refund is not None and _may_see(actor, refund.payment) else None


def live_payment(payable_ref: str) -> Payment | None:
    return Payment.objects.filter(payable_ref=payable_ref, state__in=Payment.LIVE_STATES).first()


def payments_due_to_close(*, now: datetime, limit: int = 200) -> QuerySet[Payment]:
    return Payment.objects.filter(state=Payment.State.PENDING, expires_at__lte=now).order_by("expires_at")[:limit]


def refunds_unsettled(*, before: datetime, limit: int = 200) -> QuerySet[Refund]:
    return (Refund.objects.select_related("payment")
            .filter(state=Refund.State.PENDING, created_at__lte=before).order_by("pk")[:limit])


def sandbox_trade_get(out_trade_no: str) -> SandboxTrade | None:
    return SandboxTrade.objects.filter(out_trade_no=out_trade_no).first()
