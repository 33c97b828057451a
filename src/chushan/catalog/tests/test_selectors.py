"""Reads: claims as shoppers see them today, the product page's query budget, seller scoping, categories."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from chushan.catalog import selectors
from chushan.catalog.models import Product
from chushan.catalog.tests.factories import (
    CategoryFactory,
    DraftProductFactory,
    ProductFactory,
    ProductImageFactory,
    SkuFactory,
)
from chushan.catalog.tests.helpers import certificate, inheritor_certificate, regional_brand
from chushan.heritage.models import ListLevel
from chushan.heritage.tests.factories import HeritageItemFactory
from chushan.sellers.models import Certificate, Seller

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def heritage_product(seller, category, *, level=ListLevel.NATIONAL, **cert_kwargs):
    item = HeritageItemFactory()
    cert = inheritor_certificate(seller, item, level=level, **cert_kwargs)
    product = ProductFactory(seller=seller, category=category, heritage_item=item, claim_heritage=True)
    return product, cert


def shown(product):
    return [c.claim.value for c in selectors.product_claims_displayed(Product.objects.get(pk=product.pk))]


def test_a_backed_claim_is_shown_with_the_inheritors_level(seller, category):
    product, _cert = heritage_product(seller, category)
    with translation.override("zh-hans"):
        (claim,) = selectors.product_claims_displayed(product)
        assert claim.label == "非遗传承人手作 · 国家级"
    with translation.override("en"):
        assert selectors.product_claims_displayed(product)[0].label == "Made by a heritage inheritor · national level"


def test_expiry_removes_the_claim_from_display_at_once_before_the_daily_task(seller, category):
    product, cert = heritage_product(seller, category)
    assert shown(product) == ["heritage"]
    # The certificate ran out yesterday; the daily task has not yet marked it expired.
    Certificate.objects.filter(pk=cert.pk).update(valid_until=TODAY() - datetime.timedelta(days=1))
    assert Certificate.objects.get(pk=cert.pk).status == Certificate.Status.APPROVED
    assert shown(product) == []
    assert Product.objects.get(pk=product.pk).claim_heritage  # the seller's claim stays, for when they renew


def test_the_claim_shows_on_its_last_valid_day_and_not_the_day_after(seller, category):
    product, cert = heritage_product(seller, category)
    Certificate.objects.filter(pk=cert.pk).update(valid_until=TODAY())
    fresh = Product.objects.get(pk=product.pk)
    assert [c.claim for c in selectors.product_claims_displayed(fresh)] == ["heritage"]
    assert selectors.product_claims_displayed(fresh, on=TODAY() + datetime.timedelta(days=1)) == []


def test_a_revoked_certificate_removes_the_claim(seller, category):
    product, cert = heritage_product(seller, category)
    Certificate.objects.filter(pk=cert.pk).update(status=Certificate.Status.REVOKED)
    assert shown(product) == []


def test_brand_and_halal_labels(seller, category):
    brand = regional_brand(name="水城春")
    certificate(seller, Certificate.Kind.BRAND_LICENCE, brand=brand)
    certificate(seller, Certificate.Kind.HALAL)
    product = ProductFactory(seller=seller, category=category, brand=brand, claim_brand=True, claim_halal=True)
    with translation.override("zh-hans"):
        labels = [c.label for c in selectors.product_claims_displayed(product)]
    assert labels == ["清真", "水城春"]


def test_claims_for_a_page_of_products_take_one_query(seller, category):
    products = [heritage_product(seller, category)[0] for _ in range(3)] + [ProductFactory(category=category)]
    products = list(Product.objects.filter(pk__in=[p.pk for p in products]).select_related("heritage_item"))
    with CaptureQueriesContext(connection) as queries:
        claims = selectors.product_claims_displayed_many(products)
    assert len(queries) == 1
    assert sorted(len(v) for v in claims.values()) == [0, 1, 1, 1]


def _page_queries(product_id) -> int:
    with CaptureQueriesContext(connection) as queries:
        page = selectors.product_page(product_id=product_id)
        assert page is not None
    return len(queries)


def test_the_product_page_costs_a_fixed_number_of_queries(seller, category):
    small, _ = heritage_product(seller, category)
    SkuFactory(product=small)
    ProductImageFactory(product=small)
    big, _ = heritage_product(seller, category)
    for i in range(6):
        SkuFactory(product=big, options={"规格": f"{i}号"})
        ProductImageFactory(product=big)
    certificate(seller, Certificate.Kind.HALAL)
    assert _page_queries(small.pk) == _page_queries(big.pk) <= 6


def test_only_products_on_sale_by_admitted_sellers_have_a_public_page(seller, category):
    draft = DraftProductFactory(seller=seller, category=category)
    suspended = ProductFactory(category=category, seller__status=Seller.Status.SUSPENDED)
    delisted = ProductFactory(category=category, status=Product.Status.DELISTED, delist_reason="假冒")
    for product in (draft, suspended, delisted):
        assert selectors.product_page(product_id=product.pk) is None
    assert selectors.product_page(product_id=10**30) is None


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_page_reads_its_product_with_joins_in_written_order(seller, category):
    """On PostgreSQL the product read runs in its own short transaction with join reordering off; the setting
    ends with it."""
    product, _ = heritage_product(seller, category)
    SkuFactory(product=product)
    before = _join_collapse_limit()
    page = selectors.product_page(product_id=product.pk)
    assert page.product == product and page.product.heritage_item is not None and page.skus
    assert not connection.in_atomic_block
    assert _join_collapse_limit() == before


def _join_collapse_limit() -> str | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        return cursor.fetchone()[0]


def test_the_page_shows_only_skus_on_sale(product):
    SkuFactory(product=product, code="OFF", is_active=False, options={"规格": "停售"})
    page = selectors.product_page(product_id=product.pk)
    assert [s.code for s in page.skus] == ["SKU-1"]


def test_a_seller_lists_only_its_own_products(seller, category, product):
    other = ProductFactory(category=category)
    mine = list(selectors.product_list_for_seller(seller=seller))
    assert mine == [product] and other not in mine
    assert list(selectors.product_list_for_seller(seller=None)) == []
    assert selectors.product_get_for_seller(seller=seller, product_id=other.pk) is None
    assert mine[0].price_min == mine[0].price_max == product.skus.get().price


def test_the_seller_list_filters_by_status_and_finds_by_name_or_code(seller, category, product):
    draft = DraftProductFactory(seller=seller, category=category, name="刺绣胸牌")
    SkuFactory(product=draft, code="XB-01")
    assert list(selectors.product_list_for_seller(seller=seller, status="draft")) == [draft]
    assert list(selectors.product_list_for_seller(seller=seller, query="刺绣")) == [draft]
    assert list(selectors.product_list_for_seller(seller=seller, query="xb-01")) == [draft]


def test_category_tree_nests_children_under_their_parents():
    craft = CategoryFactory(name="手工艺", position=1)
    food = CategoryFactory(name="食品", position=2)
    batik = CategoryFactory(name="蜡染", parent=craft)
    indigo = CategoryFactory(name="靛蓝蜡染", parent=batik)
    tree = selectors.category_tree()
    assert [n.category for n in tree] == [craft, food]
    assert tree[0].children[0].category == batik and tree[0].children[0].children[0].category == indigo
    assert [label for _pk, label in selectors.category_choices()][2] == "\u3000\u3000靛蓝蜡染"
