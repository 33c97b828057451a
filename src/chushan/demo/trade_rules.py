"""Pure rules of the demo's trade: turn data/trade.py and the seller plans into locations with GLNs, opening
stock (receipts, with lot numbers for food, and transfers to shops, workshops and consignment counters), lot
numbers and dates for the traceability stories, and promotion windows.

Values in, values out; deterministic (hashes of natural keys), so two runs plan the same trade.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from chushan.demo.data.sellers import SELLERS, SHORT_PLACES
from chushan.demo.data.trade import CONSIGNMENTS, SITES, WAREHOUSES
from chushan.demo.rules import SellerPlan, company_prefix, stable_int
from chushan.trace import gs1

# Goods kept in stock; workshops and courses are booked, not stocked.
STOCKED_KINDS = frozenset({"finished", "diy_kit", "produce"})
# Food and farm goods carry a lot (batch) number from the day they are received.
LOT_CATEGORIES = frozenset({"tea", "chili", "fruit", "cili", "sour-soup", "herbal", "beef-mutton", "halal-snacks",
                            "halal-pantry"})
# About one SKU in twelve is sold out (缺货) at the start, so the shop shows what that looks like.
SOLD_OUT_ONE_IN = 12
SELLER_NUMBERS = {s["slug"]: s["n"] for s in SELLERS}
SELLER_CODES = {s["slug"]: s["code"] for s in SELLERS}


@dataclass(frozen=True)
class LocationPlan:
    seller: str
    kind: str
    name: str
    region: str
    address: str
    gln: str
    host: str | None = None
    commission_rate: Decimal | None = None


@dataclass(frozen=True)
class Receipt:
    """Goods received at a location: ``quantity`` units of SKU ``sku`` (its code), of lot ``lot`` ("" none)."""

    seller: str
    location: str
    sku: str
    quantity: int
    lot: str = ""


@dataclass(frozen=True)
class Move:
    """One transfer from a seller's warehouse to another of its locations: (SKU code, quantity) pairs."""

    seller: str
    source: str
    target: str
    items: tuple


def location_gln(seller: str, number: int) -> str:
    """The GLN of a seller's location number ``number`` (1, 2, ...), under the seller's company prefix."""
    return gs1.gln_make(company_prefix(SELLER_NUMBERS[seller]), f"{number:05d}")


def location_plans(sellers: Iterable[SellerPlan]) -> tuple[LocationPlan, ...]:
    """Every admitted seller's warehouse, its shops and workshops, then the consignment counters it keeps in
    another seller's shop, numbered in that order for their GLNs."""
    shops = {(slug, name): (region, address) for slug, sites in SITES.items()
             for kind, name, region, address in sites if kind == "shop"}
    plans = []
    for seller in sellers:
        if seller.status != "admitted":
            continue
        name, address = WAREHOUSES.get(seller.slug, (f"{SHORT_PLACES[seller.region]}仓库", seller.address))
        places = [("warehouse", name, seller.region, address, None, None)]
        places += [(kind, name, region, address, None, None) for kind, name, region, address in
                   SITES.get(seller.slug, ())]
        for owner, host, shop, counter, rate in CONSIGNMENTS:
            if owner == seller.slug:
                region, address = shops[(host, shop)]
                places.append(("consignment", counter, region, f"{address}（{shop}内）", host, Decimal(rate)))
        plans += [LocationPlan(seller=seller.slug, kind=kind, name=name, region=region, address=address,
                               gln=location_gln(seller.slug, number), host=host, commission_rate=rate)
                  for number, (kind, name, region, address, host, rate) in enumerate(places, start=1)]
    return tuple(plans)


def opening_quantity(price: Decimal, *, code: str, food: bool) -> int:
    """Units a warehouse starts with: many cheap things, a few dear ones; food in larger batches."""
    low, high = ((80, 200) if price < 50 else (30, 90) if price < 200 else (12, 40) if price < 600
                 else (4, 12) if price < 2000 else (1, 4))
    quantity = low + stable_int("opening", code) % (high - low + 1)
    return quantity * 2 if food else quantity


def lot_code(seller: str, produced: datetime.date) -> str:
    """A lot number as a maker writes it: the seller's code and the day made, e.g. GHQZ261109 (GS1 AI 10)."""
    return gs1.validate_lot(f"{SELLER_CODES[seller]}{produced:%y%m%d}")


def _made_on(code: str, today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=5 + stable_int("made", code) % 60)


def stock_plans(sellers: Iterable[SellerPlan], locations: Iterable[LocationPlan], *, today: datetime.date,
                always: frozenset = frozenset(), not_moved: frozenset = frozenset()
                ) -> tuple[tuple[Receipt, ...], tuple[Move, ...]]:
    """Opening stock: a receipt at each seller's warehouse for most stocked SKUs (SKU codes in ``always`` are
    never sold out), then one transfer from there to each shop (a third of each SKU), workshop (a quarter of
    each product's first SKU) and consignment counter (a quarter of its five cheapest products).
    (location name, SKU code) pairs in ``not_moved`` are left out of the transfers (a story receives them)."""
    by_seller: dict[str, list[LocationPlan]] = {}
    for location in locations:
        by_seller.setdefault(location.seller, []).append(location)
    receipts, moves = [], []
    for seller in sellers:
        places = by_seller.get(seller.slug)
        if not places:
            continue
        warehouse = places[0].name
        stocked = {}
        for product in seller.products:
            if product.kind not in STOCKED_KINDS:
                continue
            food = product.category in LOT_CATEGORIES
            for sku in product.skus:
                if stable_int("sold-out", sku.code) % SOLD_OUT_ONE_IN == 0 and sku.code not in always:
                    continue
                quantity = opening_quantity(sku.price, code=sku.code, food=food)
                stocked[sku.code] = (product, sku, quantity)
                receipts.append(Receipt(seller.slug, warehouse, sku.code, quantity,
                                        lot_code(seller.slug, _made_on(product.name, today)) if food else ""))
        for place in places[1:]:
            items = _moved(place, stocked)
            items = tuple((code, n) for code, n in items if (place.name, code) not in not_moved)
            if items:
                moves.append(Move(seller.slug, warehouse, place.name, items))
    return tuple(receipts), tuple(moves)


def _moved(place: LocationPlan, stocked: dict) -> list[tuple[str, int]]:
    if place.kind == "shop":
        return [(code, min(n // 3, 24)) for code, (_p, _s, n) in stocked.items() if n >= 3]
    firsts = [(product, sku, n) for product, sku, n in stocked.values() if sku.position == 0 and n >= 4]
    if place.kind == "workshop":
        return [(sku.code, min(n // 4, 6)) for _product, sku, n in firsts]
    cheapest = sorted(firsts, key=lambda row: (row[1].price, row[1].code))[:5]
    return [(sku.code, min(n // 4, 8)) for _product, sku, n in cheapest]


# --- traceability stories ------------------------------------------------------------------------------------

def last_harvest(today: datetime.date, month_day: tuple[int, int], *, settled_days: int = 45) -> datetime.date:
    """The latest spring harvest day (month, day) at least ``settled_days`` ago: its tea is made, inspected
    and packed by now."""
    year = today.year
    while datetime.date(year, *month_day) > today - datetime.timedelta(days=settled_days):
        year -= 1
    return datetime.date(year, *month_day)


def story_lot(prefix: str, day: datetime.date, suffix: str = "") -> str:
    """A story's lot number: DY2026A17 (prefix, harvest year, batch) or GH20261124 (prefix, day made)."""
    return gs1.validate_lot(f"{prefix}{day.year}{suffix}" if suffix else f"{prefix}{day:%Y%m%d}")


def sscc(prefix: str, serial: int, extension: int = 3) -> str:
    """An SSCC (pallet or case code, AI 00) under a company prefix, with its check digit."""
    body = f"{extension}{prefix}{serial:0{16 - len(prefix)}d}"
    return body + str(gs1.check_digit(body))


# --- promotions -----------------------------------------------------------------------------------------------

def promotion_window(promotion: dict, today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """(start, end) in local time: ``days`` from today's midnight, or the next ``evening`` (weekday, hour,
    minute, hours long) that has not started yet."""
    midnight = datetime.datetime.combine(today, datetime.time())
    if "days" in promotion:
        start, end = promotion["days"]
        return midnight + datetime.timedelta(days=start), midnight + datetime.timedelta(days=end)
    weekday, hour, minute, hours = promotion["evening"]
    ahead = (weekday - today.weekday()) % 7 or 7  # never tonight: the demo may be loaded after it began
    start = datetime.datetime.combine(today + datetime.timedelta(days=ahead), datetime.time(hour, minute))
    return start, start + datetime.timedelta(hours=hours)
