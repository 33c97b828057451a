"""In and Out schemas of the orders API. Quantities are strict whole numbers; prices are never taken from the
client (a request carrying one is refused with 422) and are answered as Decimal strings."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from chushan.orders import rules

MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]
PathId = Annotated[int, Field(ge=1, le=MAX_ID)]  # path and query values arrive as text
Quantity = Annotated[int, Field(ge=1, le=rules.MAX_LINE_QUANTITY, strict=True)]
FulfilmentName = Literal["deliver", "pickup", "ship_from_shop"]
Number = Annotated[str, Field(max_length=40, pattern=r"^[A-Z]{2}[0-9]{8}-[0-9]{6,}$")]
PRICE_FIELDS = ("price", "unit_price", "list_price", "line_total", "subtotal", "discount", "shipping_fee", "total",
                "amount")


class ServerPricedIn(Schema):
    """Refuses prices (the server computes every price) and any field it does not know."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_prices(cls, data):
        if isinstance(data, dict):
            sent = [name for name in PRICE_FIELDS if name in data]
            if sent:
                raise ValueError(f"prices are set by the server; remove {', '.join(sent)}")
        return data


class RefOut(Schema):
    id: int
    name: str


class PlaceOut(Schema):
    id: int
    name: str
    address: str


class RegionOut(Schema):
    code: str
    name: str
    path: list[str]

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name

    @staticmethod
    def resolve_path(obj) -> list[str]:
        return [r.display_name for r in obj.path()]


# Cart -----------------------------------------------------------------------------------------------------

class CartLineIn(ServerPricedIn):
    sku_id: Id
    quantity: Quantity = 1
    fulfilment: FulfilmentName = "deliver"
    pickup_location_id: Id | None = None
    address_id: Id | None = None


class CartLinePatchIn(ServerPricedIn):
    quantity: Quantity | None = None
    fulfilment: FulfilmentName | None = None
    pickup_location_id: Id | None = None
    address_id: Id | None = None


class CartLineOut(Schema):
    id: int
    sku_id: int
    product: str
    option: str
    seller: RefOut
    quantity: int
    fulfilment: str
    pickup_location: PlaceOut | None
    address_id: int | None
    list_price: Decimal
    unit_price: Decimal
    line_total: Decimal
    promotion_id: int | None


class CartOut(Schema):
    lines: list[CartLineOut]
    count: int
    total: Decimal = Field(..., description="At today's prices; checkout prices the lines again.")


# Checkout and orders --------------------------------------------------------------------------------------

class CheckoutIn(ServerPricedIn):
    provider: str | None = Field(None, min_length=1, max_length=20, examples=["sandbox", "alipay", "wechat"],
                                 description="How to pay; the first provider switched on when left out.")
    lines: list[CartLineIn] | None = Field(None, min_length=1, max_length=rules.MAX_CART_LINES,
                                           description="Lines to buy now; left out, the whole cart is checked out.")


class PayIn(ServerPricedIn):
    provider: str | None = Field(None, min_length=1, max_length=20)


class PaymentBriefOut(Schema):
    id: int
    reference: str
    provider: str
    amount: Decimal
    state: str
    pay_url: str
    qr_content: str
    expires_at: datetime.datetime


class OrderLineOut(Schema):
    id: int
    sku_id: int
    product_name: str
    sku_label: str
    quantity: int
    list_price: Decimal
    unit_price: Decimal
    line_total: Decimal
    promotion_id: int | None
    fulfilment: str
    location: RefOut
    refunded_quantity: int


class TransitionOut(Schema):
    from_state: str
    to_state: str
    reason: str = Field(..., description="Why, in the request's language (or as the person typed it).")
    reason_code: str = Field(..., description="The platform's reason as a stable code; empty for typed reasons.")
    created_at: datetime.datetime

    @staticmethod
    def resolve_reason(obj):
        return obj.message


class OrderOut(Schema):
    number: str
    checkout_number: str
    state: str
    kind: str
    seller: RefOut
    pickup_location: PlaceOut | None
    recipient_name: str
    recipient_mobile: str
    region: RegionOut | None
    address_detail: str
    subtotal: Decimal
    discount: Decimal
    shipping_fee: Decimal
    total: Decimal
    refund_requested_amount: Decimal
    refunded_amount: Decimal
    tracking_number: str
    created_at: datetime.datetime
    paid_at: datetime.datetime | None
    lines: list[OrderLineOut]

    @staticmethod
    def resolve_checkout_number(obj) -> str:
        return obj.checkout.number


class OrderDetailOut(OrderOut):
    timeline: list[TransitionOut]

    @staticmethod
    def resolve_timeline(obj):
        return obj.transitions.order_by("created_at", "pk")


class CheckoutOut(Schema):
    number: str
    state: str
    total: Decimal
    created_at: datetime.datetime
    expires_at: datetime.datetime
    payment: PaymentBriefOut | None
    orders: list[OrderOut]


class CancelIn(ServerPricedIn):
    reason: str = Field("", max_length=200)


class PickupCodeOut(Schema):
    order_number: str
    code: str
    location: PlaceOut
    ready_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    used_at: datetime.datetime | None
    qr_svg: str = Field(..., description="The code as a QR image (inline SVG) for the shop's scanner.")


# Seller side ----------------------------------------------------------------------------------------------

class ShipIn(ServerPricedIn):
    tracking_number: str = Field("", max_length=60)


class PickupCompleteIn(ServerPricedIn):
    location_id: Id


# Addresses ------------------------------------------------------------------------------------------------

class AddressIn(ServerPricedIn):
    name: str = Field(..., min_length=1, max_length=40)
    mobile: str = Field(..., pattern=rules.MOBILE_PATTERN)
    region_code: str = Field(..., pattern=r"^[1-9][0-9]{5}$", description="The county's GB/T 2260 code.")
    detail: str = Field(..., min_length=1, max_length=200)
    is_default: bool = False


class AddressOut(Schema):
    id: int
    name: str
    mobile: str
    region: RegionOut
    detail: str
    is_default: bool
