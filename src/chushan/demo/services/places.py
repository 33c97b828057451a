"""The demo sellers' GS1 identifiers and places, through the apps' own services: a company prefix each
(recorded by the demo operator), a GTIN on every SKU, locations with GLNs and the sales channels of their kind
(the traceability stories' also as trace sites), and the shop clerk. Each step writes only what is missing."""

from chushan.accounts.models import User
from chushan.catalog import services as catalog_services
from chushan.catalog.models import Sku
from chushan.demo import rules, trade_rules
from chushan.inventory import rules as stock_rules
from chushan.inventory import services as stock_services
from chushan.inventory.models import Location
from chushan.regions.models import Region
from chushan.sellers import services as seller_services
from chushan.sellers.models import Membership, Seller
from chushan.trace import services as trace_services
from chushan.trace.models import CompanyPrefix, Site

SITE_KINDS = {"warehouse": Site.Kind.WAREHOUSE, "shop": Site.Kind.SHOP, "workshop": Site.Kind.WORKSHOP,
              "consignment": Site.Kind.SHOP}
# Which channels each kind of place sells on (inventory's defaults, said out loud): a warehouse serves the web
# shop, live streams and institutional buyers; a shop its counter too; a workshop its visitors and the web.
CHANNELS = {"warehouse": [stock_rules.WEB, stock_rules.LIVE_STREAM, stock_rules.INSTITUTIONAL],
            "shop": [stock_rules.WEB, stock_rules.SHOP_COUNTER, stock_rules.LIVE_STREAM],
            "workshop": [stock_rules.WEB, stock_rules.SHOP_COUNTER],
            "consignment": [stock_rules.CONSIGNMENT_COUNTER]}


def prefixes_record(plans, *, operator: User, sellers: dict[str, Seller]) -> int:
    """The operator records each admitted seller's company prefix (952 + its number) once."""
    have = set(CompanyPrefix.objects.filter(seller__in=sellers.values()).values_list("seller_id", flat=True))
    made = 0
    for plan in plans:
        seller = sellers.get(plan.slug)
        if seller is None or seller.pk in have:
            continue
        trace_services.company_prefix_add(actor=operator, seller=seller,
                                          prefix=rules.company_prefix(trade_rules.SELLER_NUMBERS[plan.slug]))
        made += 1
    return made


def gtins_fill(plans, *, owners: dict[str, User]) -> int:
    """Give the planned GTIN to every demo SKU still without one (markets loaded before SKUs had GTINs)."""
    planned = {sku.code: (plan.slug, sku.gtin) for plan in plans for product in plan.products for sku in product.skus
               if sku.gtin}
    missing = (Sku.objects.filter(code__in=planned, gtin__isnull=True, product__seller__slug__in=owners)
               .values_list("pk", "product_id", "code", "product__seller__slug"))
    filled = 0
    for sku_id, product_id, code, seller in missing:
        slug, gtin = planned[code]
        if slug == seller:  # the same code at another seller is that seller's own SKU, not this demo SKU
            catalog_services.sku_update(actor=owners[slug], product_id=product_id, sku_id=sku_id,
                                        changes={"gtin": gtin})
            filled += 1
    return filled


def _regions(locations) -> dict[str, Region]:
    # Every county the plans name was checked at the start of the load (market._region_names).
    return {region.code: region for region in Region.objects.filter(code__in={loc.region for loc in locations})}


def locations_create(locations, *, owners: dict[str, User], sellers: dict[str, Seller],
                     sites_for: frozenset = frozenset()) -> tuple[dict, int]:
    """Create the planned locations the sellers lack; those of the sellers in ``sites_for`` (slugs) are also
    registered as traceability sites of their kind (the platform registers the others' on their first event).
    Returns every location of the sellers by (seller slug, name), and how many were made."""
    have = {(loc.seller_id, loc.name): loc for loc in
            Location.objects.filter(seller__in=sellers.values()).select_related("seller")}
    wanted = [loc for loc in locations if (sellers[loc.seller].pk, loc.name) not in have]
    regions = _regions(wanted) if wanted else {}
    made = {}
    for plan in wanted:
        owner = owners[plan.seller]
        location = stock_services.location_create(actor=owner, data=stock_services.LocationData(
            kind=plan.kind, name=plan.name, region=regions[plan.region], address=plan.address,
            host_seller=sellers[plan.host] if plan.host else None, commission_rate=plan.commission_rate,
            gln=plan.gln, channels=CHANNELS[plan.kind]))
        if plan.seller in sites_for:
            trace_services.site_register(actor=owner, draft=trace_services.SiteDraft(
                gln=plan.gln, name=plan.name, kind=SITE_KINDS[plan.kind], region=regions[plan.region],
                address=plan.address))
        made[(plan.seller, plan.name)] = location
    by_key = {(loc.seller.slug, loc.name): loc for loc in have.values()}
    return {**by_key, **made}, len(made)


def clerk_hire(*, owner: User, seller: Seller, clerk: User) -> bool:
    """The seller's owner adds the demo shop clerk (signed up with the demo accounts) to its staff."""
    if Membership.objects.filter(user=clerk).exists():
        return False
    seller_services.staff_add(actor=owner, seller=seller, mobile=clerk.mobile)
    return True
