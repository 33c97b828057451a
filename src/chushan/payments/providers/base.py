"""What every payment provider offers, in our words; adapters translate to and from each provider's API."""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from chushan.core.errors import ApplicationError

# What a provider can tell us about a payment or a refund, in the rules' words (rules.py).
PAID, CLOSED, FAILED, WAITING = "paid", "closed", "failed", "waiting"
REFUND_SUCCEEDED, REFUND_FAILED, REFUND_PENDING = "succeeded", "failed", "pending"


class BadSignature(ApplicationError):
    status = 401
    code = "bad_signature"

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("The notification's signature does not verify; it was ignored."), **kwargs)


class StaleNotification(BadSignature):
    code = "stale_notification"

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("The notification's timestamp is outside the accepted window; it was "
                                      "ignored."), **kwargs)


class MalformedNotification(ApplicationError):
    status = 400
    code = "malformed_notification"

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("The notification could not be read; it was ignored."), **kwargs)


class ProviderError(ApplicationError):
    """The provider refused or could not be reached; nothing was changed on our side."""

    status = 502
    code = "provider_error"


@dataclass(frozen=True)
class PaymentStart:
    """Where the shopper goes to pay: a page to open, and/or content for a QR code."""

    pay_url: str = ""
    qr_content: str = ""


@dataclass(frozen=True)
class Notice:
    """A verified, parsed notification. `kind` is "payment" or "refund"; `status` uses the words above."""

    kind: str
    status: str
    dedup_key: str
    out_trade_no: str = ""
    amount: Decimal | None = None
    provider_trade_no: str = ""
    out_refund_no: str = ""
    refund_amount: Decimal | None = None
    nonce: str = ""
    ignorable: bool = False  # a status we do not act on (e.g. "waiting for the buyer")


@dataclass(frozen=True)
class TradeStatus:
    status: str  # PAID / CLOSED / FAILED / WAITING
    amount: Decimal | None = None
    provider_trade_no: str = ""


@dataclass(frozen=True)
class RefundStatus:
    status: str  # REFUND_SUCCEEDED / REFUND_FAILED / REFUND_PENDING
    provider_refund_no: str = ""
    detail: str = ""


class PaymentProvider(ABC):
    """One provider. `code` names it in settings, in URLs and on every Payment."""

    code: str = ""

    def __init__(self, config: Mapping):
        self.config = config

    @abstractmethod
    def create_payment(self, payment) -> PaymentStart:
        """Open the trade at the provider; return where the shopper pays."""

    @abstractmethod
    def verify_notification(self, *, body: bytes, headers: Mapping[str, str], now: datetime) -> Notice:
        """Check the signature and parse; raise BadSignature / MalformedNotification."""

    @abstractmethod
    def query(self, payment) -> TradeStatus:
        """Ask the provider what became of the trade."""

    @abstractmethod
    def close(self, payment) -> bool:
        """Close an unpaid trade so it can no longer be paid; False if the provider says it was paid."""

    @abstractmethod
    def refund(self, refund) -> RefundStatus:
        """Ask for `refund.amount` back; providers treat the same refund reference as the same refund."""

    @abstractmethod
    def refund_query(self, refund) -> RefundStatus:
        """Ask what became of a refund."""

    def acknowledge(self) -> HttpResponse:
        """The answer that tells the provider to stop resending the notification."""
        return HttpResponse("success", content_type="text/plain")
