"""Page data for the public pages; each returns a template context, or None when the thing is absent.

Every page costs a fixed number of queries whatever it lists: related rows are joined or prefetched, and the
certificates behind badges and claims are read once per page, not once per card.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.catalog.models import Product, ProductImage, Sku
from chushan.catalog.selectors import product_claims_displayed_many
from chushan.heritage import selectors as heritage
from chushan.heritage.models import HeritageItem, RegionalBrand
from chushan.sellers import rules as seller_rules
from chushan.sellers import selectors as sellers
from chushan.sellers.models import Certificate, Seller
from chushan.storefront import labels

HOME_PRODUCTS = 8
HOME_EXPERIENCES = 4
HOME_MAKERS = 8
HOME_HERITAGE = 8
PAGE_PRODUCTS = 24
PAGE_MAKERS = 24
# Counting a large catalogue takes a while on SQLite; a few minutes' lag in "307 products" is harmless.
COUNTS_SECONDS = 300
EXPERIENCE_KINDS = (Product.Kind.WORKSHOP, Product.Kind.COURSE)
BRAND_KINDS = (Certificate.Kind.BRAND_LICENCE, Certificate.Kind.GEOGRAPHIC_INDICATION)


@dataclass(frozen=True)
class StoreBadge:
    """A badge a shopper sees, from one approved certificate in force today."""

    css: str
    label: str
    detail: str  # the issuer and end of validity, for the tooltip and the certificate list


# --- building blocks ---------------------------------------------------------------------------------

def _in_force(day) -> Q:
    return Q(status=Certificate.Status.APPROVED, valid_from__lte=day, valid_until__gte=day)


def _public_products() -> QuerySet[Product]:
    return (Product.objects.published()
            .select_related("seller", "brand", "heritage_item")
            .prefetch_related(Prefetch("skus", queryset=Sku.objects.filter(is_active=True).order_by("position", "pk")),
                              Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk")))
            .order_by("-published_at", "-pk"))


def _cards(products: Iterable[Product]) -> list[Product]:
    """Products ready for the grid: lowest price and the claims their certificates back today."""
    products = list(products)
    claims = product_claims_displayed_many(products)
    for product in products:
        prices = [sku.price for sku in product.skus.all()]
        product.price_from = min(prices) if prices else None
        product.price_varies = len(set(prices)) > 1
        product.shown_claims = claims.get(product.pk, [])
    return products


def badge_for(cert: Certificate) -> StoreBadge | None:
    """The storefront badge of a certificate (None for a business licence, which is required, not a merit)."""
    css = sellers.BADGE_KINDS.get(cert.kind)
    if css is None:
        return None
    if cert.kind == Certificate.Kind.ICH_INHERITOR:
        label = f"{labels.INHERITOR_LEVELS.get(cert.ich_level, '')} · {cert.heritage_item.display_name}"
    elif cert.kind == Certificate.Kind.BRAND_LICENCE:
        label = _("%(brand)s licensee") % {"brand": cert.brand.display_name}
    elif cert.brand_id:
        label = _("%(brand)s geographic indication") % {"brand": cert.brand.display_name}
    else:
        label = str(labels.CERTIFICATE_KINDS[cert.kind])
    return StoreBadge(css=css, label=label, detail=f"{cert.issuer} · {cert.valid_until:%Y-%m-%d}")


def _badges(certificates: Iterable[Certificate]) -> list[StoreBadge]:
    ordered = sorted(certificates, key=lambda c: (c.kind != Certificate.Kind.ICH_INHERITOR, -(c.ich_level or 0)))
    return [b for b in (badge_for(c) for c in ordered) if b is not None]


def _makers(sellers_: Iterable[Seller]) -> list[Seller]:
    """Sellers ready for a card: their badges (one query for all) and credit band."""
    sellers_ = list(sellers_)
    day, by_seller = timezone.localdate(), defaultdict(list)
    for cert in (Certificate.objects.filter(_in_force(day), seller__in=sellers_)
                 .select_related("heritage_item", "brand")):
        by_seller[cert.seller_id].append(cert)
    for seller in sellers_:
        seller.badges = _badges(by_seller[seller.pk])
        seller.credit_band = seller_rules.credit_band(seller.credit_score).code
    return sellers_


def _featured_makers() -> list[Seller]:
    """The best-rated makers, two of each kind (inheritor, cooperative, household, enterprise) first."""
    ranked = list(_admitted_makers().order_by("-credit_score", "name")[:HOME_MAKERS * 5])
    per_kind, picked = defaultdict(int), []
    for seller in ranked:
        if per_kind[seller.entity_type] < 2:
            per_kind[seller.entity_type] += 1
            picked.append(seller)
    picked += [s for s in ranked if s not in picked]
    order = list(labels.ENTITY_TYPES)
    return sorted(picked[:HOME_MAKERS], key=lambda s: (order.index(s.entity_type), -s.credit_score))


def _admitted_makers() -> QuerySet[Seller]:
    return Seller.objects.admitted().select_related("region", "region__parent", "ethnic_group")


def _page(queryset, number, per_page: int):
    return Paginator(queryset, per_page).get_page(number)


# --- pages -----------------------------------------------------------------------------------------

def home_page() -> dict:
    """Brands, heritage items (national first), featured makers, new products and experiences."""
    products = _public_products()
    return {
        "brands": list(heritage.brand_list().select_related("region__parent")),
        "heritage_items": list(heritage.heritage_item_list().filter(
            category__in=labels.CRAFT_CATEGORIES).order_by("-level", "name")[:HOME_HERITAGE]),
        "makers": _makers(_featured_makers()),
        "products": _cards(products.exclude(kind__in=EXPERIENCE_KINDS)[:HOME_PRODUCTS]),
        "experiences": _cards(products.filter(kind__in=EXPERIENCE_KINDS)[:HOME_EXPERIENCES]),
        "stats": cache.get_or_set("storefront:home-stats", _stats, COUNTS_SECONDS),
    }


def _stats() -> dict:
    return {"makers": Seller.objects.admitted().count(), "heritage_items": HeritageItem.objects.count(),
            "products": Product.objects.published().count()}


def _heritage_product_counts() -> dict[int, int]:
    """Products on sale per heritage item, in one grouped query."""
    rows = (Product.objects.published().filter(heritage_item__isnull=False).order_by()
            .values("heritage_item").annotate(n=Count("pk")).values_list("heritage_item", "n"))
    return dict(rows)


def heritage_list_page(*, kind: str = "", level: int | None = None) -> dict:
    """Heritage items with how many products each has; ``kind`` is "crafts" or "living" (song, custom…)."""
    items = heritage.heritage_item_list()
    if kind == "crafts":
        items = items.filter(category__in=labels.CRAFT_CATEGORIES)
    elif kind == "living":
        items = items.exclude(category__in=labels.CRAFT_CATEGORIES)
    if level:
        items = items.filter(level=level)
    counts = cache.get_or_set("storefront:heritage-product-counts", _heritage_product_counts, COUNTS_SECONDS)
    items = list(items)
    for item in items:
        item.product_count = counts.get(item.pk, 0)
    items.sort(key=lambda i: (-i.level, -i.product_count, i.name))
    return {"items": items, "kind": kind, "level": level}


def heritage_page(*, slug: str, page=1) -> dict | None:
    """An item, the inheritors whose certificate for it is in force, and its products."""
    # The page shows the region's whole path (province / prefecture / county), so join all three.
    item = HeritageItem.objects.select_related("region__parent__parent", "ethnic_group").filter(slug=slug).first()
    if item is None:
        return None
    inheritors = (Certificate.objects.filter(_in_force(timezone.localdate()), kind=Certificate.Kind.ICH_INHERITOR,
                                             heritage_item=item, seller__status=Seller.Status.ADMITTED)
                  .select_related("seller", "seller__region").order_by("-ich_level", "seller__name"))
    products = _page(_public_products().filter(heritage_item=item), page, PAGE_PRODUCTS)
    return {"item": item, "inheritors": list(inheritors), "products": _cards(products), "page": products}


def brand_list_page() -> dict:
    day = timezone.localdate()
    licensed = Count("certificates__seller", distinct=True,
                     filter=Q(certificates__kind__in=BRAND_KINDS, certificates__status=Certificate.Status.APPROVED,
                              certificates__valid_from__lte=day, certificates__valid_until__gte=day,
                              certificates__seller__status=Seller.Status.ADMITTED))
    brands = heritage.brand_list().select_related("region__parent__parent").annotate(licensed=licensed)
    return {"brands": list(brands)}


def brand_page(*, slug: str, page=1) -> dict | None:
    """A brand, the makers licensed to use it today, and the products that carry it."""
    brand = RegionalBrand.objects.select_related("region__parent__parent").filter(slug=slug).first()
    if brand is None:
        return None
    licences = (Certificate.objects.filter(_in_force(timezone.localdate()), kind__in=BRAND_KINDS, brand=brand,
                                           seller__status=Seller.Status.ADMITTED)
                .select_related("seller", "seller__region").order_by("seller__name"))
    makers = list({c.seller_id: c.seller for c in licences}.values())
    products = _page(_public_products().filter(brand=brand), page, PAGE_PRODUCTS)
    return {"brand": brand, "makers": makers, "products": _cards(products), "page": products}


def maker_list_page(*, province: str = "", entity: str = "", page=1) -> dict:
    makers = _admitted_makers().order_by("-credit_score", "name")
    if province in ("52", "62"):
        makers = makers.filter(region__code__startswith=province)
    if entity in labels.ENTITY_TYPES:
        makers = makers.filter(entity_type=entity)
    found = _page(makers, page, PAGE_MAKERS)
    return {"makers": _makers(found), "page": found, "province": province, "entity": entity}


def seller_page(*, slug: str, page=1) -> dict | None:
    """A maker: who they are, badges from certificates in force only, credit, and their products."""
    seller = sellers.seller_get_public(slug=slug)
    if seller is None:
        return None
    certificates = list(Certificate.objects.filter(_in_force(timezone.localdate()), seller=seller)
                        .select_related("heritage_item", "brand").order_by("kind", "-ich_level"))
    products = _page(_public_products().filter(seller=seller), page, PAGE_PRODUCTS)
    band = seller_rules.credit_band(seller.credit_score)
    return {"seller": seller, "badges": _badges(certificates), "products": _cards(products), "page": products,
            "certificates": [c for c in certificates if c.kind != Certificate.Kind.BUSINESS_LICENCE],
            "licensed": any(c.kind == Certificate.Kind.BUSINESS_LICENCE for c in certificates),
            "credit_band": band.code, "credit_max": seller_rules.CREDIT_MAX}
