"""Test helpers: a payable kind to pay for, sandbox notifications signed like the sandbox signs, snapshots."""

import json
import secrets
import time
from decimal import Decimal

from chushan.core.errors import NotFound, PermissionDenied
from chushan.payments.models import NotificationNonce, Payment, PaymentNotification, Refund, SandboxTrade
from chushan.payments.payables import PayableTerms
from chushan.payments.providers import get_provider


class OrderPayable:
    """Stands in for the orders app: "order:<id>" owes a fixed amount, payable by its owner."""

    def __init__(self):
        self.amounts: dict[str, Decimal] = {}
        self.owners: dict[str, int] = {}
        self.refunders: set[int] = set()

    def add(self, ref_id: str, amount, *, owner=None) -> str:
        self.amounts[ref_id] = Decimal(str(amount))
        if owner is not None:
            self.owners[ref_id] = owner.pk
        return f"order:{ref_id}"

    def terms(self, *, ref_id: str, actor) -> PayableTerms:
        if ref_id not in self.amounts:
            raise NotFound("no such order")
        if ref_id in self.owners and self.owners[ref_id] != actor.pk:
            raise PermissionDenied("not your order")
        return PayableTerms(amount=self.amounts[ref_id], description=f"订单 {ref_id}", return_url="/")

    def may_refund(self, *, ref_id: str, actor) -> bool:
        return actor.pk in self.refunders


def sandbox_body(payment: Payment, event: str = "trade.success", *, event_id: str | None = None,
                 amount=None, **fields) -> bytes:
    """A notification body as the sandbox writes it."""
    data = {"id": event_id or "SN" + secrets.token_hex(12).upper(), "event": event,
            "out_trade_no": payment.reference, "trade_no": "SBTEST" + payment.reference[-8:], **fields}
    if event.startswith("trade."):
        data["amount"] = str(payment.amount if amount is None else amount)
    return json.dumps(data).encode()


def refund_body(refund: Refund, event: str = "refund.success", *, event_id: str | None = None) -> bytes:
    return json.dumps({"id": event_id or "SN" + secrets.token_hex(12).upper(), "event": event,
                       "out_trade_no": refund.payment.reference, "out_refund_no": refund.reference,
                       "refund_no": "SR" + refund.reference[-8:], "refund_amount": str(refund.amount)}).encode()


def signed(body: bytes, **kwargs) -> dict:
    """Headers signed with the sandbox secret, freshly (a new nonce each call) unless told otherwise."""
    return get_provider("sandbox").signed_headers(body, **kwargs)


def as_http_headers(headers: dict) -> dict:
    """The same headers as Django's test client takes them (HTTP_X_...)."""
    return {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}


def old_timestamp(seconds: int = 600) -> str:
    return str(int(time.time()) - seconds)


def snapshot() -> dict:
    """Every row the payments app owns, as comparable values."""
    return {
        "payments": list(Payment.objects.order_by("pk").values_list(
            "pk", "state", "amount", "refund_committed_amount", "refunded_amount", "provider_trade_no")),
        "refunds": list(Refund.objects.order_by("pk").values_list("pk", "state", "amount")),
        "notifications": PaymentNotification.objects.count(),
        "nonces": NotificationNonce.objects.count(),
        "trades": list(SandboxTrade.objects.order_by("pk").values_list("pk", "status")),
    }
