"""Reads about sellers: membership, badges, credit."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from chushan.sellers.models import Certificate, Seller

# Certificates that show as a badge on the storefront; a business licence is required but not a badge.
BADGE_KINDS = {
    Certificate.Kind.ICH_INHERITOR: "ich",
    Certificate.Kind.HALAL: "halal",
    Certificate.Kind.GREEN_FOOD: "green",
    Certificate.Kind.ORGANIC: "organic",
    Certificate.Kind.GEOGRAPHIC_INDICATION: "brand",
    Certificate.Kind.BRAND_LICENCE: "brand",
}


@dataclass(frozen=True)
class Badge:
    kind: str
    css: str
    label: str
    certificate: Certificate


def seller_of(user) -> Seller | None:
    """The seller a signed-in user works for, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Seller.objects.filter(memberships__user=user).first()


def certificates_in_force(*, seller: Seller, on=None) -> QuerySet[Certificate]:
    day = on or timezone.localdate()
    return (seller.certificates.filter(status=Certificate.Status.APPROVED, valid_from__lte=day,
                                       valid_until__gte=day)
            .select_related("heritage_item", "brand"))


def seller_badges(*, seller: Seller, on=None) -> list[Badge]:
    """Storefront badges: only approved certificates that are in force today."""
    badges = []
    for cert in certificates_in_force(seller=seller, on=on):
        if cert.kind not in BADGE_KINDS:
            continue
        label = cert.get_kind_display()
        if cert.kind == Certificate.Kind.ICH_INHERITOR:
            label = f"{cert.get_ich_level_display()} · {cert.heritage_item.display_name}"
        elif cert.brand_id:
            label = f"{cert.brand.display_name}"
        badges.append(Badge(kind=cert.kind, css=BADGE_KINDS[cert.kind], label=label, certificate=cert))
    return badges


def seller_get_public(*, slug: str) -> Seller | None:
    return Seller.objects.admitted().select_related("region", "region__parent", "ethnic_group").filter(
        slug=slug).first()
