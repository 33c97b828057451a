"""The sandbox provider: a pay page of its own and HMAC-SHA256-signed asynchronous notifications.

Signature headers: X-Sandbox-Timestamp (unix seconds), X-Sandbox-Nonce, X-Sandbox-Signature =
hex HMAC-SHA256(secret, "timestamp\\nnonce\\nbody\\n"). A delivery older than five minutes, or a nonce seen
before, is refused: each resend is signed afresh, so only a replayed capture trips it.
"""

import json
import secrets
import time
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils.datastructures import CaseInsensitiveMapping

from chushan.payments import rules
from chushan.payments.models import SandboxRefund, SandboxTrade
from chushan.payments.providers.base import (
    CLOSED,
    FAILED,
    PAID,
    REFUND_FAILED,
    REFUND_PENDING,
    REFUND_SUCCEEDED,
    WAITING,
    BadSignature,
    MalformedNotification,
    Notice,
    PaymentProvider,
    PaymentStart,
    RefundStatus,
    StaleNotification,
    TradeStatus,
)
from chushan.payments.services import sandbox as gateway

TOLERANCE = timedelta(minutes=5)
EVENTS = {
    "trade.success": ("payment", PAID),
    "trade.closed": ("payment", CLOSED),
    "trade.failed": ("payment", FAILED),
    "refund.success": ("refund", REFUND_SUCCEEDED),
    "refund.failed": ("refund", REFUND_FAILED),
}
TRADE_STATUS = {SandboxTrade.Status.WAITING: WAITING, SandboxTrade.Status.SUCCESS: PAID,
                SandboxTrade.Status.FAILED: FAILED, SandboxTrade.Status.CLOSED: CLOSED}
REFUND_STATUS = {SandboxRefund.Status.PROCESSING: REFUND_PENDING, SandboxRefund.Status.SUCCESS: REFUND_SUCCEEDED,
                 SandboxRefund.Status.FAILED: REFUND_FAILED}


class SandboxProvider(PaymentProvider):
    code = "sandbox"

    @property
    def secret(self) -> str:
        return self.config["secret"]

    def signed_headers(self, body: bytes, *, timestamp: str | None = None, nonce: str | None = None) -> dict:
        timestamp = timestamp or str(int(time.time()))
        nonce = nonce or secrets.token_hex(16)
        return {"X-Sandbox-Timestamp": timestamp, "X-Sandbox-Nonce": nonce,
                "X-Sandbox-Signature": rules.sandbox_signature(self.secret, timestamp=timestamp, nonce=nonce,
                                                               body=body)}

    def create_payment(self, payment) -> PaymentStart:
        gateway.sandbox_trade_open(out_trade_no=payment.reference, amount=payment.amount,
                                   subject=payment.description, return_url=payment.return_url)
        path = reverse("payments:sandbox_pay", args=[payment.reference])
        return PaymentStart(pay_url=path, qr_content=settings.CHUSHAN_PUBLIC_BASE_URL.rstrip("/") + path)

    def verify_notification(self, *, body: bytes, headers: Mapping[str, str], now: datetime) -> Notice:
        headers = CaseInsensitiveMapping(dict(headers))
        timestamp = headers.get("X-Sandbox-Timestamp", "")
        nonce = headers.get("X-Sandbox-Nonce", "")
        expected = rules.sandbox_signature(self.secret, timestamp=timestamp, nonce=nonce, body=body)
        if not (timestamp and nonce) or not rules.signature_matches(expected, headers.get("X-Sandbox-Signature")):
            raise BadSignature()
        if not rules.timestamp_is_fresh(timestamp, now=now, tolerance=TOLERANCE):
            raise StaleNotification()
        try:
            data = json.loads(body)
            kind, status = EVENTS[data["event"]]
            return Notice(
                kind=kind, status=status, dedup_key=str(data["id"]), nonce=nonce,
                out_trade_no=str(data["out_trade_no"]), provider_trade_no=str(data.get("trade_no", "")),
                amount=Decimal(data["amount"]) if data.get("amount") else None,
                out_refund_no=str(data.get("out_refund_no", "")),
                refund_amount=Decimal(data["refund_amount"]) if data.get("refund_amount") else None)
        except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
            raise MalformedNotification() from exc

    def query(self, payment) -> TradeStatus:
        trade = SandboxTrade.objects.filter(out_trade_no=payment.reference).first()
        if trade is None:
            return TradeStatus(status=WAITING)
        return TradeStatus(status=TRADE_STATUS[trade.status], amount=trade.amount, provider_trade_no=trade.trade_no)

    def close(self, payment) -> bool:
        return gateway.sandbox_trade_close(out_trade_no=payment.reference)

    def refund(self, refund) -> RefundStatus:
        opened = gateway.sandbox_refund_open(out_trade_no=refund.payment.reference, out_refund_no=refund.reference,
                                             amount=refund.amount)
        # Like WeChat Pay, the answer is "processing"; the outcome arrives by notification.
        return RefundStatus(status=REFUND_PENDING, provider_refund_no=opened.refund_no)

    def refund_query(self, refund) -> RefundStatus:
        found = SandboxRefund.objects.filter(out_refund_no=refund.reference).first()
        if found is None:
            return RefundStatus(status=REFUND_PENDING, detail="unknown")
        return RefundStatus(status=REFUND_STATUS[found.status], provider_refund_no=found.refund_no)
