"""Real threads over real PostgreSQL connections: racing SKU writes end in one winner and clean 4xx for the
rest, never a 500 or a duplicate. Skipped on SQLite (see src/chushan/conftest.py)."""

import pytest

from chushan.catalog import services
from chushan.catalog.models import Sku
from chushan.catalog.services import SkuData
from chushan.catalog.tests.factories import CategoryFactory, ProductFactory, SkuFactory
from chushan.core.errors import ApplicationError
from chushan.core.testing import race
from chushan.regions.tests.support import restore_regions
from chushan.sellers.tests.factories import SellerFactory, member

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def regions(transactional_db):
    """Transactional tests empty every table; put back the divisions the seller factory stands on."""
    restore_regions({"522636"})



def test_eight_members_adding_the_same_sku_code_leave_exactly_one():
    seller = SellerFactory()
    product = ProductFactory(seller=seller, category=CategoryFactory())
    SkuFactory(product=product, code="SKU-1", options={"规格": "小号"})
    staff = [member(seller, role="staff") if i else member(seller) for i in range(8)]

    outcomes = race(8, lambda i: services.sku_add(actor=staff[i], product_id=product.pk, data=SkuData(
        price="99", code="DUP", options={"规格": f"款{i}"})), timeout=60)

    assert sum(kind == "ok" for kind, _ in outcomes) == 1
    assert all(isinstance(exc, ApplicationError) and exc.status in (409, 422)
               for kind, exc in outcomes if kind == "error")
    assert Sku.objects.filter(product=product, code="DUP").count() == 1


def test_two_sellers_racing_for_one_gtin_get_one_winner_and_a_conflict():
    products = [ProductFactory(seller=SellerFactory(), category=CategoryFactory()) for _ in range(2)]
    members = [member(p.seller) for p in products]

    outcomes = race(2, lambda i: services.sku_add(actor=members[i], product_id=products[i].pk, data=SkuData(
        price="99", gtin="6901234567892")), timeout=60)

    assert sorted(kind for kind, _ in outcomes) == ["error", "ok"]
    (error,) = [exc for kind, exc in outcomes if kind == "error"]
    assert isinstance(error, ApplicationError) and error.status in (409, 422)
    assert Sku.objects.filter(gtin="06901234567892").count() == 1
