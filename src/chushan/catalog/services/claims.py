"""Claims a product carries (传承人手作, 清真, 区域公用品牌 …), accepted only while a certificate backs them."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from chushan.catalog import rules
from chushan.catalog.models import Product
from chushan.catalog.rules import Claim
from chushan.catalog.services._common import Errors, product_changed, product_locked_for
from chushan.core.errors import Unprocessable
from chushan.heritage.models import HeritageItem, RegionalBrand
from chushan.sellers.models import Seller
from chushan.sellers.selectors import certificates_in_force


def claims_require_backing(*, seller: Seller, claims: Iterable[Claim], heritage_item: HeritageItem | None,
                           brand: RegionalBrand | None) -> None:
    """Raise 422 naming each missing certificate; pass silently when every claim is backed today."""
    claims = list(claims)
    if not claims:
        return
    day = timezone.localdate()
    unbacked = rules.claims_unbacked(claims, heritage_item_id=heritage_item.pk if heritage_item else None,
                                     brand_id=brand.pk if brand else None,
                                     certificates=certificates_in_force(seller=seller, on=day), on=day)
    if not unbacked:
        return
    messages = [rules.claim_missing_message(claim, heritage_item_name=heritage_item.display_name if heritage_item
                                            else None, brand_name=brand.display_name if brand else None)
                for claim in unbacked]
    raise Unprocessable(" ".join(messages), code="claim_not_backed", errors={"claims": messages},
                        extra={"missing": [claim.value for claim in unbacked]})


def claims_parse_or_422(values: Iterable) -> list[Claim]:
    errors = Errors()
    claims = errors.check("claims", rules.claims_parse, values)
    errors.raise_if_any()
    return claims


def product_claims_set(*, actor, product_id: int, claims: Iterable[str]) -> Product:
    """Set exactly these claims on the actor's product; refuse (422) any that no certificate backs."""
    with transaction.atomic():
        product = product_locked_for(actor, product_id)
        wanted = claims_parse_or_422(claims)
        claims_require_backing(seller=product.seller, claims=wanted, heritage_item=product.heritage_item,
                               brand=product.brand)
        for claim in Claim:
            setattr(product, claim.field, claim in wanted)
        product.updated_at = timezone.now()
        product.save(update_fields=[claim.field for claim in Claim] + ["updated_at"])
        product_changed(product)
    return product

