"""Loading the demo's trade once the market is in: GS1 identifiers, locations, opening stock, the shop clerk,
promotions, the two traceability stories, the shopper's orders and a counter sale. Every write goes through the
owning app's services, acting as the person who would do it (the operator, a seller's owner, the clerk, the
shopper); each step first reads what exists and does only what is missing."""

from chushan.accounts.models import User
from chushan.catalog.models import Sku
from chushan.demo import trade_rules
from chushan.demo.data.sellers import DEMO_USERS
from chushan.demo.data.trade import BEEF_STORY, CLERK, ORDERS, TEA_STORY
from chushan.demo.services import orders, places, promotions, stock, stories
from chushan.sellers.models import Seller

SHOPPER_MOBILE = DEMO_USERS[2][0]
OPERATOR_MOBILE = DEMO_USERS[0][0]


def _key(plan: dict) -> tuple[str, str, int]:
    """(seller slug, product name, SKU position) of a story or an order in data/trade.py."""
    return plan["seller"], plan["product"], plan["sku"]


def _planned_code(plans: dict, seller: str, product: str, position: int) -> str:
    """The SKU code the plans give a seller's product (by name) at a position."""
    found = next(p for p in plans[seller].products if p.name == product)
    return found.skus[position].code


def _skus(sellers: dict[str, Seller], codes: set[str]) -> dict[str, Sku]:
    rows = Sku.objects.filter(product__seller__in=sellers.values(), code__in=codes).select_related("product")
    return {sku.code: sku for sku in rows}


def trade_load(plans, *, users: dict[str, User], today, now, report) -> None:
    """Everything after the catalogue; counts what it made in ``report.created``."""
    admitted = [p for p in plans if p.status == Seller.Status.ADMITTED]
    by_slug = {p.slug: p for p in admitted}
    sellers = {s.slug: s for s in Seller.objects.filter(slug__in=by_slug).select_related("region")}
    owners = {p.slug: users[p.mobile] for p in admitted}
    made = report.created  # a Counter
    made["company prefixes"] += places.prefixes_record(admitted, operator=users[OPERATOR_MOBILE], sellers=sellers)
    made["GTINs added"] += places.gtins_fill(admitted, owners=owners)
    location_plans = trade_rules.location_plans(admitted)
    locations, count = places.locations_create(location_plans, owners=owners, sellers=sellers,
                                               sites_for=frozenset({TEA_STORY["seller"], BEEF_STORY["seller"]}))
    made["locations"] += count

    codes = {_key(plan): _planned_code(by_slug, *_key(plan)) for plan in (TEA_STORY, BEEF_STORY, *ORDERS)}
    always = frozenset(codes.values())  # what the stories and orders need is never sold out
    # A story's shop receives its SKU by lot in the story itself, not by a transfer from the warehouse.
    not_moved = frozenset((story["shop"], codes[_key(story)]) for story in (TEA_STORY, BEEF_STORY))
    receipts, moves = trade_rules.stock_plans(admitted, location_plans, today=today, always=always,
                                              not_moved=not_moved)
    skus = _skus(sellers, {r.sku for r in receipts} | {code for m in moves for code, _n in m.items} | set(always))
    received, moved = stock.opening_stock(receipts, moves, owners=owners, locations=locations, skus=skus)
    made["stock receipts"] += received
    made["transfers"] += moved

    clerk = users[CLERK["mobile"]]
    made["shop clerks"] += places.clerk_hire(owner=owners[CLERK["seller"]], seller=sellers[CLERK["seller"]],
                                             clerk=clerk)
    made["promotions"] += promotions.promotions_create(owners=owners, sellers=sellers, today=today)
    for story, tell in ((TEA_STORY, stories.tea_story), (BEEF_STORY, stories.beef_story)):
        slug = story["seller"]
        lot = tell(owner=owners[slug], seller=sellers[slug], sku=skus[codes[_key(story)]], locations=locations,
                   today=today, now=now)
        made["trace stories"] += lot is not None

    by_key = {key: skus[code] for key, code in codes.items()}
    made["orders"] += orders.shopper_orders(shopper=users[SHOPPER_MOBILE], owners=owners, sellers=sellers,
                                            skus=by_key, locations=locations, clerk=clerk)
    sale = orders.counter_sale(clerk=clerk, shop=locations[(TEA_STORY["seller"], TEA_STORY["shop"])],
                               sku=by_key[_key(TEA_STORY)])
    made["counter sales"] += sale is not None
