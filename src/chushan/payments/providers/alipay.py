"""Alipay (支付宝) through python-alipay-sdk: RSA2 signing and verification are the SDK's own.

Public-key mode by default; public-key-certificate mode (公钥证书模式) when the three certificate paths are
set. `product` "page" sends the shopper to Alipay's cashier page (the URL is signed locally, no call);
"qr" asks Alipay for a QR code (alipay.trade.precreate).
"""

import hashlib
import logging
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.error import URLError
from urllib.parse import parse_qsl

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.payments.providers.base import (
    CLOSED,
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
    TradeStatus,
)

log = logging.getLogger(__name__)
GATEWAY = "https://openapi.alipay.com/gateway.do"
SANDBOX_GATEWAY = "https://openapi-sandbox.dl.alipaydev.com/gateway.do"
TRADE_STATUS = {"WAIT_BUYER_PAY": WAITING, "TRADE_SUCCESS": PAID, "TRADE_FINISHED": PAID, "TRADE_CLOSED": CLOSED}
OK = "10000"


def _pem(config: Mapping, name: str) -> str:
    """A key or certificate given inline (config[name]) or as a file (config[name + "_path"])."""
    if config.get(name):
        return config[name]
    path = config.get(name + "_path")
    if not path:
        return ""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ImproperlyConfigured(f"Alipay: cannot read {name} from {path}: {exc}") from exc


def _yuan(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


class AlipayProvider(PaymentProvider):
    code = "alipay"

    def __init__(self, config: Mapping):
        super().__init__(config)
        self._client = None

    @property
    def client(self):
        """The SDK client, built on first use so a misconfiguration fails loudly but only when used."""
        if self._client is None:
            self._client = self._build()
        return self._client

    def _build(self):
        from alipay import AliPay, DCAliPay
        from alipay.utils import AliPayConfig

        private_key = _pem(self.config, "app_private_key")
        if not (self.config.get("app_id") and private_key):
            raise ImproperlyConfigured("Alipay: set CHUSHAN_ALIPAY_APP_ID and CHUSHAN_ALIPAY_APP_PRIVATE_KEY_PATH.")
        certs = [_pem(self.config, n) for n in ("app_cert", "alipay_cert", "alipay_root_cert")]
        common = {"appid": self.config["app_id"], "app_notify_url": self.config.get("notify_url") or None,
                  "app_private_key_string": private_key, "sign_type": "RSA2",
                  "debug": bool(self.config.get("debug"))}
        if all(certs):
            return DCAliPay(app_public_key_cert_string=certs[0], alipay_public_key_cert_string=certs[1],
                            alipay_root_cert_string=certs[2], **common)
        public_key = _pem(self.config, "alipay_public_key")
        if not public_key:
            raise ImproperlyConfigured("Alipay: set CHUSHAN_ALIPAY_PUBLIC_KEY_PATH, or the three certificate paths.")
        return AliPay(alipay_public_key_string=public_key, config=AliPayConfig(timeout=10), **common)

    def _call(self, method: str, **kwargs) -> dict:
        from alipay.exceptions import AliPayException, AliPayValidationError

        try:
            return getattr(self.client, method)(**kwargs)
        except AliPayValidationError as exc:
            raise ProviderError(_("Alipay's answer did not verify; nothing was changed.")) from exc
        except (AliPayException, URLError, OSError, ValueError) as exc:
            log.warning("alipay %s failed: %s", method, exc)
            raise ProviderError(_("Alipay could not be reached; try again shortly.")) from exc

    @staticmethod
    def _expiry(payment) -> str:
        return timezone.localtime(payment.expires_at).strftime("%Y-%m-%d %H:%M:%S")

    def create_payment(self, payment) -> PaymentStart:
        args = {"subject": payment.description or payment.payable_ref, "out_trade_no": payment.reference,
                "total_amount": str(payment.amount), "time_expire": self._expiry(payment)}
        if self.config.get("product") == "qr":
            answer = self._call("api_alipay_trade_precreate", **args)
            if answer.get("code") != OK:
                raise ProviderError(answer.get("sub_msg") or answer.get("msg") or _("Alipay refused the payment."))
            return PaymentStart(pay_url=answer["qr_code"], qr_content=answer["qr_code"])
        query = self.client.api_alipay_trade_page_pay(return_url=payment.return_url or None, **args)
        gateway = SANDBOX_GATEWAY if self.config.get("debug") else GATEWAY
        return PaymentStart(pay_url=f"{gateway}?{query}")

    def verify_notification(self, *, body: bytes, headers: Mapping[str, str], now: datetime) -> Notice:
        from alipay.exceptions import AliPayException

        try:
            data = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True))
        except (UnicodeDecodeError, ValueError) as exc:
            raise MalformedNotification() from exc
        signature = data.pop("sign", "")
        try:
            verified = bool(signature) and self.client.verify(dict(data), signature)
        except (AliPayException, ValueError, TypeError) as exc:  # unknown sign_type, broken base64
            raise BadSignature() from exc
        if not verified or data.get("app_id") != self.config.get("app_id"):
            raise BadSignature()
        return self._notice(data, dedup=data.get("notify_id") or hashlib.sha256(body).hexdigest())

    def _notice(self, data: dict, *, dedup: str) -> Notice:
        status = data.get("trade_status", "")
        if data.get("out_biz_no") and data.get("refund_fee"):
            # Alipay tells of a refund by a trade notification carrying the refund's out_request_no.
            return Notice(kind="refund", status=REFUND_SUCCEEDED, dedup_key=dedup,
                          out_trade_no=data.get("out_trade_no", ""), out_refund_no=data["out_biz_no"],
                          refund_amount=_yuan(data.get("refund_fee")))
        if status not in TRADE_STATUS or not data.get("out_trade_no"):
            raise MalformedNotification()
        return Notice(kind="payment", status=TRADE_STATUS[status], dedup_key=dedup,
                      out_trade_no=data["out_trade_no"], amount=_yuan(data.get("total_amount")),
                      provider_trade_no=data.get("trade_no", ""), ignorable=TRADE_STATUS[status] == WAITING)

    def query(self, payment) -> TradeStatus:
        answer = self._call("api_alipay_trade_query", out_trade_no=payment.reference)
        if answer.get("code") != OK:
            if answer.get("sub_code") == "ACQ.TRADE_NOT_EXIST":
                return TradeStatus(status=WAITING)  # the shopper never opened it
            raise ProviderError(answer.get("sub_msg") or _("Alipay could not find the payment."))
        return TradeStatus(status=TRADE_STATUS.get(answer.get("trade_status"), WAITING),
                           amount=_yuan(answer.get("total_amount")), provider_trade_no=answer.get("trade_no", ""))

    def close(self, payment) -> bool:
        answer = self._call("api_alipay_trade_close", out_trade_no=payment.reference)
        if answer.get("code") == OK or answer.get("sub_code") == "ACQ.TRADE_NOT_EXIST":
            return True
        if answer.get("sub_code") == "ACQ.TRADE_STATUS_ERROR":
            return False  # paid (or closed) meanwhile: the caller asks again
        raise ProviderError(answer.get("sub_msg") or _("Alipay did not close the payment."))

    def refund(self, refund) -> RefundStatus:
        answer = self._call("api_alipay_trade_refund", refund_amount=str(refund.amount),
                            out_trade_no=refund.payment.reference, out_request_no=refund.reference,
                            refund_reason=refund.reason)
        if answer.get("code") == OK:
            # fund_change "N" answers a repeat of a refund already made: ask, rather than count it twice.
            status = REFUND_SUCCEEDED if answer.get("fund_change") == "Y" else REFUND_PENDING
            return RefundStatus(status=status, provider_refund_no=answer.get("trade_no", ""))
        if answer.get("code") == "40004":
            return RefundStatus(status=REFUND_FAILED, detail=answer.get("sub_msg", ""))
        raise ProviderError(answer.get("sub_msg") or _("Alipay could not take the refund now."))

    def refund_query(self, refund) -> RefundStatus:
        answer = self._call("api_alipay_trade_fastpay_refund_query", out_request_no=refund.reference,
                            out_trade_no=refund.payment.reference)
        if answer.get("code") != OK:
            raise ProviderError(answer.get("sub_msg") or _("Alipay could not find the refund."))
        if answer.get("refund_status") == "REFUND_SUCCESS":
            return RefundStatus(status=REFUND_SUCCEEDED, provider_refund_no=answer.get("trade_no", ""))
        # Alipay answers an unknown out_request_no with a bare success: the refund never arrived.
        detail = "" if answer.get("refund_amount") else "unknown"
        return RefundStatus(status=REFUND_PENDING, detail=detail)
