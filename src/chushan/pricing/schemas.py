"""In and Out schemas of the pricing API. Prices are Decimal CNY, answered as strings."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]
QueryId = Annotated[int, Field(ge=1, le=MAX_ID)]
ChannelCode = Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,30}$")]


class PriceOut(Schema):
    sku_id: int
    channel: str
    list_price: Decimal
    price: Decimal
    discount: Decimal
    promotion_id: int | None


class PromotionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, max_length=80)
    kind: Literal["price", "percent"]
    value: Decimal = Field(..., gt=0, max_digits=10, decimal_places=2,
                           description="The promotional price in CNY, or the percentage off (15 = 15% off).")
    sku_ids: list[Id] = Field(..., min_length=1, max_length=500)
    channels: list[ChannelCode] = Field(default_factory=list, max_length=20,
                                        description="Channel codes; empty for every channel.")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    per_shopper_limit: int | None = Field(None, ge=1, le=100_000, strict=True)


class PromotionOut(Schema):
    id: int
    name: str
    kind: str
    value: Decimal
    sku_ids: list[int]
    channels: list[str]
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    per_shopper_limit: int | None
    is_active: bool

    @staticmethod
    def resolve_sku_ids(obj) -> list[int]:
        return sorted(s.pk for s in obj.skus.all())

    @staticmethod
    def resolve_channels(obj) -> list[str]:
        return sorted(c.code for c in obj.channels.all())


class ChannelPriceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    sku_id: Id
    channel: ChannelCode
    location_id: Id | None = None
    price: Decimal = Field(..., gt=0, max_digits=10, decimal_places=2)
    source: Literal["shelf_label", "pos_terminal", "live_stream", "other"] = "other"
    note: str = Field("", max_length=200)


class ChannelPriceOut(Schema):
    id: int
    sku_id: int
    channel: str
    location_id: int | None
    price: Decimal
    source: str
    note: str
    recorded_at: datetime.datetime

    @staticmethod
    def resolve_channel(obj) -> str:
        return obj.channel.code


class InconsistencyOut(Schema):
    channel: str
    price: Decimal
    expected: Decimal
    explained: list[Decimal]
    source: str
    observed_at: datetime.datetime
    reference: str
    location_id: int | None

    @staticmethod
    def resolve_channel(obj) -> str:
        return obj.channel_code


class SkuPriceReportOut(Schema):
    sku_id: int
    sku_code: str
    product: str
    seller_id: int
    list_price: Decimal
    prices_now: dict[str, Decimal]
    inconsistencies: list[InconsistencyOut]

    @staticmethod
    def resolve_sku_id(obj) -> int:
        return obj.sku.pk

    @staticmethod
    def resolve_sku_code(obj) -> str:
        return obj.sku.code

    @staticmethod
    def resolve_product(obj) -> str:
        return obj.sku.product.name

    @staticmethod
    def resolve_seller_id(obj) -> int:
        return obj.sku.product.seller_id

    @staticmethod
    def resolve_list_price(obj) -> Decimal:
        return obj.sku.price
