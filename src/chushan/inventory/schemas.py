"""API schemas for locations, stock, the ledger, transfers and counts. Quantities are strict integers."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator

from chushan.inventory import rules

MAX_ID = 2**63 - 1


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]
QueryId = Annotated[int, Field(ge=1, le=MAX_ID)]
Quantity = Annotated[int, Field(ge=1, le=rules.MAX_QUANTITY, strict=True)]
Counted = Annotated[int, Field(ge=0, le=rules.MAX_ON_HAND, strict=True)]
Reference = Annotated[str, Field(max_length=80), AfterValidator(_no_nul)]
Reason = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
Lot = Annotated[str, Field(max_length=20), AfterValidator(_no_nul)]  # the service checks the GS1 characters
ChannelCode = Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,30}$")]
KindName = Literal["warehouse", "shop", "workshop", "consignment"]
MovementKindName = Literal["receipt", "sale", "reservation", "release", "transfer_out", "transfer_in",
                           "adjustment", "return"]


class BoundedPagination(LimitOffsetPagination):
    """limit ≤ 100 and a bounded offset, so a huge offset is a 422 and not a database overflow."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000)


# Shared pieces ----------------------------------------------------------------------------------------

class RefOut(Schema):
    id: int
    name: str


class RegionOut(Schema):
    code: str
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name


class SkuRefOut(Schema):
    id: int
    code: str
    label: str
    product_id: int
    product_name: str

    @staticmethod
    def resolve_product_name(obj) -> str:
        return obj.product.name


def _actor(obj) -> str | None:
    return str(obj.actor) if obj.actor_id else None


# Locations --------------------------------------------------------------------------------------------

class LocationIn(Schema):
    kind: KindName
    name: Annotated[str, Field(min_length=1, max_length=60), AfterValidator(_no_nul)]
    region_code: Annotated[str, Field(pattern=r"^[1-9][0-9]{5}$")]
    address: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul)]
    host_seller_id: Id | None = None
    commission_rate: Annotated[Decimal, Field(ge=0, lt=1, max_digits=5, decimal_places=4)] | None = None
    gln: Annotated[str, Field(pattern=r"^[0-9]{13}$")] | None = None
    channels: Annotated[list[ChannelCode], Field(max_length=20)] | None = None
    is_active: bool = True


class LocationPatchIn(Schema):
    name: Annotated[str, Field(min_length=1, max_length=60), AfterValidator(_no_nul)] | None = None
    region_code: Annotated[str, Field(pattern=r"^[1-9][0-9]{5}$")] | None = None
    address: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul)] | None = None
    commission_rate: Annotated[Decimal, Field(ge=0, lt=1, max_digits=5, decimal_places=4)] | None = None
    gln: Annotated[str, Field(pattern=r"^[0-9]{13}$")] | None = None
    channels: Annotated[list[ChannelCode], Field(max_length=20)] | None = None
    is_active: bool | None = None


class LocationOut(Schema):
    id: int
    kind: str
    name: str
    region: RegionOut
    address: str
    host_seller: RefOut | None
    commission_rate: str | None = Field(None, description='Decimal as a string, e.g. "0.1500".')
    gln: str | None
    channels: list[str]
    is_active: bool
    created_at: datetime.datetime

    @staticmethod
    def resolve_commission_rate(obj) -> str | None:
        return None if obj.commission_rate is None else str(obj.commission_rate)

    @staticmethod
    def resolve_channels(obj) -> list[str]:
        return [channel.code for channel in obj.channels.all()]


# Stock and the ledger ---------------------------------------------------------------------------------

class StockOut(Schema):
    id: int
    sku: SkuRefOut
    location: RefOut
    on_hand: int
    reserved: int = Field(description="Units held for checkouts awaiting payment.")
    available: int


class ReceiptIn(Schema):
    sku_id: Id
    location_id: Id
    quantity: Quantity
    reference: Reference = ""
    note: Reason = ""
    lot: Lot = Field("", description="The batch received, GS1 AI (10): up to 20 characters of GS1 character set "
                                     "82 (no Chinese). With a SKU that has a GTIN, the receipt is traced.")


class ReturnIn(Schema):
    sku_id: Id
    location_id: Id
    quantity: Quantity
    reference: Reference = ""
    reason: Reason = ""


class MovementOut(Schema):
    id: int
    kind: str
    sku: SkuRefOut
    location: RefOut
    on_hand_delta: int
    reserved_delta: int
    channel: str | None
    reference: str
    reason: str = Field(description="Why, in the reader's language: what a person typed, or the platform's own "
                                    "reason translated.")
    lot: str = Field(description="The batch a receipt named; empty otherwise.")
    actor: str | None
    reservation_id: int | None
    transfer_id: int | None
    count_id: int | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_sku(obj):
        return obj.stock.sku

    @staticmethod
    def resolve_reason(obj):
        return obj.reason_text

    @staticmethod
    def resolve_location(obj):
        return obj.stock.location

    @staticmethod
    def resolve_channel(obj) -> str | None:
        return obj.channel.code if obj.channel_id else None

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return _actor(obj)


# Transfers and counts ---------------------------------------------------------------------------------

class TransferLineIn(Schema):
    sku_id: Id
    quantity: Quantity


class TransferIn(Schema):
    from_location_id: Id
    to_location_id: Id
    lines: Annotated[list[TransferLineIn], Field(min_length=1, max_length=100)]
    note: Reason = ""


class TransferLineOut(Schema):
    sku: SkuRefOut
    quantity: int


class TransferOut(Schema):
    id: int
    from_location: RefOut
    to_location: RefOut
    note: str
    lines: list[TransferLineOut]
    actor: str | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.all())

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return _actor(obj)


class CountLineIn(Schema):
    sku_id: Id
    counted: Counted


class CountIn(Schema):
    location_id: Id
    lines: Annotated[list[CountLineIn], Field(min_length=1, max_length=500)]
    reason: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul)]


class CountLineOut(Schema):
    sku: SkuRefOut
    expected: int
    counted: int
    difference: int


class CountOut(Schema):
    id: int
    location: RefOut
    reason: str
    lines: list[CountLineOut]
    actor: str | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.all())

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return _actor(obj)


class ChannelOut(Schema):
    code: str
    name: str
    is_counter: bool

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name
