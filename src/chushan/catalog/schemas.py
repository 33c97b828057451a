"""API schemas for the catalogue. Prices travel as strings ("168.00"), never as JSON numbers."""

import datetime
from typing import Literal

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from chushan.catalog import rules

PriceStr = str
ClaimName = Literal["heritage", "halal", "brand", "green", "organic"]
KindName = Literal["finished", "diy_kit", "produce", "workshop", "course"]
StatusName = Literal["draft", "published", "delisted"]


class BoundedPagination(LimitOffsetPagination):
    """limit ≤ 100 and a bounded offset, so a huge offset is a 422 and not a database overflow."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000)


# Shared pieces --------------------------------------------------------------------------------------

class RefOut(Schema):
    id: int
    name: str


class SlugRefOut(Schema):
    id: int
    slug: str
    name: str
    url: str


class CodeRefOut(Schema):
    code: str
    name: str


class SkuOut(Schema):
    id: int
    code: str
    label: str
    options: dict[str, str]
    price: PriceStr = Field(..., examples=["168.00"], description="CNY, two decimals, as a string")

    @staticmethod
    def resolve_price(obj) -> str:
        return f"{obj.price:.2f}"


class SellerSkuOut(SkuOut):
    gtin: str | None
    is_active: bool
    position: int


class ImageOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    width: int
    height: int
    alt: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.image.url

    @staticmethod
    def resolve_thumbnail_url(obj) -> str:
        return obj.thumbnail_url


class ClaimOut(Schema):
    claim: ClaimName
    label: str
    certificate_kind: str


class BadgeOut(Schema):
    kind: str
    label: str


class MakerOut(Schema):
    slug: str
    name: str
    url: str
    badges: list[BadgeOut]


# Public ---------------------------------------------------------------------------------------------

class ProductOut(Schema):
    id: int
    url: str
    name: str
    name_en: str
    display_name: str
    subtitle: str
    story: str
    kind: KindName
    unit: str
    category: SlugRefOut
    heritage_item: SlugRefOut | None
    brand: SlugRefOut | None
    region: CodeRefOut | None
    ethnic_group: CodeRefOut | None
    attributes: dict[str, str]
    skus: list[SkuOut]
    images: list[ImageOut]
    claims: list[ClaimOut]
    maker: MakerOut
    published_at: datetime.datetime | None


class CategoryOut(Schema):
    id: int
    slug: str
    name: str
    name_en: str
    children: list["CategoryOut"]


CategoryOut.model_rebuild()


# Seller ---------------------------------------------------------------------------------------------

class SkuIn(Schema):
    price: PriceStr = Field(..., pattern=rules.PRICE_PATTERN, examples=["168.00"],
                            description="CNY as a string: more than 0, under 10,000,000, at most 2 decimals")
    options: dict[str, str] = Field(default_factory=dict, max_length=rules.MAX_OPTIONS_PER_SKU,
                                    examples=[{"规格": "250g"}])
    code: str | None = Field(None, max_length=40, description="Left empty, the platform numbers it SKU-1, SKU-2 …")
    gtin: str | None = Field(None, max_length=14, description="GTIN-8/12/13/14 with its check digit")
    is_active: bool = True


class SkuPatchIn(Schema):
    price: PriceStr | None = Field(None, pattern=rules.PRICE_PATTERN, examples=["158.00"])
    options: dict[str, str] | None = Field(None, max_length=rules.MAX_OPTIONS_PER_SKU)
    gtin: str | None = Field(None, max_length=14)
    is_active: bool | None = None


class ProductFieldsIn(Schema):
    name_en: str = Field("", max_length=160)
    subtitle: str = Field("", max_length=200)
    story: str = Field("", max_length=10000)
    story_en: str = Field("", max_length=10000)
    unit: str = Field("件", min_length=1, max_length=10)
    heritage_item_id: int | None = Field(None, ge=1)
    brand_id: int | None = Field(None, ge=1)
    region_code: str | None = Field(None, pattern=r"^[1-9][0-9]{5}$")
    ethnic_group_code: str | None = Field(None, max_length=30)
    attributes: dict[str, str] = Field(default_factory=dict, max_length=rules.MAX_ATTRIBUTES)


class ProductCreateIn(ProductFieldsIn):
    name: str = Field(..., min_length=1, max_length=120)
    category_id: int = Field(..., ge=1)
    kind: KindName = "finished"
    skus: list[SkuIn] = Field(..., min_length=1, max_length=rules.MAX_SKUS_PER_PRODUCT)
    claims: list[ClaimName] = Field(default_factory=list, max_length=5)
    publish: bool = False


class ProductPatchIn(Schema):
    name: str | None = Field(None, min_length=1, max_length=120)
    name_en: str | None = Field(None, max_length=160)
    subtitle: str | None = Field(None, max_length=200)
    story: str | None = Field(None, max_length=10000)
    story_en: str | None = Field(None, max_length=10000)
    unit: str | None = Field(None, min_length=1, max_length=10)
    category_id: int | None = Field(None, ge=1)
    kind: KindName | None = None
    heritage_item_id: int | None = Field(None, ge=1)
    brand_id: int | None = Field(None, ge=1)
    region_code: str | None = Field(None, pattern=r"^[1-9][0-9]{5}$")
    ethnic_group_code: str | None = Field(None, max_length=30)
    attributes: dict[str, str] | None = Field(None, max_length=rules.MAX_ATTRIBUTES)


class ClaimsIn(Schema):
    claims: list[ClaimName] = Field(..., max_length=5)


class SellerProductOut(Schema):
    id: int
    url: str
    status: StatusName
    name: str
    name_en: str
    subtitle: str
    story: str
    story_en: str
    kind: KindName
    unit: str
    category_id: int
    heritage_item_id: int | None
    brand_id: int | None
    region_code: str | None
    ethnic_group_code: str | None
    attributes: dict[str, str]
    claims: list[ClaimName] = Field(..., description="Claims the seller made")
    claims_displayed: list[ClaimName] = Field(..., description="Claims shoppers see today (backed by a "
                                                               "certificate in force)")
    delist_reason: str
    skus: list[SellerSkuOut]
    images: list[ImageOut]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    published_at: datetime.datetime | None


class SellerProductListOut(Schema):
    id: int
    status: StatusName
    name: str
    kind: KindName
    category_id: int
    price_min: PriceStr | None
    price_max: PriceStr | None
    sku_count: int
    updated_at: datetime.datetime

    @staticmethod
    def resolve_price_min(obj) -> str | None:
        return f"{obj.price_min:.2f}" if obj.price_min is not None else None

    @staticmethod
    def resolve_price_max(obj) -> str | None:
        return f"{obj.price_max:.2f}" if obj.price_max is not None else None


# Operator -------------------------------------------------------------------------------------------

class DelistIn(Schema):
    reason: str = Field(..., min_length=1, max_length=300)


class DelistOut(Schema):
    id: int
    status: StatusName
    delist_reason: str
    delisted_at: datetime.datetime | None
