"""WeChat Pay API v3 (微信支付) through wechatpayv3: request signing, answer and callback verification and
AES-GCM decryption are the SDK's own. Native payments (a QR code the shopper scans).

With CHUSHAN_WECHATPAY_PUBLIC_KEY_PATH/_ID (微信支付公钥 mode) nothing is fetched at start-up; without, the SDK
downloads the platform certificates into cert_dir on first use.
"""

import json
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

import requests
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.utils import timezone
from django.utils.datastructures import CaseInsensitiveMapping
from django.utils.translation import gettext as _

from chushan.payments import rules
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
    ProviderError,
    RefundStatus,
    StaleNotification,
    TradeStatus,
)

log = logging.getLogger(__name__)
TOLERANCE = timedelta(minutes=5)  # WeChat Pay's advice for Wechatpay-Timestamp
SIGNATURE_HEADERS = ("Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial",
                     "Wechatpay-Signature-Type")
TRADE_STATE = {"SUCCESS": PAID, "REFUND": PAID, "NOTPAY": WAITING, "USERPAYING": WAITING, "CLOSED": CLOSED,
               "REVOKED": CLOSED, "PAYERROR": FAILED}
REFUND_STATE = {"SUCCESS": REFUND_SUCCEEDED, "PROCESSING": REFUND_PENDING, "CLOSED": REFUND_FAILED,
                "ABNORMAL": REFUND_FAILED}
REFUND_EVENTS = {"REFUND.SUCCESS": REFUND_SUCCEEDED, "REFUND.ABNORMAL": REFUND_FAILED, "REFUND.CLOSED": REFUND_FAILED}


def _pem(config: Mapping, name: str) -> str:
    if config.get(name):
        return config[name]
    path = config.get(name + "_path")
    if not path:
        return ""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ImproperlyConfigured(f"WeChat Pay: cannot read {name} from {path}: {exc}") from exc


def _json(message) -> dict:
    try:
        return json.loads(message) if message else {}
    except (TypeError, ValueError):
        return {}


class WechatPayProvider(PaymentProvider):
    code = "wechat"

    def __init__(self, config: Mapping):
        super().__init__(config)
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = self._build()
        return self._client

    def _build(self):
        from wechatpayv3 import WeChatPay, WeChatPayType

        needed = ("mchid", "appid", "cert_serial_no", "apiv3_key")
        private_key = _pem(self.config, "private_key")
        if not private_key or not all(self.config.get(n) for n in needed):
            raise ImproperlyConfigured("WeChat Pay: set CHUSHAN_WECHATPAY_MCHID, _APPID, _PRIVATE_KEY_PATH, "
                                       "_CERT_SERIAL_NO and _APIV3_KEY.")
        public_key = _pem(self.config, "public_key") or None
        return WeChatPay(
            wechatpay_type=WeChatPayType.NATIVE, mchid=self.config["mchid"], private_key=private_key,
            cert_serial_no=self.config["cert_serial_no"], appid=self.config["appid"],
            apiv3_key=self.config["apiv3_key"], notify_url=self.config.get("notify_url"),
            cert_dir=self.config.get("cert_dir") or None, logger=log, timeout=(5, 15), public_key=public_key,
            public_key_id=(self.config.get("public_key_id") or None) if public_key else None)

    def _call(self, method: str, **kwargs) -> tuple[int, dict]:
        try:
            code, message = getattr(self.client, method)(**kwargs)
        except requests.RequestException as exc:
            raise ProviderError(_("WeChat Pay could not be reached; try again shortly.")) from exc
        except Exception as exc:  # the SDK raises bare Exception when an answer's signature fails
            log.warning("wechatpay %s failed: %s", method, exc)
            raise ProviderError(_("WeChat Pay's answer did not verify; nothing was changed.")) from exc
        return code, _json(message)

    def acknowledge(self) -> HttpResponse:
        return HttpResponse(status=204)  # WeChat Pay v3: 200 or 204, no body

    def create_payment(self, payment) -> PaymentStart:
        code, answer = self._call(
            "pay", description=(payment.description or payment.payable_ref)[:127], out_trade_no=payment.reference,
            amount={"total": rules.to_fen(payment.amount), "currency": "CNY"},
            time_expire=timezone.localtime(payment.expires_at).isoformat(timespec="seconds"))
        if code != 200 or not answer.get("code_url"):
            raise ProviderError(answer.get("message") or _("WeChat Pay refused the payment."))
        return PaymentStart(pay_url=answer["code_url"], qr_content=answer["code_url"])

    def verify_notification(self, *, body: bytes, headers: Mapping[str, str], now: datetime) -> Notice:
        given = CaseInsensitiveMapping(dict(headers))
        signed = {name: given.get(name, "") for name in SIGNATURE_HEADERS}
        if not all(signed.values()):
            raise BadSignature()
        # In public-key mode an unknown serial would make the SDK fetch certificates: refuse it here.
        if self.config.get("public_key_id") and signed["Wechatpay-Serial"] != self.config["public_key_id"]:
            raise BadSignature()
        if not rules.timestamp_is_fresh(signed["Wechatpay-Timestamp"], now=now, tolerance=TOLERANCE):
            raise StaleNotification()
        try:
            data = self.client.callback(signed, body.decode("utf-8"))
        except Exception as exc:  # unsupported signature type or algorithm
            raise BadSignature() from exc
        if not data:
            raise BadSignature()  # signature or decryption failed
        return self._notice(data, nonce=signed["Wechatpay-Nonce"])

    def _notice(self, data: dict, *, nonce: str) -> Notice:
        event, resource = data.get("event_type", ""), data.get("resource") or {}
        if not data.get("id") or not resource.get("out_trade_no"):
            raise MalformedNotification()
        common = {"dedup_key": data["id"], "nonce": nonce, "out_trade_no": resource["out_trade_no"]}
        if event in REFUND_EVENTS:
            refund_fen = (resource.get("amount") or {}).get("refund")
            return Notice(kind="refund", status=REFUND_EVENTS[event], out_refund_no=resource.get("out_refund_no", ""),
                          provider_trade_no=resource.get("refund_id", ""),
                          refund_amount=rules.from_fen(refund_fen) if refund_fen is not None else None, **common)
        total = (resource.get("amount") or {}).get("total")
        state = TRADE_STATE.get(resource.get("trade_state", ""), WAITING)
        return Notice(kind="payment", status=state, provider_trade_no=resource.get("transaction_id", ""),
                      amount=rules.from_fen(total) if total is not None else None, ignorable=state == WAITING,
                      **common)

    def query(self, payment) -> TradeStatus:
        code, answer = self._call("query", out_trade_no=payment.reference)
        if code == 404:
            return TradeStatus(status=WAITING)
        if code != 200:
            raise ProviderError(answer.get("message") or _("WeChat Pay could not find the payment."))
        total = (answer.get("amount") or {}).get("total")
        return TradeStatus(status=TRADE_STATE.get(answer.get("trade_state", ""), WAITING),
                           amount=rules.from_fen(total) if total is not None else None,
                           provider_trade_no=answer.get("transaction_id", ""))

    def close(self, payment) -> bool:
        code, answer = self._call("close", out_trade_no=payment.reference)
        if code in (200, 204):
            return True
        if answer.get("code") == "ORDERPAID":
            return False
        raise ProviderError(answer.get("message") or _("WeChat Pay did not close the payment."))

    def refund(self, refund) -> RefundStatus:
        code, answer = self._call(
            "refund", out_refund_no=refund.reference, out_trade_no=refund.payment.reference, reason=refund.reason,
            amount={"refund": rules.to_fen(refund.amount), "total": rules.to_fen(refund.payment.amount),
                    "currency": "CNY"})
        if code == 200:
            return RefundStatus(status=REFUND_STATE.get(answer.get("status", ""), REFUND_PENDING),
                                provider_refund_no=answer.get("refund_id", ""))
        if 400 <= code < 500 and code != 429:
            return RefundStatus(status=REFUND_FAILED, detail=answer.get("message", ""))
        raise ProviderError(answer.get("message") or _("WeChat Pay could not take the refund now."))

    def refund_query(self, refund) -> RefundStatus:
        code, answer = self._call("query_refund", out_refund_no=refund.reference)
        if code == 404:
            return RefundStatus(status=REFUND_PENDING, detail="unknown")
        if code != 200:
            raise ProviderError(answer.get("message") or _("WeChat Pay could not find the refund."))
        return RefundStatus(status=REFUND_STATE.get(answer.get("status", ""), REFUND_PENDING),
                            provider_refund_no=answer.get("refund_id", ""))
