"""The demo's trade plans, checked without a database: GS1 keys with their check digits, places that fit,
opening stock that adds up, lot numbers, story dates and promotion windows."""

import datetime
from collections import Counter, defaultdict

import pytest

from chushan.catalog import rules as catalog_rules
from chushan.demo import rules, trade_rules
from chushan.demo.data.trade import BEEF_STORY, CLERK, CONSIGNMENTS, ORDERS, PROMOTIONS, SITES, TEA_STORY
from chushan.regions.loader import read_divisions
from chushan.trace import gs1

TODAY = datetime.date(2026, 11, 26)
DIVISIONS = {row["code"]: row for row in read_divisions()}


@pytest.fixture(scope="module")
def plans():
    admitted = rules.seller_plans(today=TODAY, region_names={code: r["name"] for code, r in DIVISIONS.items()})
    return tuple(p for p in admitted if p.status == "admitted")


@pytest.fixture(scope="module")
def places(plans):
    return trade_rules.location_plans(plans)


def _skus(plans):
    return {sku.code: (seller, product, sku) for seller in plans for product in seller.products for sku in product.skus}


def test_every_planned_sku_has_a_unique_gtin_13_under_its_sellers_demo_prefix(plans):
    gtins = []
    for seller, _product, sku in _skus(plans).values():
        prefix = rules.company_prefix(trade_rules.SELLER_NUMBERS[seller.slug])
        assert prefix.startswith("952") and len(prefix) == 7
        assert sku.gtin.startswith("0" + prefix) and gs1.has_valid_check_digit(sku.gtin)
        assert catalog_rules.gtin_normalise(sku.gtin[1:]) == sku.gtin  # the EAN-13 on the label
        gtins.append(sku.gtin)
    assert len(gtins) == len(set(gtins))


def test_a_gtin_is_the_check_digit_over_prefix_product_and_position():
    assert rules.sku_gtin(120, 3, 1) == "0952012000301" + str(gs1.check_digit("0952012000301"))


def test_each_admitted_seller_has_one_warehouse_first_and_places_that_fit_their_columns(plans, places):
    by_seller = defaultdict(list)
    for place in places:
        by_seller[place.seller].append(place)
        assert DIVISIONS[place.region]["level"] == 3 and len(place.name) <= 60 and len(place.address) <= 200
        assert gs1.validate_gln(place.gln) == place.gln
    assert set(by_seller) == {p.slug for p in plans}
    for seller, rows in by_seller.items():
        assert rows[0].kind == "warehouse" and [r.kind for r in rows].count("warehouse") == 1
        assert len({r.name for r in rows}) == len(rows), seller
    assert len({p.gln for p in places}) == len(places)


def test_consignment_counters_stand_in_a_planned_shop_of_another_seller(places):
    shops = {(p.seller, p.name) for p in places if p.kind == "shop"}
    counters = [p for p in places if p.kind == "consignment"]
    assert len(counters) == len(CONSIGNMENTS)
    for counter in counters:
        assert counter.host != counter.seller and 0 < counter.commission_rate < 1
    for owner, host, shop, _name, _rate in CONSIGNMENTS:
        assert (host, shop) in shops and owner != host


def test_opening_stock_adds_up_and_only_food_carries_lots(plans, places):
    always = frozenset({"DYMJ-08A"})
    receipts, moves = trade_rules.stock_plans(plans, places, today=TODAY, always=always)
    skus = _skus(plans)
    received = {r.sku: r.quantity for r in receipts}
    assert len(received) == len(receipts) and "DYMJ-08A" in received
    stockable = [c for c, (_s, product, _k) in skus.items() if product.kind in trade_rules.STOCKED_KINDS]
    assert 0.85 * len(stockable) <= len(received) < len(stockable)  # most, not all: a few are sold out
    for receipt in receipts:
        _seller, product, _sku = skus[receipt.sku]
        assert product.kind in trade_rules.STOCKED_KINDS and receipt.quantity >= 1
        assert bool(receipt.lot) == (product.category in trade_rules.LOT_CATEGORIES)
        assert not receipt.lot or gs1.validate_lot(receipt.lot) == receipt.lot
    moved = Counter()
    for move in moves:
        for code, quantity in move.items:
            assert quantity >= 1
            moved[code] += quantity
    assert all(moved[code] <= received[code] for code in moved)


def test_a_story_receives_its_own_lot_at_its_shop_so_that_sku_is_not_moved_there(plans, places):
    _receipts, moves = trade_rules.stock_plans(plans, places, today=TODAY,
                                               not_moved=frozenset({(TEA_STORY["shop"], "DYMJ-03B")}))
    to_shop = next(m for m in moves if m.target == TEA_STORY["shop"])
    assert "DYMJ-03B" not in dict(to_shop.items) and "DYMJ-03A" in dict(to_shop.items)


def test_the_stories_orders_and_promotions_name_planned_products_and_places(plans, places):
    by_slug = {p.slug: p for p in plans}
    names = {(p.seller, p.name) for p in places}
    for plan in (TEA_STORY, BEEF_STORY, *ORDERS):
        product = next(p for p in by_slug[plan["seller"]].products if p.name == plan["product"])
        assert len(product.skus) > plan["sku"] and product.kind in trade_rules.STOCKED_KINDS
    for plan in PROMOTIONS:
        assert {p.name for p in by_slug[plan["seller"]].products} >= set(plan["products"])
    assert {(TEA_STORY["seller"], TEA_STORY["shop"]), (TEA_STORY["seller"], TEA_STORY["workshop"]),
            (BEEF_STORY["seller"], BEEF_STORY["shop"]), (CLERK["seller"], CLERK["shop"])} <= names
    assert all(kind in ("shop", "workshop") for sites in SITES.values() for kind, *_rest in sites)


@pytest.mark.parametrize(("today", "expected"), [
    (datetime.date(2026, 11, 26), datetime.date(2026, 3, 28)),
    (datetime.date(2026, 5, 12), datetime.date(2026, 3, 28)),
    (datetime.date(2026, 5, 11), datetime.date(2025, 3, 28)),  # this spring's tea is not made and packed yet
    (datetime.date(2026, 1, 3), datetime.date(2025, 3, 28)),
])
def test_the_tea_story_tells_the_last_spring_harvest_that_is_done(today, expected):
    assert trade_rules.last_harvest(today, (3, 28)) == expected


def test_story_lot_numbers_and_case_codes_are_valid_gs1():
    assert trade_rules.story_lot("DY", datetime.date(2026, 3, 28), "A17") == "DY2026A17"
    assert trade_rules.story_lot("GH", datetime.date(2026, 11, 24)) == "GH20261124"
    assert trade_rules.lot_code("guanghe-halal-meat", datetime.date(2026, 11, 9)) == "GHQZ261109"
    code = trade_rules.sscc("9520120", 260001)
    assert len(code) == 18 and gs1.validate_sscc(code) == code


def test_promotion_windows_run_from_midnight_or_on_the_next_stream_evening_never_tonight():
    start, end = trade_rules.promotion_window({"days": (-1, 30)}, TODAY)
    assert (start, end) == (datetime.datetime(2026, 11, 25), datetime.datetime(2026, 12, 26))
    saturday = datetime.date(2026, 11, 28)
    start, end = trade_rules.promotion_window({"evening": (5, 19, 30, 3)}, saturday)
    assert start == datetime.datetime(2026, 12, 5, 19, 30) and end - start == datetime.timedelta(hours=3)
    start, _end = trade_rules.promotion_window({"evening": (5, 19, 30, 3)}, TODAY)  # a Thursday
    assert start == datetime.datetime(2026, 11, 28, 19, 30)
