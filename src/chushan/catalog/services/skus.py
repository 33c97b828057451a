"""SKUs: the variants a shopper buys, each with one CNY price (一物一价)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from chushan.catalog import locks, rules
from chushan.catalog.models import Product, Sku
from chushan.catalog.services._common import Errors, full_clean_or_422, product_locked_for, product_touched
from chushan.core.errors import Conflict, NotFound, Unprocessable


@dataclass
class SkuData:
    """One SKU as a seller enters it; ``price`` is a string, int or Decimal, never a float."""

    price: Any
    options: Mapping[str, Any] = field(default_factory=dict)
    code: str | None = None
    gtin: str | None = None
    is_active: bool = True


SKU_CHANGEABLE = {"price", "options", "gtin", "is_active"}


def sku_values(data: SkuData, errors: Errors, *, prefix: str = "") -> dict:
    """Validated column values for one SKU; failures are noted in ``errors`` under ``prefix``."""
    values = {
        "price": errors.check(f"{prefix}price", rules.price_parse, data.price),
        "options": errors.check(f"{prefix}options", rules.sku_options_normalise, data.options),
        "gtin": errors.check(f"{prefix}gtin", rules.gtin_normalise, data.gtin),
        "is_active": data.is_active,
    }
    if not isinstance(data.is_active, bool):
        errors.add(f"{prefix}is_active", _("Say true or false."))
    if data.code not in (None, ""):
        values["code"] = errors.check(f"{prefix}code", rules.sku_code_normalise, data.code)
    return values


def skus_check_together(rows: Sequence[dict], errors: Errors, *, prefixes: Sequence[str]) -> None:
    """Cross-row rules: codes and option sets unique within the product, GTINs unique on the platform."""
    codes, signatures, gtins = {}, {}, {}
    for row, prefix in zip(rows, prefixes, strict=True):
        if row.get("code"):
            if row["code"].upper() in codes:
                errors.add(f"{prefix}code", _("Another SKU of this product already has the code %(code)s.")
                           % {"code": row["code"]})
            codes[row["code"].upper()] = prefix
        if row.get("options") is not None:
            signature = rules.sku_options_signature(row["options"])
            if signature in signatures:
                errors.add(f"{prefix}options", _("Another SKU of this product already has these options; "
                                                 "make each variant's options different."))
            signatures[signature] = prefix
        if row.get("gtin"):
            if row["gtin"] in gtins:
                errors.add(f"{prefix}gtin", _("Two SKUs cannot share a GTIN."))
            gtins[row["gtin"]] = prefix
    taken = set(Sku.objects.filter(gtin__in=[g for g in gtins if g]).exclude(pk__in=[
        row["pk"] for row in rows if row.get("pk")]).values_list("gtin", flat=True))
    for gtin in taken:
        errors.add(f"{gtins[gtin]}gtin", _("The GTIN %(gtin)s is already used by another product.") % {"gtin": gtin})


def skus_write(product: Product, rows: Sequence[dict]) -> list[Sku]:
    """Insert new SKUs (codes filled in where the seller left them empty)."""
    existing = list(product.skus.values_list("code", flat=True)) if product.pk else []
    position = len(existing)
    created = []
    for row in rows:
        code = row.get("code") or rules.sku_code_next(existing + [s.code for s in created])
        sku = Sku(product=product, code=code, price=row["price"], options=row["options"], gtin=row["gtin"],
                  is_active=row["is_active"], position=position)
        full_clean_or_422(sku, exclude=["product"], prefix="skus.")
        sku.save()
        created.append(sku)
        position += 1
    return created


def _others(product: Product, *, exclude_pk: int | None = None) -> list[dict]:
    return [{"pk": s.pk, "code": s.code, "options": s.options, "gtin": s.gtin, "is_active": s.is_active}
            for s in product.skus.exclude(pk=exclude_pk).order_by("pk")]


def _integrity_conflict(exc: IntegrityError):
    return Conflict(_("Another SKU already has this code or GTIN; use a different one."), code="sku_conflict")


def sku_add(*, actor, product_id: int, data: SkuData) -> Sku:
    """Add a variant to the actor's product."""
    try:
        with transaction.atomic():
            product = product_locked_for(actor, product_id)
            errors = Errors()
            row = sku_values(data, errors)
            others = _others(product)
            if len(others) >= rules.MAX_SKUS_PER_PRODUCT:
                errors.add("__all__", _("A product has at most %(n)d SKUs.") % {"n": rules.MAX_SKUS_PER_PRODUCT})
            errors.raise_if_any()
            skus_check_together(others + [row], errors, prefixes=["other."] * len(others) + [""])
            errors.raise_if_any()
            (sku,) = skus_write(product, [row])
            product_touched(product)
    except IntegrityError as exc:
        raise _integrity_conflict(exc) from exc
    return sku


def _guard_last_active(product: Product, sku: Sku, *, removing: bool) -> None:
    others_active = product.skus.exclude(pk=sku.pk).filter(is_active=True).exists()
    if removing and not product.skus.exclude(pk=sku.pk).exists():
        raise Unprocessable(_("A product needs at least one SKU; add another before removing this one."),
                            code="last_sku")
    if product.is_published and not others_active:
        raise Unprocessable(_("This is the last SKU on sale. Take the product off sale first, or add another "
                              "SKU."), code="last_active_sku")


def sku_update(*, actor, product_id: int, sku_id: int, changes: Mapping[str, Any]) -> Sku:
    """Change a variant's price, options, GTIN or whether it is on sale."""
    try:
        with transaction.atomic():
            product = product_locked_for(actor, product_id)
            sku = locks.sku_lock(product=product, sku_id=sku_id)
            if sku is None:
                raise NotFound(_("This product has no SKU with this number."))
            errors = Errors()
            for name in set(changes) - SKU_CHANGEABLE:
                errors.add(name, _("This field cannot be changed here."))
            errors.raise_if_any()
            merged = SkuData(price=changes.get("price", sku.price), options=changes.get("options", sku.options),
                             gtin=changes.get("gtin", sku.gtin), is_active=changes.get("is_active", sku.is_active))
            row = sku_values(merged, errors) | {"code": sku.code, "pk": sku.pk}
            errors.raise_if_any()
            others = _others(product, exclude_pk=sku.pk)
            skus_check_together(others + [row], errors, prefixes=["other."] * len(others) + [""])
            errors.raise_if_any()
            if not row["is_active"] and sku.is_active:
                _guard_last_active(product, sku, removing=False)
            for name in ("price", "options", "gtin", "is_active"):
                setattr(sku, name, row[name])
            full_clean_or_422(sku, exclude=["product"])
            sku.save(update_fields=["price", "options", "gtin", "is_active"])
            product_touched(product)
    except IntegrityError as exc:
        raise _integrity_conflict(exc) from exc
    return sku


def sku_remove(*, actor, product_id: int, sku_id: int) -> None:
    """Remove a variant; a product keeps at least one, and a product on sale keeps one on sale."""
    with transaction.atomic():
        product = product_locked_for(actor, product_id)
        sku = locks.sku_lock(product=product, sku_id=sku_id)
        if sku is None:
            raise NotFound(_("This product has no SKU with this number."))
        _guard_last_active(product, sku, removing=True)
        try:
            with transaction.atomic():
                sku.delete()
        except ProtectedError as exc:
            raise Conflict(_("Orders refer to this SKU, so it cannot be removed; take it off sale instead."),
                           code="sku_in_use") from exc
        product_touched(product)
