"""The synthetic catalogue behind the benchmark (and `seed_demo --products`): believable, rule-abiding."""

import pytest

from chushan.catalog.models import Product
from chushan.search import services
from chushan.search.selectors import product_search
from chushan.search.synthetic import PREFIX, credit_code, synthetic_catalogue_create
from chushan.sellers.models import Certificate

pytestmark = pytest.mark.django_db


def test_it_creates_products_with_skus_and_tops_up_on_a_second_run():
    assert synthetic_catalogue_create(products=120, sellers=30) == 120
    assert synthetic_catalogue_create(products=120, sellers=30) == 0
    assert synthetic_catalogue_create(products=150, sellers=30) == 30
    products = Product.objects.filter(seller__slug__startswith=PREFIX)
    assert products.count() == 150
    assert not products.filter(skus__isnull=True).exists()


def test_claims_are_only_made_where_the_seller_holds_the_certificate():
    synthetic_catalogue_create(products=200, sellers=30)
    for product in Product.objects.filter(claim_heritage=True).select_related("seller"):
        assert Certificate.objects.filter(seller=product.seller, kind="ich_inheritor",
                                          heritage_item=product.heritage_item, status="approved").exists()
    for product in Product.objects.filter(claim_halal=True):
        assert Certificate.objects.filter(seller_id=product.seller_id, kind="halal").exists()


def test_the_synthetic_catalogue_is_searchable():
    synthetic_catalogue_create(products=200, sellers=30)
    report = services.search_reindex_all()
    assert report.indexed > 150
    assert product_search(query="").total == report.indexed


@pytest.mark.parametrize("entity", ["enterprise", "cooperative"])
def test_credit_codes_pass_the_sellers_rules(entity):
    import random

    from chushan.sellers import rules

    for seed in range(20):
        code = credit_code(random.Random(seed), "522636", entity)
        assert rules.credit_code_is_valid(code) and rules.credit_code_fits_entity(code, entity), code
