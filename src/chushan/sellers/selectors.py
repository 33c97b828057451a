"""Reads about sellers: membership, application, certificates, badges, credit, the review queue."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import PermissionDenied
from chushan.regions.models import Region
from chushan.sellers import rules
from chushan.sellers.models import AdmissionDecision, Certificate, Membership, Seller

# Certificates that show as a badge on the storefront; a business licence is required but not a badge.
BADGE_KINDS = {
    Certificate.Kind.ICH_INHERITOR: "ich",
    Certificate.Kind.HALAL: "halal",
    Certificate.Kind.GREEN_FOOD: "green",
    Certificate.Kind.ORGANIC: "organic",
    Certificate.Kind.GEOGRAPHIC_INDICATION: "brand",
    Certificate.Kind.BRAND_LICENCE: "brand",
}


MAX_ID = 2**63 - 1  # the largest primary key a database holds; larger ids cannot exist


@dataclass(frozen=True)
class Badge:
    kind: str
    css: str
    label: str
    certificate: Certificate


@dataclass(frozen=True)
class ClaimsBacked:
    """What a seller's certificates in force let its products claim (catalog checks claims against it)."""

    heritage_item_ids: frozenset[int]
    brand_ids: frozenset[int]
    halal: bool
    green: bool
    organic: bool

    def backs(self, claim: str, *, heritage_item_id: int | None = None, brand_id: int | None = None) -> bool:
        if claim == "heritage":
            return heritage_item_id in self.heritage_item_ids
        if claim == "brand":
            return brand_id in self.brand_ids
        return bool(getattr(self, claim, False))


def seller_of(user) -> Seller | None:
    """The seller a signed-in user works for, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (Seller.objects.filter(memberships__user=user)
            .select_related("region__parent__parent", "ethnic_group").first())


def membership_of(user) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.select_related("seller").filter(user=user).first()


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


def claims_backed(*, seller: Seller, on=None) -> ClaimsBacked:
    """The product claims the seller's approved, unexpired certificates back today."""
    items, brands, kinds = set(), set(), set()
    for kind, item_id, brand_id in certificates_in_force(seller=seller, on=on).values_list(
            "kind", "heritage_item_id", "brand_id"):
        kinds.add(kind)
        if kind == Certificate.Kind.ICH_INHERITOR and item_id:
            items.add(item_id)
        if kind in rules.kinds_backing("brand") and brand_id:
            brands.add(brand_id)
    return ClaimsBacked(heritage_item_ids=frozenset(items), brand_ids=frozenset(brands),
                        halal=bool(kinds & rules.kinds_backing("halal")),
                        green=bool(kinds & rules.kinds_backing("green")),
                        organic=bool(kinds & rules.kinds_backing("organic")))


def seller_get_public(*, slug: str) -> Seller | None:
    if rules.has_control_characters(slug):
        return None
    return Seller.objects.admitted().select_related("region__parent__parent", "ethnic_group").filter(
        slug=slug).first()


def seller_get(*, pk: int) -> Seller | None:
    if not 0 < pk <= MAX_ID:
        return None
    return Seller.objects.select_related("region__parent__parent", "ethnic_group").filter(pk=pk).first()


def seller_certificates(*, seller: Seller | None) -> QuerySet[Certificate]:
    return Certificate.objects.for_seller(seller).select_related("heritage_item", "brand")


def certificate_get_for_member(*, user, pk: int) -> Certificate | None:
    if not 0 < pk <= MAX_ID:
        return None
    return seller_certificates(seller=seller_of(user)).filter(pk=pk).first()


def certificate_get(*, pk: int) -> Certificate | None:
    if not 0 < pk <= MAX_ID:
        return None
    return Certificate.objects.select_related("seller", "heritage_item", "brand").filter(pk=pk).first()


def application_missing(*, seller: Seller, on=None) -> list[str]:
    """What the seller still needs before submitting, counting pending and approved certificates."""
    kinds = set(Certificate.objects.for_seller(seller).live(on).values_list("kind", flat=True))
    return rules.submission_missing(entity_type=seller.entity_type, credit_code=seller.credit_code, kinds=kinds)


def admission_missing(*, seller: Seller, on=None) -> list[str]:
    """What stops admission today: the same requirements, counting approved certificates in force only."""
    kinds = set(certificates_in_force(seller=seller, on=on).values_list("kind", flat=True))
    return rules.submission_missing(entity_type=seller.entity_type, credit_code=seller.credit_code, kinds=kinds)


def require_reviewer(actor) -> None:
    """Reviewer-only reads (the queue, any seller's application) refuse everyone else."""
    if actor is None or not actor.has_perm("sellers.review_seller"):
        raise PermissionDenied(_("Only admission reviewers may see this."))


def admission_queue(*, actor) -> QuerySet[Seller]:
    """Applications awaiting review and sellers with certificates awaiting review, oldest first."""
    require_reviewer(actor)
    pending = Count("certificates", filter=Q(certificates__status=Certificate.Status.PENDING))
    return (Seller.objects.annotate(pending_certificates=pending)
            .filter(Q(status=Seller.Status.SUBMITTED) | Q(pending_certificates__gt=0))
            .select_related("region__parent__parent")
            .order_by(F("submitted_at").asc(nulls_last=True), "pk"))


def certificate_document_for(*, user, pk: int) -> Certificate | None:
    """A certificate whose scan ``user`` may see: their own seller's, or any one for reviewers."""
    if not 0 < pk <= MAX_ID or not getattr(user, "is_authenticated", False):
        return None
    if user.has_perm("sellers.review_seller"):
        return Certificate.objects.filter(pk=pk).first()
    return Certificate.objects.for_seller(seller_of(user)).filter(pk=pk).first()


def console_overview(*, seller: Seller) -> dict:
    """What the console's first page shows: badges, what is missing, what waits, the last decisions."""
    certificates = Certificate.objects.for_seller(seller)
    return {
        "badges": seller_badges(seller=seller),
        "missing": application_missing(seller=seller),
        "pending_count": certificates.filter(status=Certificate.Status.PENDING).count(),
        "rejected_certificates": list(certificates.filter(status=Certificate.Status.REJECTED)[:5]),
        "rejection": last_rejection(seller=seller) if seller.status == Seller.Status.REJECTED else None,
        "decisions": list(seller_decisions(seller=seller)[:8]),
    }


def seller_decisions(*, seller: Seller) -> QuerySet[AdmissionDecision]:
    return seller.decisions.select_related("certificate", "actor")


def last_rejection(*, seller: Seller) -> AdmissionDecision | None:
    return seller.decisions.filter(action=AdmissionDecision.Action.REJECTED).first()


def seller_staff(*, seller: Seller | None) -> QuerySet[Membership]:
    if seller is None:
        return Membership.objects.none()
    return seller.memberships.select_related("user").order_by("-role", "created_at")


def regions_under(*, parent_code: str, level: int) -> QuerySet[Region]:
    """Divisions of ``level`` directly under ``parent_code`` (a province's 省直辖 counties included)."""
    if not (len(parent_code) == 6 and parent_code.isascii() and parent_code.isdigit()):
        return Region.objects.none()
    return Region.objects.filter(parent_id=parent_code, level=level).order_by("code")


def provinces() -> QuerySet[Region]:
    return Region.objects.filter(level=Region.Level.PROVINCE).order_by("code")
