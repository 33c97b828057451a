"""Reads of the catalogue: the public product page, claims as shown today, seller-side lists, categories."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chushan.catalog import rules
from chushan.catalog.models import Category, Product, ProductImage, Sku
from chushan.catalog.rules import Claim
from chushan.heritage.models import ListLevel
from chushan.sellers.models import Certificate, Seller
from chushan.sellers.selectors import certificates_in_force, seller_badges

CLAIM_CSS = {Claim.HERITAGE: "ich", Claim.HALAL: "halal", Claim.BRAND: "brand", Claim.GREEN: "green",
             Claim.ORGANIC: "organic"}
# The inheritor's level as shoppers read it on a badge: 非遗传承人手作 · 国家级.
INHERITOR_LEVEL_LABELS = {
    ListLevel.NATIONAL: _("national level"),
    ListLevel.PROVINCIAL: _("provincial level"),
    ListLevel.CITY: _("city level"),
    ListLevel.COUNTY: _("county level"),
}


@dataclass(frozen=True)
class DisplayedClaim:
    """A claim a shopper sees, with the certificate that backs it today."""

    claim: Claim
    css: str
    label: str
    certificate: Certificate


def _claim_label(claim: Claim, certificate: Certificate, product: Product) -> str:
    if claim is Claim.HERITAGE:
        level = INHERITOR_LEVEL_LABELS.get(certificate.ich_level)
        return f"{_('Made by a heritage inheritor')} · {level}" if level else str(_("Made by a heritage inheritor"))
    if claim is Claim.BRAND:
        return product.brand.display_name if product.brand_id else str(rules.CLAIM_LABELS[claim])
    return str(rules.CLAIM_LABELS[claim])


def product_claims_displayed(product: Product, *, certificates: Iterable[Certificate] | None = None,
                             on: datetime.date | None = None) -> list[DisplayedClaim]:
    """The product's claims still backed today: an expired or revoked certificate drops its claim at once,
    before the daily task marks it expired. Pass ``certificates`` (the seller's) to save the query."""
    day = on or timezone.localdate()
    if certificates is None:
        certificates = certificates_in_force(seller=product.seller, on=day)
    certificates = list(certificates)
    shown = []
    for name in product.claims:
        claim = Claim(name)
        backing = rules.claim_backing(claim, heritage_item_id=product.heritage_item_id, brand_id=product.brand_id,
                                      certificates=certificates, on=day)
        if backing:
            best = max(backing, key=lambda c: (c.ich_level or 0, c.valid_until))
            shown.append(DisplayedClaim(claim=claim, css=CLAIM_CSS[claim], label=_claim_label(claim, best, product),
                                        certificate=best))
    return shown


def product_claims_displayed_many(products: Iterable[Product], *, on: datetime.date | None = None
                                  ) -> dict[int, list[DisplayedClaim]]:
    """The same for a page of products, with one query for all their sellers' certificates."""
    products = list(products)
    day = on or timezone.localdate()
    seller_ids = {p.seller_id for p in products if p.claims}
    by_seller: dict[int, list[Certificate]] = defaultdict(list)
    if seller_ids:
        for cert in (Certificate.objects.filter(seller_id__in=seller_ids, status=Certificate.Status.APPROVED,
                                                valid_from__lte=day, valid_until__gte=day)):
            by_seller[cert.seller_id].append(cert)
    return {p.pk: product_claims_displayed(p, certificates=by_seller.get(p.seller_id, []), on=day)
            if p.claims else [] for p in products}


def _public_products() -> QuerySet[Product]:
    return (Product.objects.published()
            .select_related("seller", "seller__region", "seller__region__parent", "category", "category__parent",
                            "heritage_item", "brand", "region", "region__parent", "ethnic_group")
            .prefetch_related(Prefetch("skus", queryset=Sku.objects.filter(is_active=True), to_attr="skus_on_sale"),
                              "images"))


def product_get_public(*, product_id: int) -> Product | None:
    """A product on sale by an admitted seller, or None (drafts, delisted, suspended sellers)."""
    products = _public_products().filter(pk=product_id).order_by()  # pk lookup: no ORDER BY
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return next(iter(products), None)
    # Eleven tables joined to one row by primary keys: PostgreSQL spent several times longer weighing join
    # orders (2-4 ms) than running the query (0.4 ms), and the order written is already the right one.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL join_collapse_limit = 1")
        return next(iter(products), None)


@dataclass
class ProductPage:
    product: Product
    skus: list[Sku]
    images: list[ProductImage]
    claims: list[DisplayedClaim]
    badges: list = field(default_factory=list)

    @property
    def price_range(self) -> tuple | None:
        prices = [sku.price for sku in self.skus]
        return (min(prices), max(prices)) if prices else None

    @property
    def heritage_level(self) -> str:
        item = self.product.heritage_item
        return str(INHERITOR_LEVEL_LABELS.get(item.level, "")) if item else ""


def product_page(*, product_id: int) -> ProductPage | None:
    """Everything the product page shows, in a fixed number of queries whatever the SKU or picture count."""
    product = product_get_public(product_id=product_id)
    if product is None:
        return None
    day = timezone.localdate()
    claims = product_claims_displayed(product, on=day) if product.claims else []
    return ProductPage(product=product, skus=product.skus_on_sale, images=list(product.images.all()),
                       claims=claims, badges=seller_badges(seller=product.seller, on=day))


# Seller side ----------------------------------------------------------------------------------------

def product_list_for_seller(*, seller: Seller | None, status: str | None = None, query: str = ""
                            ) -> QuerySet[Product]:
    """The seller's own products, newest first, with their price range and counts."""
    products = (Product.objects.for_seller(seller).select_related("category")
                .annotate(price_min=Min("skus__price", filter=Q(skus__is_active=True)),
                          price_max=Max("skus__price", filter=Q(skus__is_active=True)),
                          sku_count=Count("skus", distinct=True))
                .prefetch_related("images", "skus"))
    if status in Product.Status.values:
        products = products.filter(status=status)
    if query:
        products = products.filter(Q(name__icontains=query) | Q(skus__code__iexact=query)).distinct()
    return products.order_by("-updated_at", "-pk")


def product_get_for_seller(*, seller: Seller | None, product_id: int) -> Product | None:
    return (Product.objects.for_seller(seller)
            .select_related("seller", "category", "heritage_item", "brand", "region", "ethnic_group")
            .prefetch_related("skus", "images").filter(pk=product_id).first())


@dataclass(frozen=True)
class ClaimOption:
    """A claim as the seller console offers it: whether a certificate backs it now, and what is missing."""

    claim: Claim
    label: str
    chosen: bool
    backed: bool
    missing: str


def claim_options(*, product_seller: Seller, heritage_item=None, brand=None, chosen: Iterable[str] = ()
                  ) -> list[ClaimOption]:
    day = timezone.localdate()
    certificates = list(certificates_in_force(seller=product_seller, on=day))
    chosen = set(chosen)
    options = []
    for claim in Claim:
        backed = bool(rules.claim_backing(claim, heritage_item_id=heritage_item.pk if heritage_item else None,
                                          brand_id=brand.pk if brand else None, certificates=certificates, on=day))
        missing = "" if backed else rules.claim_missing_message(
            claim, heritage_item_name=heritage_item.display_name if heritage_item else None,
            brand_name=brand.display_name if brand else None)
        options.append(ClaimOption(claim=claim, label=str(rules.CLAIM_LABELS[claim]), chosen=claim.value in chosen,
                                   backed=backed, missing=missing))
    return options


# Categories -----------------------------------------------------------------------------------------

@dataclass
class CategoryNode:
    category: Category
    children: list["CategoryNode"] = field(default_factory=list)
    depth: int = 0


def category_tree() -> list[CategoryNode]:
    """The whole tree from one query, roots first, each level in position order."""
    nodes = {c.pk: CategoryNode(category=c) for c in Category.objects.order_by("position", "name", "pk")}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.category.parent_id)
        (parent.children if parent else roots).append(node)

    def set_depth(items, depth):
        for item in items:
            item.depth = depth
            set_depth(item.children, depth + 1)

    set_depth(roots, 0)
    return roots


def category_choices() -> list[tuple[int, str]]:
    """Flat (id, indented name) pairs for a select box."""
    flat = []

    def walk(items):
        for item in items:
            flat.append((item.category.pk, "\u3000" * item.depth + item.category.display_name))
            walk(item.children)

    walk(category_tree())
    return flat
