"""Provider notifications: verified, recorded once under a unique key, applied monotonically."""

from collections.abc import Mapping
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, NotFound
from chushan.payments import locks, rules
from chushan.payments.models import NotificationNonce, PaymentNotification, Refund
from chushan.payments.providers import get_provider
from chushan.payments.providers.base import Notice, RefundStatus
from chushan.payments.services.payments import observe
from chushan.payments.services.refunds import observe_refund


class ReplayedNotification(Conflict):
    code = "replayed_notification"


def payment_notify(*, provider: str, body: bytes, headers: Mapping[str, str]) -> PaymentNotification | None:
    """Handle one delivery from `provider`; returns the new record, or None for a copy already handled.

    A bad signature raises before anything is written. An unknown payment or refund raises NotFound and
    writes nothing, so the provider sends it again later.
    """
    gateway = get_provider(provider)
    if gateway is None:
        raise NotFound(_("No payment provider called %(provider)s.") % {"provider": provider})
    notice = gateway.verify_notification(body=body, headers=headers, now=timezone.now())
    if notice.ignorable:
        return None
    with transaction.atomic():
        if notice.nonce:
            _spend_nonce(provider, notice.nonce)
        try:
            with transaction.atomic():
                record = PaymentNotification.objects.create(
                    provider=provider, dedup_key=notice.dedup_key[:128], kind=notice.kind, status=notice.status,
                    body=body.decode("utf-8", errors="replace"))
        except IntegrityError:
            return None  # a copy of a notification already handled (a racing twin waited for it here)
        if notice.kind == "refund":
            refund_notify(record=record, notice=notice)
        else:
            _payment_notice(record, notice)
    return record


def _spend_nonce(provider: str, nonce: str) -> None:
    try:
        with transaction.atomic():
            NotificationNonce.objects.create(provider=provider, nonce=nonce[:64])
    except IntegrityError as exc:
        raise ReplayedNotification(_("This notification was delivered before; a replay is ignored.")) from exc


def _payment_notice(record: PaymentNotification, notice: Notice) -> None:
    payment = locks.payment_by_reference_for_update(provider=record.provider, reference=notice.out_trade_no)
    if payment is None:
        raise NotFound(_("No payment with trade number %(ref)s.") % {"ref": notice.out_trade_no})
    changed = observe(payment, status=notice.status, amount=notice.amount,
                      provider_trade_no=notice.provider_trade_no)
    record.payment = payment
    record.outcome = _outcome(changed, payment.state)
    record.save(update_fields=["payment", "outcome"])


def refund_notify(*, record: PaymentNotification, notice: Notice) -> None:
    """Apply a refund notification (recorded by payment_notify) to its refund and payment."""
    found = Refund.objects.filter(reference=notice.out_refund_no, payment__provider=record.provider).first()
    if found is None:
        raise NotFound(_("No refund with number %(ref)s.") % {"ref": notice.out_refund_no})
    payment = locks.payment_for_update(found.payment_id)
    refund = locks.refund_for_update(found.pk)
    changed = observe_refund(payment, refund, RefundStatus(status=notice.status,
                                                           provider_refund_no=notice.provider_trade_no))
    record.payment, record.refund = payment, refund
    record.outcome = _outcome(changed, payment.state)
    record.save(update_fields=["payment", "refund", "outcome"])


def _outcome(changed: bool, state: str) -> str:
    if state == rules.FLAGGED and changed:
        return PaymentNotification.Outcome.FLAGGED
    return PaymentNotification.Outcome.APPLIED if changed else PaymentNotification.Outcome.NO_CHANGE


def notification_nonces_purge(*, older_than=None) -> int:
    """Forget nonces older than any signature we would still accept."""
    cutoff = timezone.now() - (older_than or timedelta(days=1))
    with transaction.atomic():
        deleted, _detail = NotificationNonce.objects.filter(received_at__lt=cutoff).delete()
    return deleted
