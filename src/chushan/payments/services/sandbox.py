"""The sandbox provider's own side: its trades, its refunds and its outbox of signed notifications.

It behaves like Alipay or WeChat Pay seen from outside: the shopper pays or fails on its page, it notifies us
asynchronously and resends until we answer "success", it can send copies (CHUSHAN_PAYMENT_PROVIDERS
["sandbox"]["duplicates"]) and late ones, and refunds settle by a later notification.
"""

import json
import logging
import secrets
from datetime import timedelta
from decimal import Decimal
from functools import partial

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import ApplicationError, NotFound, Unprocessable
from chushan.payments.models import SandboxNotification, SandboxRefund, SandboxTrade

log = logging.getLogger(__name__)
# Seconds before each resend, as Alipay spaces its retries; after the last one the sandbox gives up.
RETRY_DELAYS = [60, 240, 600, 600, 3600, 7200, 21600, 54000]
LEASE = timedelta(minutes=2)


def _config() -> dict:
    return settings.CHUSHAN_PAYMENT_PROVIDERS["sandbox"]


def sandbox_trade_open(*, out_trade_no: str, amount: Decimal, subject: str, return_url: str = "") -> SandboxTrade:
    with transaction.atomic():
        trade, _created = SandboxTrade.objects.get_or_create(
            out_trade_no=out_trade_no,
            defaults={"trade_no": "SB" + secrets.token_hex(10).upper(), "amount": amount, "subject": subject[:120],
                      "return_url": return_url[:500]})
    return trade


def _trade_for_update(out_trade_no: str) -> SandboxTrade:
    trade = SandboxTrade.objects.select_for_update().filter(out_trade_no=out_trade_no).first()
    if trade is None:
        raise NotFound(_("The sandbox has no trade %(ref)s.") % {"ref": out_trade_no})
    return trade


def sandbox_trade_pay(*, out_trade_no: str) -> SandboxTrade:
    """The shopper pays on the sandbox page; the merchant hears of it asynchronously."""
    with transaction.atomic():
        trade = _trade_for_update(out_trade_no)
        if trade.status == SandboxTrade.Status.SUCCESS:
            return trade
        if trade.status != SandboxTrade.Status.WAITING:
            raise Unprocessable(_("This payment is closed; go back to the shop and start it again."),
                                code="trade_closed")
        trade.status, trade.paid_at = SandboxTrade.Status.SUCCESS, timezone.now()
        trade.save(update_fields=["status", "paid_at"])
        _enqueue("trade.success", trade, amount=str(trade.amount))
    return trade


def sandbox_trade_fail(*, out_trade_no: str) -> SandboxTrade:
    """The shopper's payment fails (a declined card, say); the trade can no longer be paid."""
    with transaction.atomic():
        trade = _trade_for_update(out_trade_no)
        if trade.status != SandboxTrade.Status.WAITING:
            raise Unprocessable(_("This payment is no longer waiting."), code="trade_not_waiting")
        trade.status = SandboxTrade.Status.FAILED
        trade.save(update_fields=["status"])
        _enqueue("trade.failed", trade)
    return trade


def sandbox_trade_close(*, out_trade_no: str) -> bool:
    """Close an unpaid trade, as the merchant's close call does; False when it was paid."""
    with transaction.atomic():
        trade = SandboxTrade.objects.select_for_update().filter(out_trade_no=out_trade_no).first()
        if trade is None:
            return True  # never opened: nothing to pay
        if trade.status == SandboxTrade.Status.SUCCESS:
            return False
        if trade.status == SandboxTrade.Status.WAITING:
            trade.status = SandboxTrade.Status.CLOSED
            trade.save(update_fields=["status"])
    return True


def sandbox_refund_open(*, out_trade_no: str, out_refund_no: str, amount: Decimal) -> SandboxRefund:
    """Accept a refund request; the outcome comes later by notification. Same out_refund_no, same refund."""
    with transaction.atomic():
        trade = _trade_for_update(out_trade_no)
        existing = trade.refunds.filter(out_refund_no=out_refund_no).first()
        if existing is not None:
            return existing
        taken = trade.refunds.filter(~Q(status=SandboxRefund.Status.FAILED)).aggregate(s=Sum("amount"))["s"] or 0
        ok = trade.status == SandboxTrade.Status.SUCCESS and taken + amount <= trade.amount
        refund = SandboxRefund.objects.create(
            trade=trade, out_refund_no=out_refund_no, refund_no="SR" + secrets.token_hex(10).upper(), amount=amount,
            status=SandboxRefund.Status.SUCCESS if ok else SandboxRefund.Status.FAILED)
        _enqueue("refund.success" if ok else "refund.failed", trade, out_refund_no=out_refund_no,
                 refund_no=refund.refund_no, refund_amount=str(amount))
    return refund


def _enqueue(event: str, trade: SandboxTrade, **fields) -> SandboxNotification:
    config = _config()
    event_id = "SN" + secrets.token_hex(12).upper()
    body = json.dumps({"id": event_id, "event": event, "out_trade_no": trade.out_trade_no, "trade_no": trade.trade_no,
                       "occurred_at": timezone.now().isoformat(), **fields}, ensure_ascii=False)
    delay = int(config.get("delay_seconds", 0))
    notification = SandboxNotification.objects.create(
        event_id=event_id, body=body, deliveries_left=max(1, int(config.get("duplicates", 1))),
        deliver_after=timezone.now() + timedelta(seconds=delay))
    if not (delay and settings.CELERY_TASK_ALWAYS_EAGER):  # eager tasks ignore countdowns: leave it to the sweep
        transaction.on_commit(partial(_kick, delay))
    return notification


def _kick(delay: int) -> None:
    from chushan.payments.tasks import sandbox_notifications_deliver

    sandbox_notifications_deliver.apply_async(countdown=delay or None)


def sandbox_notifications_deliver(*, now=None, limit: int = 100) -> int:
    """Send every due notification; resend later the ones not answered "success". Returns how many landed."""
    now = now or timezone.now()
    due = list(SandboxNotification.objects.filter(delivered_at__isnull=True, deliver_after__lte=now,
                                                  attempts__lt=len(RETRY_DELAYS) + 1)
               .order_by("deliver_after", "pk")[:limit])
    landed = 0
    for notification in due:
        # Lease it with a conditional update, so two sweeps never send the same one at once.
        if not SandboxNotification.objects.filter(pk=notification.pk, deliver_after=notification.deliver_after,
                                                  delivered_at__isnull=True).update(deliver_after=now + LEASE):
            continue
        landed += _deliver(notification, now=now)
    return landed


def _deliver(notification: SandboxNotification, *, now) -> int:
    error = _send(notification.body.encode())
    attempts = notification.attempts + 1
    if error:
        delay = RETRY_DELAYS[min(attempts - 1, len(RETRY_DELAYS) - 1)]
        SandboxNotification.objects.filter(pk=notification.pk).update(
            attempts=attempts, last_error=error[:300], deliver_after=now + timedelta(seconds=delay))
        return 0
    for _copy in range(notification.deliveries_left - 1):
        _send(notification.body.encode())  # the copies a real provider sometimes sends
    SandboxNotification.objects.filter(pk=notification.pk).update(
        attempts=attempts, last_error="", delivered_at=now, deliveries_left=0)
    return 1


def _send(body: bytes) -> str:
    """POST one freshly signed copy to our notify endpoint (or hand it over in-process); "" when acknowledged."""
    from chushan.payments.providers import get_provider
    from chushan.payments.services.notifications import payment_notify

    provider = get_provider("sandbox")
    if provider is None:
        return "sandbox switched off"
    headers = provider.signed_headers(body)
    url = _config().get("notify_url")
    try:
        if url:
            response = requests.post(url, data=body, timeout=10,
                                     headers={**headers, "Content-Type": "application/json"})
            return "" if response.status_code == 200 and response.text.strip() == "success" else (
                f"{response.status_code} {response.text[:200]}")
        payment_notify(provider="sandbox", body=body, headers=headers)
        return ""
    except ApplicationError as exc:
        return f"{exc.status} {exc.message}"
    except requests.RequestException as exc:
        return str(exc)
