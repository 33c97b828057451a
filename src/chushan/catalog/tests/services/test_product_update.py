"""product_update: what the seller says about a product, with claims kept backed."""

import pytest

from chushan.catalog import services
from chushan.catalog.models import Product
from chushan.catalog.tests.factories import CategoryFactory
from chushan.catalog.tests.helpers import inheritor_certificate
from chushan.core.errors import NotFound, Unprocessable
from chushan.heritage.tests.factories import HeritageItemFactory

pytestmark = pytest.mark.django_db


def test_changes_only_the_given_fields(owner, product):
    other = CategoryFactory()
    services.product_update(actor=owner, product_id=product.pk,
                            changes={"name": " 苗族蜡染围巾 ", "category_id": other.pk, "kind": "diy_kit",
                                     "attributes": {"尺寸": "180×50cm"}})
    product.refresh_from_db()
    assert (product.name, product.category, product.kind) == ("苗族蜡染围巾", other, "diy_kit")
    assert product.attributes == {"尺寸": "180×50cm"}


def test_null_clears_an_optional_link(owner, product):
    product.heritage_item = HeritageItemFactory()
    product.save()
    services.product_update(actor=owner, product_id=product.pk, changes={"heritage_item_id": None})
    product.refresh_from_db()
    assert product.heritage_item is None


def test_moving_a_heritage_claim_to_an_item_without_a_certificate_is_refused(owner, seller, product):
    item = HeritageItemFactory()
    inheritor_certificate(seller, item)
    Product.objects.filter(pk=product.pk).update(heritage_item=item, claim_heritage=True)
    with pytest.raises(Unprocessable) as refused:
        services.product_update(actor=owner, product_id=product.pk,
                                changes={"heritage_item_id": HeritageItemFactory().pk})
    assert refused.value.extra["missing"] == ["heritage"]
    product.refresh_from_db()
    assert product.heritage_item == item


@pytest.mark.parametrize("changes, field", [
    ({"name": None}, "name"), ({"name": ""}, "name"), ({"category_id": None}, "category_id"),
    ({"seller_id": 1}, "seller_id"), ({"status": "published"}, "status"), ({"story": "x\x00"}, "story"),
])
def test_bad_changes_are_refused_and_nothing_changes(owner, product, changes, field):
    before = Product.objects.values().get(pk=product.pk)
    with pytest.raises(Unprocessable) as refused:
        services.product_update(actor=owner, product_id=product.pk, changes=changes)
    assert field in refused.value.errors
    assert Product.objects.values().get(pk=product.pk) == before


def test_another_sellers_staff_cannot_edit(rival, product):
    before = Product.objects.values().get(pk=product.pk)
    with pytest.raises(NotFound):
        services.product_update(actor=rival, product_id=product.pk, changes={"name": "山寨货"})
    assert Product.objects.values().get(pk=product.pk) == before
