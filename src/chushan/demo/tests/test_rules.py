"""The demo plans, checked without a database: real codes, valid credit codes, backed claims, enough of all."""

import datetime
import re
from collections import Counter
from decimal import Decimal

import pytest

from chushan.catalog import rules as catalog_rules
from chushan.demo import rules
from chushan.demo.data.categories import CATEGORIES
from chushan.demo.data.heritage import BRANDS, HERITAGE_ITEMS
from chushan.demo.data.products import LINES
from chushan.demo.data.sellers import SELLERS
from chushan.heritage.ethnic_groups import ETHNIC_GROUPS
from chushan.regions.loader import read_divisions
from chushan.sellers import rules as seller_rules

TODAY = datetime.date(2026, 11, 26)
DIVISIONS = {row["code"]: row for row in read_divisions()}
ETHNIC_CODES = {code for code, _name, _en in ETHNIC_GROUPS}


@pytest.fixture(scope="module")
def plans():
    return rules.seller_plans(today=TODAY, region_names={code: r["name"] for code, r in DIVISIONS.items()})


def _products(plans):
    return [p for s in plans for p in s.products]


def test_a_credit_code_made_from_a_seed_passes_the_gb_32100_check():
    code = rules.credit_code_make(prefix="93", division="522636", seed="some-cooperative")
    assert len(code) == 18 and code.startswith("93522636")
    assert seller_rules.credit_code_problems(code, division_known=DIVISIONS.__contains__) == []


def test_the_check_character_follows_the_published_weights():
    body = rules.credit_code_make(prefix="91", division="622901", seed="x")[:17]
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(charset.index(ch) * w for ch, w in zip(body, weights, strict=True))
    assert rules.credit_code_make(prefix="91", division="622901", seed="x")[17] == charset[(31 - total % 31) % 31]


def test_every_credit_code_is_valid_fits_the_entity_and_names_the_sellers_county(plans):
    coded = [s for s in plans if s.credit_code]
    assert {s.entity_type for s in coded} >= {"enterprise", "cooperative", "household"}
    for seller in coded:
        assert seller_rules.credit_code_problems(seller.credit_code, division_known=DIVISIONS.__contains__) == []
        assert seller_rules.credit_code_fits_entity(seller.credit_code, seller.entity_type), seller.slug
        assert seller.credit_code[2:8] == seller.region
    assert len({s.credit_code for s in coded}) == len(coded)


def test_registered_bodies_always_have_a_code():
    for seller in SELLERS:
        if seller["entity"] in ("enterprise", "cooperative"):
            assert seller_rules.entity_needs_credit_code(seller["entity"])


def test_enough_sellers_of_every_entity_type_in_both_provinces(plans):
    admitted = [s for s in plans if s.status == "admitted"]
    assert len(admitted) >= 30
    for province in ("52", "62"):
        types = {s.entity_type for s in admitted if s.region.startswith(province)}
        assert types == {"enterprise", "cooperative", "inheritor", "household"}, province


def test_enough_heritage_items_brands_and_products(plans):
    assert len(HERITAGE_ITEMS) >= 40
    assert len(BRANDS) >= 5
    assert len(_products(plans)) >= 300
    assert Counter(p.kind for p in _products(plans)).keys() >= {"finished", "diy_kit", "produce", "workshop"}


def test_places_ethnic_groups_and_categories_are_real(plans):
    for slug, _n, _e, level, category, _no, region, group, _d, _de in HERITAGE_ITEMS:
        assert DIVISIONS[region]["level"] == 3, slug
        assert group is None or group in ETHNIC_CODES, slug
        assert level in (1, 2, 3, 4)
        assert category in {"folk_literature", "music", "dance", "drama", "quyi", "sports", "fine_arts",
                            "craftsmanship", "medicine", "folk_custom"}
    assert all(b[3] in DIVISIONS for b in BRANDS)
    for seller in plans:
        assert DIVISIONS[seller.region]["level"] == 3
        assert seller.ethnic_group is None or seller.ethnic_group in ETHNIC_CODES
    category_slugs = {row[0] for row in rules.category_rows()}
    assert {line["category"] for line in LINES.values()} <= category_slugs
    assert len(category_slugs) == len(rules.category_rows()) == sum(1 + len(c[3]) for c in CATEGORIES)


def test_lines_and_certificates_name_items_and_brands_that_exist():
    items, brands = {h[0] for h in HERITAGE_ITEMS}, {b[0] for b in BRANDS}
    for key, line in LINES.items():
        assert line.get("heritage") is None or line["heritage"] in items, key
        assert line.get("brand") is None or line["brand"] in brands, key
    for seller in SELLERS:
        for line, _count in seller["lines"]:
            assert line in LINES, seller["slug"]
        for cert in seller["certs"]:
            assert cert.get("heritage_item") is None or cert["heritage_item"] in items
            assert cert.get("brand") is None or cert["brand"] in brands
            assert seller_rules.kind_allowed(seller["entity"], cert["kind"]), (seller["slug"], cert["kind"])


def test_every_claim_is_backed_by_a_certificate_in_force(plans):
    for seller in plans:
        for product in seller.products:
            claims = [catalog_rules.Claim(c) for c in product.claims]
            facts = [_Facts(c) for c in seller.certificates]
            unbacked = catalog_rules.claims_unbacked(
                claims, heritage_item_id=product.heritage_item, brand_id=product.brand, certificates=facts, on=TODAY)
            assert unbacked == [], (seller.slug, product.name)


def test_lookalikes_claim_nothing_and_undercut_the_makers(plans):
    lookalikes = [p for p in _products(plans) if p.style == "print"]
    assert len(lookalikes) >= 10
    assert all(not p.claims and p.heritage_item is None for p in lookalikes)
    batik = [p.skus[0].price for p in _products(plans) if p.heritage_item == "miao-batik" and "heritage" in p.claims]
    fakes = [p.skus[0].price for p in lookalikes if "蜡染" in p.name]
    assert fakes and max(fakes) < sorted(batik)[len(batik) // 2]


def test_some_certificates_are_pending_expired_or_rejected(plans):
    statuses = Counter(c.status for s in plans for c in s.certificates)
    assert statuses["pending"] >= 2 and statuses["expired"] >= 3 and statuses["rejected"] >= 1
    assert all(c.valid_until < TODAY for s in plans for c in s.certificates if c.status == "expired")
    assert all(c.valid_until >= TODAY for s in plans for c in s.certificates if c.status == "approved")


def test_credit_scores_replay_the_events(plans):
    for seller in plans:
        if seller.status == "admitted":
            assert seller.credit[0].kind == "admission"
            assert 0 < seller.credit_score <= 1000
    scores = {s.slug: s.credit_score for s in plans}
    assert scores["kaili-haoke-souvenirs"] < scores["wang-ayu-batik"]


def test_skus_have_unique_codes_in_the_catalogue_pattern_and_decimal_prices(plans):
    codes = [s.code for p in _products(plans) for s in p.skus]
    assert len(codes) == len(set(codes))
    assert all(re.match(catalog_rules.SKU_CODE_PATTERN, code) for code in codes)
    for product in _products(plans):
        assert 1 <= len(product.skus) <= 4
        for sku in product.skus:
            assert isinstance(sku.price, Decimal) and Decimal("0") < sku.price < catalog_rules.MAX_PRICE
            assert sku.price == sku.price.quantize(Decimal("0.01"))
            assert catalog_rules.sku_options_normalise(sku.options) == sku.options


def test_product_names_are_unique_per_seller_and_fit_the_columns(plans):
    for seller in plans:
        names = [p.name for p in seller.products]
        assert len(names) == len(set(names)), seller.slug
    for product in _products(plans):
        assert 0 < len(product.name) <= 120 and len(product.name_en) <= 160 and len(product.unit) <= 10
        assert "{" not in product.name + product.name_en + product.story + product.story_en


def test_planning_is_deterministic(plans):
    again = rules.seller_plans(today=TODAY, region_names={code: r["name"] for code, r in DIVISIONS.items()})
    assert again == plans


@pytest.mark.parametrize(("value", "expected"), [
    ("168", "168"), ("229", "228"), ("1283", "1280"), ("29.94", "29.9"), ("32", "31.9"), ("0.5", "0.9"),
])
def test_nice_prices(value, expected):
    assert rules.nice_price(Decimal(value)) == Decimal(expected)


def test_synthetic_products_are_deterministic_and_backed():
    seller = SELLERS[0]
    certs = rules.certificate_plans(seller, today=TODAY, region_names={"522636": "丹寨县"}, credit_code=None,
                                    brand_owners={})
    one = rules.synthetic_product_plan(7, seller=seller, certificates=certs, today=TODAY,
                                       ethnic_of_item=rules.ethnic_of_items())
    assert one == rules.synthetic_product_plan(7, seller=seller, certificates=certs, today=TODAY,
                                               ethnic_of_item=rules.ethnic_of_items())
    assert all(s.code.startswith(rules.SYNTHETIC_SKU_PREFIX + "0000007-") for s in one.skus)
    assert one.claims <= {"heritage"}


def test_names_in_pinyin():
    assert rules.name_in_pinyin("杨秀梅") == "Yang Xiumei"


class _Facts:
    """A certificate plan seen the way catalog.rules sees a Certificate (ids as slugs here)."""

    def __init__(self, plan):
        self.kind, self.status = plan.kind, plan.status
        self.valid_from, self.valid_until = plan.valid_from, plan.valid_until
        self.heritage_item_id, self.brand_id = plan.heritage_item, plan.brand
