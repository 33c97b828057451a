"""Products: listing (in one call, with SKUs, pictures and claims), editing, putting on and off sale,
and the platform's delisting."""

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.catalog import locks, rules
from chushan.catalog.models import Category, Product
from chushan.catalog.rules import Claim
from chushan.catalog.services._common import (
    Errors,
    full_clean_or_422,
    member_seller,
    operator_required,
    product_changed,
    product_locked_for,
)
from chushan.catalog.services.claims import claims_require_backing
from chushan.catalog.services.images import files_delete, image_prepare, images_store
from chushan.catalog.services.skus import SkuData, sku_values, skus_check_together, skus_write
from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.heritage.models import EthnicGroup, HeritageItem, RegionalBrand
from chushan.regions.models import Region
from chushan.sellers.models import Seller


@dataclass
class ProductData:
    """What a seller says about a product: screen 1 of the listing flow, and what PATCH may change."""

    name: str
    category_id: int
    kind: str = Product.Kind.FINISHED
    name_en: str = ""
    subtitle: str = ""
    story: str = ""
    story_en: str = ""
    unit: str = "件"
    heritage_item_id: int | None = None
    brand_id: int | None = None
    region_code: str | None = None
    ethnic_group_code: str | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)


PRODUCT_FIELDS = {f.name for f in dataclasses.fields(ProductData)}
_TEXT_LIMITS = {"name": (120, True, False), "name_en": (160, False, False), "subtitle": (200, False, False),
                "story": (10000, False, True), "story_en": (10000, False, True), "unit": (10, True, False)}


def _lookup(model, errors: Errors, field_name: str, value, *, key: str = "pk", message):
    """The row named by an id (or code), or None with an error noted; malformed ids never reach the query."""
    if value in (None, ""):
        return None
    if key == "pk":
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19:
            value = int(value)
        valid = isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63
    else:
        valid = isinstance(value, str) and len(value) <= 30
    found = model.objects.filter(**{key: value}).first() if valid else None
    if found is None:
        errors.add(field_name, message)
    return found


def product_values(data: ProductData, errors: Errors) -> dict:
    """Validated model field values for ``data``; each failure noted in ``errors`` by field name."""
    values = {name: errors.check(name, rules.text_clean, getattr(data, name), max_length=limit,
                                 required=required, multiline=multiline)
              for name, (limit, required, multiline) in _TEXT_LIMITS.items()}
    if data.kind not in Product.Kind.values:
        errors.add("kind", _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(Product.Kind.values)})
    values["kind"] = data.kind
    values["attributes"] = errors.check("attributes", rules.attributes_normalise, data.attributes)
    values["category"] = _lookup(Category, errors, "category_id", data.category_id,
                                 message=_("Choose a category from the list."))
    if data.category_id in (None, ""):
        errors.add("category_id", _("Choose a category from the list."))
    values["heritage_item"] = _lookup(HeritageItem, errors, "heritage_item_id", data.heritage_item_id,
                                      message=_("There is no heritage item with this number."))
    values["brand"] = _lookup(RegionalBrand, errors, "brand_id", data.brand_id,
                              message=_("There is no regional brand with this number."))
    values["region"] = _lookup(Region, errors, "region_code", data.region_code, key="code",
                               message=_("Enter a six-digit administrative division code."))
    values["ethnic_group"] = _lookup(EthnicGroup, errors, "ethnic_group_code", data.ethnic_group_code, key="code",
                                     message=_("There is no ethnic group with this code."))
    return values


def _skus_or_errors(skus: Sequence[SkuData], errors: Errors) -> list[dict]:
    if not skus:
        errors.add("skus", _("Add at least one SKU with its price."))
        return []
    if len(skus) > rules.MAX_SKUS_PER_PRODUCT:
        errors.add("skus", _("A product has at most %(n)d SKUs.") % {"n": rules.MAX_SKUS_PER_PRODUCT})
        return []
    prefixes = [f"skus.{i}." for i in range(len(skus))]
    rows = [sku_values(sku, errors, prefix=prefix) for sku, prefix in zip(skus, prefixes, strict=True)]
    if not errors:
        skus_check_together(rows, errors, prefixes=prefixes)
    return rows


def _require_admitted(seller: Seller) -> None:
    if not seller.is_admitted:
        raise PermissionDenied(_("Products go on sale once your shop is admitted; until then keep them as drafts."),
                               code="seller_not_admitted")


def _check_publishable(seller: Seller, product: Product) -> None:
    _require_admitted(seller)
    if product.status == Product.Status.DELISTED:
        raise Conflict(_("The platform delisted this product: %(reason)s. Contact the operators to relist it.")
                       % {"reason": product.delist_reason}, code="delisted")


def product_create(*, actor, data: ProductData, skus: Sequence[SkuData], images: Sequence = (),
                   claims: Iterable[str] = (), publish: bool = False) -> Product:
    """List a product in one call: the product, at least one SKU, optional pictures and claims, and
    optionally put it on sale. Everything is checked first; on any refusal nothing is written."""
    seller = member_seller(actor)
    if publish:
        _require_admitted(seller)
    if len(images) > rules.MAX_IMAGES_PER_PRODUCT:
        raise Unprocessable(_("A product has at most %(n)d pictures.") % {"n": rules.MAX_IMAGES_PER_PRODUCT},
                            code="too_many_images")
    prepared = [image_prepare(upload, field=f"images.{i}") for i, upload in enumerate(images)]
    errors = Errors()
    written: list[str] = []
    try:
        with transaction.atomic():
            values = product_values(data, errors)
            if values["region"] is None and data.region_code in (None, ""):
                values["region"] = seller.region
            if values["ethnic_group"] is None and data.ethnic_group_code in (None, ""):
                values["ethnic_group"] = seller.ethnic_group
            wanted = errors.check("claims", rules.claims_parse, claims) or []
            rows = _skus_or_errors(skus, errors)
            errors.raise_if_any()
            claims_require_backing(seller=seller, claims=wanted, heritage_item=values["heritage_item"],
                                   brand=values["brand"])
            product = Product(seller=seller, **values, **{claim.field: claim in wanted for claim in Claim})
            if publish:
                product.status, product.published_at = Product.Status.PUBLISHED, timezone.now()
            full_clean_or_422(product, rename={"category": "category_id", "heritage_item": "heritage_item_id",
                                               "brand": "brand_id", "region": "region_code"})
            product.save()
            skus_write(product, rows)
            images_store(product, prepared, alt=values["name"], written=written)
            product_changed(product)
    except IntegrityError as exc:
        files_delete(written)
        raise Conflict(_("Another SKU already has this code or GTIN; use a different one."),
                       code="sku_conflict") from exc
    except BaseException:
        files_delete(written)
        raise
    return product


def product_update(*, actor, product_id: int, changes: Mapping[str, Any]) -> Product:
    """Change what the seller says about a product. Claims must stay backed if the heritage item or
    brand changes."""
    with transaction.atomic():
        product = product_locked_for(actor, product_id)
        errors = Errors()
        for name in set(changes) - PRODUCT_FIELDS:
            errors.add(name, _("This field cannot be changed here."))
        errors.raise_if_any()
        current = ProductData(
            name=product.name, category_id=product.category_id, kind=product.kind, name_en=product.name_en,
            subtitle=product.subtitle, story=product.story, story_en=product.story_en, unit=product.unit,
            heritage_item_id=product.heritage_item_id, brand_id=product.brand_id, region_code=product.region_id,
            ethnic_group_code=product.ethnic_group.code if product.ethnic_group_id else None,
            attributes=product.attributes)
        values = product_values(dataclasses.replace(current, **changes), errors)
        errors.raise_if_any()
        claims_require_backing(seller=product.seller, claims=[Claim(c) for c in product.claims],
                               heritage_item=values["heritage_item"], brand=values["brand"])
        for name, value in values.items():
            setattr(product, name, value)
        product.updated_at = timezone.now()
        full_clean_or_422(product, rename={"category": "category_id", "heritage_item": "heritage_item_id",
                                           "brand": "brand_id", "region": "region_code"})
        product.save()
        product_changed(product)
    return product


def product_publish(*, actor, product_id: int) -> Product:
    """Put the actor's product on sale: the seller admitted, one SKU on sale, every claim still backed."""
    with transaction.atomic():
        product = product_locked_for(actor, product_id)
        _check_publishable(product.seller, product)
        if product.is_published:
            return product
        if not product.skus.filter(is_active=True).exists():
            raise Unprocessable(_("Put at least one SKU on sale first."), code="no_active_sku")
        claims_require_backing(seller=product.seller, claims=[Claim(c) for c in product.claims],
                               heritage_item=product.heritage_item, brand=product.brand)
        product.status, product.published_at = Product.Status.PUBLISHED, timezone.now()
        product.updated_at = product.published_at
        product.save(update_fields=["status", "published_at", "updated_at"])
        product_changed(product)
    return product


def product_unpublish(*, actor, product_id: int) -> Product:
    """Take the actor's product off sale (back to draft); a delisted product stays delisted."""
    with transaction.atomic():
        product = product_locked_for(actor, product_id)
        if product.status == Product.Status.DELISTED:
            raise Conflict(_("The platform delisted this product; it is already off sale."), code="delisted")
        if product.status == Product.Status.DRAFT:
            return product
        product.status, product.updated_at = Product.Status.DRAFT, timezone.now()
        product.save(update_fields=["status", "updated_at"])
        product_changed(product)
    return product


def product_delist(*, actor, product_id: int, reason: str) -> Product:
    """An operator takes a product off the platform, saying why; the seller cannot put it back on sale."""
    with transaction.atomic():
        operator_required(actor)
        errors = Errors()
        reason = errors.check("reason", rules.text_clean, reason, max_length=300, required=True)
        errors.raise_if_any()
        product = locks.product_lock(product_id=product_id)
        if product is None:
            raise NotFound(_("There is no product with this number."))
        if product.status == Product.Status.DELISTED:
            raise Conflict(_("This product is already delisted."), code="already_delisted")
        product.status, product.delist_reason = Product.Status.DELISTED, reason
        product.delisted_by, product.delisted_at = actor, timezone.now()
        product.updated_at = product.delisted_at
        product.save(update_fields=["status", "delist_reason", "delisted_by", "delisted_at", "updated_at"])
        product_changed(product)
    return product


def product_relist(*, actor, product_id: int) -> Product:
    """An operator lifts a delisting; the product returns as a draft for its seller to put on sale."""
    with transaction.atomic():
        operator_required(actor)
        product = locks.product_lock(product_id=product_id)
        if product is None:
            raise NotFound(_("There is no product with this number."))
        if product.status != Product.Status.DELISTED:
            raise Conflict(_("This product is not delisted."), code="not_delisted")
        product.status, product.delist_reason = Product.Status.DRAFT, ""
        product.delisted_by, product.delisted_at, product.updated_at = None, None, timezone.now()
        product.save(update_fields=["status", "delist_reason", "delisted_by", "delisted_at", "updated_at"])
        product_changed(product)
    return product
