"""django-ninja schemas for the sellers API: separate In and Out per use."""

import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema
from pydantic import field_validator

from chushan.sellers import rules

EntityType = Literal["enterprise", "cooperative", "inheritor", "household"]
CertificateKind = Literal["ich_inheritor", "halal", "green_food", "organic", "geographic_indication",
                          "brand_licence", "business_licence"]
OperatorCreditKind = Literal["complaint_upheld", "late_shipment", "inspection_failed", "violation",
                             "missed_deadline", "good_standing"]
Mobile = Field(pattern=r"^1[3-9][0-9]{9}$", examples=["13800138000"])


class SellerRegionOut(Schema):
    code: str
    name: str


class SellerCreditOut(Schema):
    score: int
    band: str = Field(description="excellent (优秀) ≥ 800, good (良好) ≥ 600, fair (一般) ≥ 400, poor (较差)")
    band_label: str

    @staticmethod
    def of(score: int) -> "SellerCreditOut":
        band = rules.credit_band(score)
        return SellerCreditOut(score=score, band=band.code, band_label=str(band.label))


class SellerBadgeOut(Schema):
    kind: str
    label: str


class SellerPublicOut(Schema):
    slug: str
    name: str
    entity_type: str
    entity_type_label: str
    region: list[SellerRegionOut]
    ethnic_group: str | None
    story: str
    badges: list[SellerBadgeOut]
    credit: SellerCreditOut
    admitted_at: datetime.datetime | None


class SellerApplicationIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    entity_type: EntityType
    region_code: str = Field(pattern=r"^[0-9]{6}$", description="A county-level division code (GB/T 2260).")
    address: str = Field(min_length=1, max_length=200)
    contact_name: str = Field(min_length=1, max_length=50)
    contact_mobile: str = Mobile
    credit_code: str = Field("", max_length=40, description="统一社会信用代码; required for enterprises and "
                                                             "cooperatives.")
    story: str = Field("", max_length=4000)
    story_en: str = Field("", max_length=4000)
    ethnic_group_code: str = Field("", max_length=30)


class SellerApplicationPatchIn(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    entity_type: EntityType | None = None
    region_code: str | None = Field(None, pattern=r"^[0-9]{6}$")
    address: str | None = Field(None, min_length=1, max_length=200)
    contact_name: str | None = Field(None, min_length=1, max_length=50)
    contact_mobile: str | None = Field(None, pattern=r"^1[3-9][0-9]{9}$")
    credit_code: str | None = Field(None, max_length=40)
    story: str | None = Field(None, max_length=4000)
    story_en: str | None = Field(None, max_length=4000)
    ethnic_group_code: str | None = Field(None, max_length=30)


class SellerApplicationOut(Schema):
    id: int
    slug: str
    name: str
    entity_type: str
    credit_code: str | None
    region: list[SellerRegionOut]
    address: str
    contact_name: str
    contact_mobile: str
    story: str
    story_en: str
    ethnic_group_code: str | None
    status: str
    status_label: str
    credit: SellerCreditOut
    submitted_at: datetime.datetime | None
    admitted_at: datetime.datetime | None
    missing: list[str] = Field(description="What the application still needs before it can be submitted.")
    rejection_reason: str | None


class CertificateLinkOut(Schema):
    id: int
    slug: str
    name: str


class CertificateIn(Schema):
    kind: CertificateKind
    number: str = Field(min_length=1, max_length=60)
    issuer: str = Field(min_length=1, max_length=120)
    valid_from: datetime.date
    valid_until: datetime.date = Field(description="Use 2099-12-31 for a certificate without end date (长期).")
    ich_level: int | None = Field(None, ge=1, le=4, description="1 county, 2 city, 3 provincial, 4 national")
    heritage_item_id: int | None = Field(None, ge=1, le=2**62)
    brand_id: int | None = Field(None, ge=1, le=2**62)
    holder_name: str = Field("", max_length=60)

    @field_validator("ich_level", "heritage_item_id", "brand_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        # HTML forms send an empty string for an empty select.
        return None if value == "" else value


class CertificateOut(Schema):
    id: int
    kind: str
    kind_label: str
    number: str
    issuer: str
    valid_from: datetime.date
    valid_until: datetime.date
    status: str
    status_label: str
    in_force: bool
    ich_level: int | None
    heritage_item: CertificateLinkOut | None
    brand: CertificateLinkOut | None
    holder_name: str
    review_reason: str
    document_url: str | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_in_force(obj) -> bool:
        return obj.is_in_force()

    @staticmethod
    def resolve_heritage_item(obj):
        item = obj.heritage_item
        return {"id": item.pk, "slug": item.slug, "name": item.display_name} if item else None

    @staticmethod
    def resolve_brand(obj):
        brand = obj.brand
        return {"id": brand.pk, "slug": brand.slug, "name": brand.display_name} if brand else None

    @staticmethod
    def resolve_document_url(obj) -> str | None:
        return reverse("sellers:certificate_document", args=[obj.pk]) if obj.document else None


class AdmissionQueueItemOut(Schema):
    id: int
    name: str
    entity_type: str
    status: str
    submitted_at: datetime.datetime | None
    region: list[SellerRegionOut]
    pending_certificates: int

    @staticmethod
    def resolve_region(obj):
        return region_path(obj.region)


class AdmissionDecisionIn(Schema):
    decision: Literal["approve", "reject"]
    reason: str = Field("", max_length=300, description="Required when rejecting; the seller sees it.")


class SellerReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


class CreditEventIn(Schema):
    kind: OperatorCreditKind
    reference: str = Field("", max_length=80, description="What caused it (ticket, order); counted once.")
    note: str = Field("", max_length=300)


class CreditEventOut(Schema):
    id: int
    kind: str
    points: int
    reference: str
    note: str
    created_at: datetime.datetime
    credit: SellerCreditOut


def region_path(region) -> list[dict]:
    return [{"code": r.code, "name": r.display_name} for r in region.path()]
