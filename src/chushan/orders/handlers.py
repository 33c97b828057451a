"""Reactions to the payments app's events (they run after its transaction commits). A failure is logged and
never breaks the notification that caused it: checkouts_reconcile settles a payment whose event was lost."""

import logging

from chushan.orders import payables, services

log = logging.getLogger(__name__)


def payment_succeeded(*, payable_ref: str, payment_id: int, **_payload) -> None:
    if payables.checkout_pk(payable_ref) is None:
        return
    try:
        services.checkout_payment_settle(payable_ref=payable_ref, payment_id=payment_id)
    except Exception:
        log.exception("could not settle %s (payment %s); the reconcile sweep will retry", payable_ref, payment_id)


def _refund(refund_id: int, *, succeeded: bool, payable_ref: str) -> None:
    if payables.checkout_pk(payable_ref) is None:
        return
    try:
        services.order_refund_settle(refund_id=refund_id, succeeded=succeeded)
    except Exception:
        log.exception("could not record refund %s of %s", refund_id, payable_ref)


def refund_succeeded(*, payable_ref: str, refund_id: int, **_payload) -> None:
    _refund(refund_id, succeeded=True, payable_ref=payable_ref)


def refund_failed(*, payable_ref: str, refund_id: int, **_payload) -> None:
    _refund(refund_id, succeeded=False, payable_ref=payable_ref)
