"""In and Out schemas of the payments API. Amounts are Decimal CNY, sent and answered as strings."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema


class PaymentIn(Schema):
    payable_ref: str = Field(..., min_length=3, max_length=64, examples=["checkout:42"],
                             description="What is paid for; the amount due comes from it, never from the client.")
    provider: str = Field(..., min_length=1, max_length=20, examples=["sandbox", "alipay", "wechat"])


class PaymentOut(Schema):
    id: int
    reference: str
    payable_ref: str
    provider: str
    amount: Decimal
    currency: str
    state: str
    pay_url: str = Field(..., description="Open this to pay (a page or the provider's URL).")
    qr_content: str = Field(..., description="Show this as a QR code to pay from a phone.")
    refunded_amount: Decimal
    created_at: datetime
    expires_at: datetime
    paid_at: datetime | None


class RefundIn(Schema):
    payment_id: int = Field(..., ge=1, le=2**63 - 1)
    amount: Decimal = Field(..., gt=0, max_digits=12, decimal_places=2, examples=["12.50"])
    reason: str = Field(..., min_length=1, max_length=200)


class RefundOut(Schema):
    id: int
    reference: str
    payment_id: int
    amount: Decimal
    reason: str
    state: str
    created_at: datetime
    completed_at: datetime | None
