"""Use cases of the demo app: load the demo market, and grow a synthetic catalogue for benchmarks.

The market loader writes people, sellers and the catalogue itself (it runs before and beside the other apps'
services) and is idempotent by natural keys: mobile numbers, slugs, certificate numbers, (seller, product name)
and SKU codes. The trade that follows (locations, stock, promotions, traceability, orders: services/trade.py)
goes through the apps' services. What exists is left alone, so a second run only reads a few key lists.
"""

import datetime
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.accounts.models import User
from chushan.accounts.roles import ensure_roles
from chushan.catalog.models import Category, Product, ProductImage, Sku
from chushan.core import events
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.demo import images, rules
from chushan.demo.data.heritage import BRANDS, HERITAGE_ITEMS
from chushan.demo.data.sellers import DEMO_PASSWORD, DEMO_USERS, SELLERS
from chushan.demo.data.trade import CLERK
from chushan.demo.services.trade import trade_load
from chushan.heritage.models import EthnicGroup, HeritageItem, RegionalBrand
from chushan.regions.models import Region
from chushan.sellers.models import AdmissionDecision, Certificate, CreditEvent, Membership, Seller

log = logging.getLogger(__name__)
Progress = Callable[[str], None]
SHARED_IMAGE_DIR = "products/shared"


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    product_ids: list[int] = field(default_factory=list)
    images: int = 0
    search: str = ""
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or self.images)


def _check_actor(actor: User | None) -> None:
    """The command line acts as the platform itself (no actor); a person must be a superuser."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("Only a superuser may load demo data."))


def _region_names() -> dict[str, str]:
    codes = rules.region_codes()
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    if missing := codes - names.keys():
        raise Unprocessable(_("The administrative divisions %(codes)s are missing; run `chushan migrate` first.")
                            % {"codes": ", ".join(sorted(missing))})
    return names


def demo_market_load(*, actor: User | None = None, with_images: bool = True,
                     today: datetime.date | None = None) -> LoadReport:
    """Load the demo market (sellers, certificates, heritage items, brands, products) and its trade (locations,
    stock, promotions, traceability, orders), creating only what is missing; then draw the pictures products
    lack. New products are announced to search."""
    _check_actor(actor)
    started, report = time.perf_counter(), LoadReport()
    today, now = today or timezone.localdate(), timezone.now()
    with transaction.atomic():
        plans = rules.seller_plans(today=today, region_names=_region_names())
        ensure_roles()
        users = _load_users(plans, report)
        categories = _load_categories(report)
        items, brands = _load_heritage(report)
        ethnic = dict(EthnicGroup.objects.values_list("code", "id"))
        refs = {"users": users, "items": items, "brands": brands, "ethnic": ethnic, "categories": categories}
        seller_ids = _load_sellers(plans, refs=refs, now=now, report=report)
        report.product_ids = _load_products(plans, seller_ids=seller_ids, refs=refs, now=now, report=report)
        if report.product_ids:
            # Search (a higher app) indexes them once this transaction commits.
            events.publish(events.PRODUCT_CHANGED, product_ids=list(report.product_ids))
            report.search = "product_changed"
        trade_load(plans, users=users, today=today, now=now, report=report)
    if with_images:
        report.images = _draw_pictures(plans, seller_ids=seller_ids)
    report.seconds = time.perf_counter() - started
    return report


# --- people, reference data ---------------------------------------------------------------------------

def _load_users(plans, report: LoadReport) -> dict[str, User]:
    wanted = [(mobile, name, role) for mobile, name, role in DEMO_USERS] + [(CLERK["mobile"], CLERK["name"], "")]
    wanted += [(p.mobile, p.contact_name, "") for p in plans]
    users = {u.mobile: u for u in User.objects.filter(mobile__in=[w[0] for w in wanted])}
    missing = [w for w in wanted if w[0] not in users]
    if not missing:
        return users
    password = make_password(DEMO_PASSWORD)  # hashed once: every demo account shares the demo password
    created = User.objects.bulk_create(
        [User(mobile=mobile, display_name=name, password=password, is_staff=bool(role))
         for mobile, name, role in missing])
    groups = {g.name: g for g in Group.objects.filter(name__in={role for _m, _n, role in missing if role})}
    for user, (_mobile, _name, role) in zip(created, missing, strict=True):
        if role:
            user.groups.add(groups[role])
        users[user.mobile] = user
    report.created["users"] += len(created)
    return users


def _load_categories(report: LoadReport) -> dict[str, int]:
    rows = rules.category_rows()
    ids = dict(Category.objects.filter(slug__in=[r[0] for r in rows]).values_list("slug", "id"))
    for slug, name, name_en, parent, position in rows:
        if slug not in ids:
            ids[slug] = Category.objects.create(slug=slug, name=name, name_en=name_en, position=position,
                                                parent_id=ids[parent] if parent else None).pk
            report.created["categories"] += 1
    return ids


def _load_heritage(report: LoadReport) -> tuple[dict[str, int], dict[str, int]]:
    ethnic = dict(EthnicGroup.objects.values_list("code", "id"))
    have = set(HeritageItem.objects.filter(slug__in=[h[0] for h in HERITAGE_ITEMS]).values_list("slug", flat=True))
    new_items = [
        HeritageItem(slug=slug, name=name, name_en=name_en, level=level, category=category, list_number=number,
                     region_id=region, ethnic_group_id=ethnic.get(group), description=text, description_en=text_en)
        for slug, name, name_en, level, category, number, region, group, text, text_en in HERITAGE_ITEMS
        if slug not in have]
    HeritageItem.objects.bulk_create(new_items)
    have = set(RegionalBrand.objects.filter(slug__in=[b[0] for b in BRANDS]).values_list("slug", flat=True))
    new_brands = [
        RegionalBrand(slug=slug, name=name, name_en=name_en, region_id=region, owner=owner, product_type=kind,
                      is_geographic_indication=gi, description=text, description_en=text_en)
        for slug, name, name_en, region, owner, kind, gi, text, text_en in BRANDS if slug not in have]
    RegionalBrand.objects.bulk_create(new_brands)
    report.created["heritage items"] += len(new_items)
    report.created["brands"] += len(new_brands)
    items = dict(HeritageItem.objects.values_list("slug", "id"))
    brands = dict(RegionalBrand.objects.values_list("slug", "id"))
    return items, brands


# --- sellers -----------------------------------------------------------------------------------------

def _load_sellers(plans, *, refs: dict, now, report: LoadReport) -> dict[str, int]:
    ids = dict(Seller.objects.filter(slug__in=[p.slug for p in plans]).values_list("slug", "id"))
    reviewer = refs["users"][DEMO_USERS[1][0]]
    for plan in plans:
        if plan.slug in ids:
            continue
        seller = _seller_create(plan, owner=refs["users"][plan.mobile], reviewer=reviewer, refs=refs, now=now)
        ids[plan.slug] = seller.pk
        report.created["sellers"] += 1
        report.created["certificates"] += len(plan.certificates)
    return ids


def _ago(now, days: float) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def _seller_create(plan: rules.SellerPlan, *, owner: User, reviewer: User, refs: dict, now) -> Seller:
    admitted = plan.status == Seller.Status.ADMITTED
    submitted_at = _ago(now, plan.days + 10) if admitted else _ago(now, 3)
    seller = Seller.objects.create(
        name=plan.name, slug=plan.slug, entity_type=plan.entity_type, credit_code=plan.credit_code,
        region_id=plan.region, address=plan.address, contact_name=plan.contact_name, contact_mobile=plan.mobile,
        story=plan.story, story_en=plan.story_en, ethnic_group_id=refs["ethnic"].get(plan.ethnic_group),
        status=plan.status, credit_score=plan.credit_score, created_at=submitted_at - datetime.timedelta(days=2),
        submitted_at=submitted_at, admitted_at=_ago(now, plan.days) if admitted else None)
    Membership.objects.create(user=owner, seller=seller, role=Membership.Role.OWNER, created_at=seller.created_at)
    certificates = Certificate.objects.bulk_create([
        _certificate(c, seller=seller, reviewer=reviewer, refs=refs, now=now) for c in plan.certificates])
    decisions = [AdmissionDecision(seller=seller, action=AdmissionDecision.Action.SUBMITTED, actor=owner,
                                   created_at=submitted_at)]
    for cert, c in zip(certificates, plan.certificates, strict=True):
        decisions += _certificate_decisions(cert, c, owner=owner)
    if admitted:
        decisions.append(AdmissionDecision(seller=seller, action=AdmissionDecision.Action.APPROVED, actor=reviewer,
                                           reason="材料齐全，证照真实有效，准予入驻。", created_at=seller.admitted_at))
    AdmissionDecision.objects.bulk_create(decisions)
    operator = refs["users"][DEMO_USERS[0][0]]
    CreditEvent.objects.bulk_create([
        CreditEvent(seller=seller, kind=e.kind, points=e.points, reference=e.reference, note=e.note,
                    actor=operator if e.points < 0 else None, created_at=_ago(now, e.days_ago))
        for e in plan.credit])
    return seller


def _certificate(c: rules.CertificatePlan, *, seller: Seller, reviewer: User, refs: dict, now) -> Certificate:
    created = _ago(now, c.submitted_days_ago)
    reviewed = c.status != Certificate.Status.PENDING
    return Certificate(
        seller=seller, kind=c.kind, number=c.number, issuer=c.issuer, valid_from=c.valid_from,
        valid_until=c.valid_until, ich_level=c.ich_level, holder_name=c.holder_name, status=c.status,
        heritage_item_id=refs["items"][c.heritage_item] if c.heritage_item else None,
        brand_id=refs["brands"][c.brand] if c.brand else None, review_reason=c.reason,
        reviewed_by=reviewer if reviewed else None,
        reviewed_at=min(created + datetime.timedelta(days=2), now) if reviewed else None, created_at=created)


def _certificate_decisions(cert: Certificate, c: rules.CertificatePlan, *, owner: User) -> list[AdmissionDecision]:
    """The audit trail of one certificate: submitted, then reviewed, then (perhaps) expired by the platform."""
    action = AdmissionDecision.Action
    trail = [AdmissionDecision(seller_id=cert.seller_id, certificate=cert, action=action.CERTIFICATE_SUBMITTED,
                               actor=owner, created_at=cert.created_at)]
    if cert.status in (Certificate.Status.APPROVED, Certificate.Status.EXPIRED):
        trail.append(AdmissionDecision(seller_id=cert.seller_id, certificate=cert,
                                       action=action.CERTIFICATE_APPROVED, actor=cert.reviewed_by,
                                       created_at=cert.reviewed_at))
    elif cert.status == Certificate.Status.REJECTED:
        trail.append(AdmissionDecision(seller_id=cert.seller_id, certificate=cert,
                                       action=action.CERTIFICATE_REJECTED, actor=cert.reviewed_by,
                                       reason=c.reason, created_at=cert.reviewed_at))
    if cert.status == Certificate.Status.EXPIRED:
        expired_at = timezone.make_aware(datetime.datetime.combine(
            cert.valid_until + datetime.timedelta(days=1), datetime.time(2, 0)))
        trail.append(AdmissionDecision(seller_id=cert.seller_id, certificate=cert,
                                       action=action.CERTIFICATE_EXPIRED, reason="证书已过有效期，系统自动失效。",
                                       created_at=expired_at))
    return trail


# --- products ------------------------------------------------------------------------------------------

def _product(p: rules.ProductPlan, *, seller_id: int, refs: dict, now) -> Product:
    published = _ago(now, p.published_days_ago + (p.published_days_ago * 7 % 24) / 24)
    return Product(
        seller_id=seller_id, category_id=refs["categories"][p.category], kind=p.kind, name=p.name,
        name_en=p.name_en, subtitle=p.subtitle, story=p.story, story_en=p.story_en, unit=p.unit,
        heritage_item_id=refs["items"][p.heritage_item] if p.heritage_item else None,
        ethnic_group_id=refs["ethnic"].get(p.ethnic_group), region_id=p.region,
        brand_id=refs["brands"][p.brand] if p.brand else None, attributes=p.attributes,
        claim_heritage="heritage" in p.claims, claim_halal="halal" in p.claims, claim_brand="brand" in p.claims,
        claim_green="green" in p.claims, claim_organic="organic" in p.claims, status=Product.Status.PUBLISHED,
        published_at=published, created_at=published - datetime.timedelta(hours=20), updated_at=published)


def _insert_products(pairs: list[tuple[Product, rules.ProductPlan]], *, batch_size: int = 1000) -> list[int]:
    """Insert products and their SKUs in bulk; returns the new product ids."""
    products = Product.objects.bulk_create([product for product, _plan in pairs], batch_size=batch_size)
    Sku.objects.bulk_create(
        [Sku(product=product, code=s.code, options=s.options, price=s.price, position=s.position, gtin=s.gtin)
         for product, (_p, plan) in zip(products, pairs, strict=True) for s in plan.skus], batch_size=batch_size)
    return [product.pk for product in products]


def _load_products(plans, *, seller_ids: dict, refs: dict, now, report: LoadReport) -> list[int]:
    have = set(Product.objects.filter(seller_id__in=seller_ids.values()).values_list("seller_id", "name"))
    pairs = [(_product(p, seller_id=seller_ids[plan.slug], refs=refs, now=now), p)
             for plan in plans for p in plan.products if (seller_ids[plan.slug], p.name) not in have]
    if not pairs:
        return []
    ids = _insert_products(pairs)
    report.created["products"] += len(ids)
    report.created["SKUs"] += sum(len(p.skus) for _product_, p in pairs)
    return ids


# --- pictures --------------------------------------------------------------------------------------

def demo_pictures_draw(*, actor: User | None = None, sellers: Iterable[str] | None = None) -> int:
    """Draw the pictures demo products lack (of the given seller slugs, or all); returns how many."""
    _check_actor(actor)
    plans = rules.seller_plans(today=timezone.localdate(), region_names=_region_names())
    wanted = set(sellers) if sellers is not None else {p.slug for p in plans}
    seller_ids = dict(Seller.objects.filter(slug__in=wanted).values_list("slug", "id"))
    return _draw_pictures([p for p in plans if p.slug in seller_ids], seller_ids=seller_ids)


def _draw_pictures(plans, *, seller_ids: dict) -> int:
    """A picture for every planned product that has none: files first, then the rows in one go."""
    by_key = {(seller_ids[s.slug], p.name): p for s in plans if s.slug in seller_ids for p in s.products}
    missing = (Product.objects.filter(seller_id__in=seller_ids.values(), images__isnull=True)
               .values_list("id", "seller_id", "name"))
    rows = []
    for product_id, seller_id, name in missing:
        plan = by_key.get((seller_id, name))
        if plan is None:  # a product the seller added later: it gets the seller's own pictures
            continue
        pic = images.picture(plan.style, f"{plan.seller}:{plan.name}", label=plan.name_en[:44])
        base = f"products/{product_id}/demo-{product_id}"
        rows.append(ProductImage(
            product_id=product_id, image=default_storage.save(f"{base}.jpg", ContentFile(pic.image)),
            thumbnail=default_storage.save(f"{base}-thumb.jpg", ContentFile(pic.thumbnail)),
            width=pic.width, height=pic.height, alt=name[:120], position=0))
    with transaction.atomic():
        ProductImage.objects.bulk_create(rows)
    return len(rows)


def _shared_pictures(styles: Iterable[str]) -> dict[str, tuple[str, str]]:
    """One picture per style for the synthetic catalogue, drawn once and shared by every product."""
    shared = {}
    for style in sorted(set(styles)):
        name, thumb = f"{SHARED_IMAGE_DIR}/{style}.jpg", f"{SHARED_IMAGE_DIR}/{style}-thumb.jpg"
        if not (default_storage.exists(name) and default_storage.exists(thumb)):
            pic = images.picture(style, f"shared:{style}")
            for path, data in ((name, pic.image), (thumb, pic.thumbnail)):
                if default_storage.exists(path):
                    default_storage.delete(path)
                default_storage.save(path, ContentFile(data))
        shared[style] = (name, thumb)
    return shared


# --- synthetic catalogue ------------------------------------------------------------------------------

@dataclass
class SynthesisReport:
    existing: int = 0
    created: int = 0
    search: str = ""
    seconds: float = 0.0


def demo_catalogue_synthesize(*, products: int, actor: User | None = None, batch_size: int = 2000,
                              progress: Progress | None = None) -> SynthesisReport:
    """Make the synthetic catalogue ``products`` strong (counting what earlier runs made), spread over the
    demo sellers with the claims their certificates back, sharing one picture per craft; then reindex."""
    _check_actor(actor)
    if products < 0:
        raise Unprocessable(_("The number of products cannot be negative."), errors={"products": [
            _("Enter 0 or more.")]})
    started, report = time.perf_counter(), SynthesisReport()
    report.existing = Sku.objects.filter(code__startswith=rules.SYNTHETIC_SKU_PREFIX, position=0).count()
    if report.existing >= products:
        return report
    context = _synthetic_context()
    shared = _shared_pictures(rules.LINES[line]["style"] for s in context["sellers"] for line, _c in s["lines"])
    new_ids: list[int] = []
    for start in range(report.existing, products, batch_size):
        stop = min(start + batch_size, products)
        with transaction.atomic():
            new_ids += _synthetic_batch(range(start, stop), context=context, shared=shared)
        if progress:
            progress(f"{stop - report.existing}/{products - report.existing} synthetic products")
    report.created = len(new_ids)
    report.search = search_refresh(product_ids=new_ids)
    report.seconds = time.perf_counter() - started
    return report


def _synthetic_context() -> dict:
    """The admitted demo sellers that sell something, with their certificates in force from the database."""
    ids = dict(Seller.objects.admitted().filter(slug__in=[s["slug"] for s in SELLERS]).values_list("slug", "id"))
    sellers = [s for s in SELLERS if s["slug"] in ids and s["lines"]]
    if not sellers:
        raise Unprocessable(_("Load the demo market first: `chushan seed_demo`."))
    today = timezone.localdate()
    certificates: dict[int, list] = {ids[s["slug"]]: [] for s in sellers}
    for c in (Certificate.objects.filter(seller_id__in=certificates)
              .values("seller_id", "kind", "number", "issuer", "status", "valid_from", "valid_until",
                      "heritage_item__slug", "brand__slug")):
        certificates[c["seller_id"]].append(rules.CertificatePlan(
            kind=c["kind"], number=c["number"], issuer=c["issuer"], status=c["status"], valid_from=c["valid_from"],
            valid_until=c["valid_until"], submitted_days_ago=0, heritage_item=c["heritage_item__slug"],
            brand=c["brand__slug"]))
    return {"sellers": sellers, "ids": ids, "certificates": certificates, "today": today, "now": timezone.now(),
            "ethnic_of_item": rules.ethnic_of_items(), "refs": {
                "categories": dict(Category.objects.values_list("slug", "id")),
                "items": dict(HeritageItem.objects.values_list("slug", "id")),
                "brands": dict(RegionalBrand.objects.values_list("slug", "id")),
                "ethnic": dict(EthnicGroup.objects.values_list("code", "id"))}}


def _synthetic_batch(numbers: range, *, context: dict, shared: dict) -> list[int]:
    sellers, ids = context["sellers"], context["ids"]
    pairs = []
    for n in numbers:
        seller = sellers[n % len(sellers)]
        seller_id = ids[seller["slug"]]
        plan = rules.synthetic_product_plan(n, seller=seller, certificates=tuple(context["certificates"][seller_id]),
                                            today=context["today"], ethnic_of_item=context["ethnic_of_item"])
        pairs.append((_product(plan, seller_id=seller_id, refs=context["refs"], now=context["now"]), plan))
    product_ids = _insert_products(pairs)
    ProductImage.objects.bulk_create(
        [ProductImage(product_id=pid, image=shared[plan.style][0], thumbnail=shared[plan.style][1],
                      width=images.SIZE, height=images.SIZE, alt=plan.name[:120], position=0)
         for pid, (_product_, plan) in zip(product_ids, pairs, strict=True)], batch_size=2000)
    return product_ids


# --- search ------------------------------------------------------------------------------------------

def search_refresh(*, product_ids: list[int] | None = None, full: bool = False) -> str:
    """Bring the search index up to date: a full rebuild when search offers one, else announce the products.

    Returns what was done ("reindex_all", "product_changed" or "" when there was nothing to do).
    """
    reindex_all = _search_reindex_all()
    if reindex_all is not None and (full or product_ids):
        reindex_all()
        return "reindex_all"
    if product_ids:
        for start in range(0, len(product_ids), 1000):
            events.publish(events.PRODUCT_CHANGED, product_ids=product_ids[start:start + 1000])
        return "product_changed"
    return ""


def _search_reindex_all() -> Callable[[], object] | None:
    """search.services.search_reindex_all when the search app provides it (it may not exist yet)."""
    try:
        from chushan.search import services as search_services
    except ModuleNotFoundError as missing:
        if missing.name != "chushan.search.services":
            raise  # search exists but is broken: say so instead of silently skipping the index
        return None
    return getattr(search_services, "search_reindex_all", None)
