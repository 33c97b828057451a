"""In and Out schemas of the counter API. Quantities are strict whole numbers; prices are never taken from the
client (the counter charges the web's effective price) and are answered as Decimal strings."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, ConfigDict

from chushan.pos import rules

MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]
QueryId = Annotated[int, Field(ge=1, le=MAX_ID)]
Quantity = Annotated[int, Field(ge=1, le=rules.MAX_LINE_QUANTITY, strict=True)]
QuantityOrZero = Annotated[int, Field(ge=0, le=rules.MAX_LINE_QUANTITY, strict=True)]
Number = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z]{1,2}[0-9]{8}-[0-9]{6,}$")]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text200 = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
SearchText = Annotated[str, Field(max_length=60), AfterValidator(_no_nul)]
ScanQuery = Annotated[str, Field(min_length=1, max_length=400)]
Scan = Annotated[str, Field(min_length=1, max_length=400), AfterValidator(_no_nul)]


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000)


class CounterOut(Schema):
    id: int
    name: str
    kind: str
    address: str
    channel: str
    owner: str
    host: str | None

    @staticmethod
    def resolve_channel(obj) -> str:
        return rules.counter_channel(obj.kind)

    @staticmethod
    def resolve_owner(obj) -> str:
        return obj.seller.name

    @staticmethod
    def resolve_host(obj) -> str | None:
        return obj.host_seller.name if obj.host_seller_id else None


class SkuOut(Schema):
    id: int
    code: str
    gtin: str | None
    product_id: int
    product_name: str
    label: str
    list_price: Decimal
    price: Decimal | None = None
    available_here: int

    @staticmethod
    def resolve_product_name(obj) -> str:
        return obj.product.name

    @staticmethod
    def resolve_list_price(obj) -> Decimal:
        return obj.price

    @staticmethod
    def resolve_price(obj) -> Decimal | None:
        return getattr(obj, "counter_price", None)

    @staticmethod
    def resolve_available_here(obj) -> int:
        return max(getattr(obj, "available", 0), 0)


class SaleLineOut(Schema):
    id: int
    sku_id: int
    gtin: str
    product_name: str
    sku_label: str
    quantity: int
    list_price: Decimal
    unit_price: Decimal
    line_total: Decimal
    promotion_id: int | None
    returned_quantity: int


class PaymentOut(Schema):
    id: int
    provider: str
    state: str
    amount: Decimal
    qr_content: str
    pay_url: str


class ReturnLineOut(Schema):
    line_id: int = Field(alias="sale_line_id")
    quantity: int
    amount: Decimal


class ReturnOut(Schema):
    number: str
    sale_number: str
    method: str
    amount: Decimal
    reason: str
    refund_state: str | None
    created_at: datetime.datetime
    lines: list[ReturnLineOut]

    @staticmethod
    def resolve_sale_number(obj) -> str:
        return obj.sale.number

    @staticmethod
    def resolve_refund_state(obj) -> str | None:
        return obj.refund.state if obj.refund_id else None


class SaleOut(Schema):
    id: int
    number: str
    state: str
    counter_id: int = Field(alias="location_id")
    channel: str
    clerk: str
    lines: list[SaleLineOut]
    subtotal: Decimal
    discount: Decimal
    total: Decimal
    method: str
    cash_tendered: Decimal | None
    change_given: Decimal | None
    payment: PaymentOut | None
    refunded_amount: Decimal
    note: str = Field(..., description="Why a QR payment did not become a sale, in the request's language.")
    note_code: str = Field(..., description="That note as a stable code; empty when there is none.")
    created_at: datetime.datetime
    paid_at: datetime.datetime | None
    returns: list[ReturnOut]

    @staticmethod
    def resolve_channel(obj) -> str:
        return obj.channel.code

    @staticmethod
    def resolve_clerk(obj) -> str:
        return str(obj.clerk)

    @staticmethod
    def resolve_note(obj) -> str:
        return obj.note_text

    @staticmethod
    def resolve_returns(obj) -> list:
        return list(obj.returns.all()) if obj.pk and obj.state == "paid" else []


class ScanIn(StrictIn):
    code: Scan


class LineAddIn(StrictIn):
    sku_id: Id
    quantity: Quantity = 1


class LineSetIn(StrictIn):
    quantity: QuantityOrZero


class CashIn(StrictIn):
    method: Literal["cash"]
    tendered: Annotated[Decimal, Field(gt=0, max_digits=8, decimal_places=2)]


class QrIn(StrictIn):
    method: Literal["qr"]
    provider: Annotated[str, Field(min_length=1, max_length=20)]


class ReturnLineIn(StrictIn):
    line_id: Id
    quantity: Quantity


class ReturnIn(StrictIn):
    lines: Annotated[list[ReturnLineIn], Field(min_length=1, max_length=rules.MAX_BASKET_LINES * 2)]
    method: Literal["cash", "original"]
    reason: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul)]


class PickupLineOut(Schema):
    product_name: str
    sku_label: str
    quantity: int


class PickupOut(Schema):
    number: str
    state: str
    shopper: str
    total: Decimal
    lines: list[PickupLineOut]
    code_used_at: datetime.datetime | None

    @staticmethod
    def resolve_shopper(obj) -> str:
        return str(obj.shopper)

    @staticmethod
    def resolve_lines(obj) -> list:
        return list(obj.lines.all())

    @staticmethod
    def resolve_code_used_at(obj) -> datetime.datetime | None:
        code = getattr(obj, "pickup_code", None)
        return code.used_at if code is not None else None


class SettlementOut(Schema):
    sale_number: str
    return_number: str | None
    counter: str
    owner: str
    host: str
    gross: Decimal
    commission_rate: Decimal
    commission: Decimal
    owner_share: Decimal
    created_at: datetime.datetime

    @staticmethod
    def resolve_sale_number(obj) -> str:
        return obj.sale.number

    @staticmethod
    def resolve_return_number(obj) -> str | None:
        return obj.sale_return.number if obj.sale_return_id else None

    @staticmethod
    def resolve_counter(obj) -> str:
        return obj.location.name

    @staticmethod
    def resolve_owner(obj) -> str:
        return obj.owner.name

    @staticmethod
    def resolve_host(obj) -> str:
        return obj.host.name
