"""sku_add, sku_update, sku_remove."""

from decimal import Decimal

import pytest
from django.db.models import ProtectedError

from chushan.catalog import services
from chushan.catalog.models import Product, Sku
from chushan.catalog.services import SkuData
from chushan.catalog.tests.factories import SkuFactory
from chushan.catalog.tests.helpers import capture_product_events
from chushan.core.errors import Conflict, NotFound, Unprocessable

pytestmark = pytest.mark.django_db


def skus(product):
    return list(Sku.objects.filter(product=product).order_by("pk").values_list("code", "price", "options",
                                                                            "is_active"))


def test_adds_a_sku_numbering_it_and_tells_search(owner, product, monkeypatch, django_capture_on_commit_callbacks):
    log = capture_product_events(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        sku = services.sku_add(actor=owner, product_id=product.pk,
                               data=SkuData(price="268.00", options={"规格": " 大号 "}, gtin="6901234567892"))
    assert (sku.code, sku.price, sku.options, sku.gtin) == ("SKU-2", Decimal("268.00"), {"规格": "大号"},
                                                          "06901234567892")
    assert log == [{"product_ids": [product.pk]}]


@pytest.mark.parametrize("data, field", [
    (SkuData(price="1e2", options={"规格": "大号"}), "price"),
    (SkuData(price="99", options={"规格": "小号"}), "options"),  # the same variant as SKU-1
    (SkuData(price="99", options={"规格": "大号"}, code="sku-1"), "code"),
    (SkuData(price="99", options={"规格": "大号"}, gtin="123"), "gtin"),
    (SkuData(price="99", options={"规格": "大号"}, is_active="yes"), "is_active"),
])
def test_refuses_a_bad_sku_and_writes_nothing(owner, product, data, field):
    before = skus(product)
    with pytest.raises(Unprocessable) as refused:
        services.sku_add(actor=owner, product_id=product.pk, data=data)
    assert field in refused.value.errors
    assert skus(product) == before


def test_updates_price_options_and_on_sale(owner, product):
    sku = product.skus.get()
    SkuFactory(product=product, code="SKU-2", options={"规格": "大号"})
    services.sku_update(actor=owner, product_id=product.pk, sku_id=sku.pk,
                        changes={"price": "158.8", "options": {"规格": "中号"}, "is_active": False})
    sku.refresh_from_db()
    assert (sku.price, sku.options, sku.is_active) == (Decimal("158.80"), {"规格": "中号"}, False)


def test_the_last_sku_on_sale_of_a_published_product_stays_on_sale(owner, product):
    sku = product.skus.get()
    with pytest.raises(Unprocessable):
        services.sku_update(actor=owner, product_id=product.pk, sku_id=sku.pk, changes={"is_active": False})
    assert Sku.objects.get(pk=sku.pk).is_active


@pytest.mark.parametrize("changes, field", [
    ({"price": "-1"}, "price"), ({"price": 9.99}, "price"), ({"code": "NEW"}, "code"),
    ({"product_id": 1}, "product_id"),
])
def test_bad_updates_change_nothing(owner, product, changes, field):
    before = skus(product)
    with pytest.raises(Unprocessable) as refused:
        services.sku_update(actor=owner, product_id=product.pk, sku_id=product.skus.get().pk, changes=changes)
    assert field in refused.value.errors
    assert skus(product) == before


def test_update_refuses_options_equal_to_a_sibling(owner, product):
    sibling = SkuFactory(product=product, code="SKU-2", options={"规格": "大号"})
    with pytest.raises(Unprocessable):
        services.sku_update(actor=owner, product_id=product.pk, sku_id=sibling.pk,
                            changes={"options": {"规格": "小号"}})
    assert Sku.objects.get(pk=sibling.pk).options == {"规格": "大号"}


def test_removes_a_sku_but_never_the_last(owner, product):
    second = SkuFactory(product=product, code="SKU-2", options={"规格": "大号"})
    services.sku_remove(actor=owner, product_id=product.pk, sku_id=second.pk)
    with pytest.raises(Unprocessable):
        services.sku_remove(actor=owner, product_id=product.pk, sku_id=product.skus.get().pk)
    assert product.skus.count() == 1


def test_a_sku_that_orders_refer_to_is_kept(owner, product, monkeypatch):
    second = SkuFactory(product=product, code="SKU-2", options={"规格": "大号"})

    def protected(self, *args, **kwargs):
        raise ProtectedError("referenced", {self})

    monkeypatch.setattr(Sku, "delete", protected)
    with pytest.raises(Conflict):
        services.sku_remove(actor=owner, product_id=product.pk, sku_id=second.pk)
    assert product.skus.count() == 2


def test_another_sellers_staff_cannot_touch_the_skus(rival, product):
    sku = product.skus.get()
    before = skus(product)
    with pytest.raises(NotFound):
        services.sku_add(actor=rival, product_id=product.pk, data=SkuData(price="1", options={"规格": "x"}))
    with pytest.raises(NotFound):
        services.sku_update(actor=rival, product_id=product.pk, sku_id=sku.pk, changes={"price": "1"})
    with pytest.raises(NotFound):
        services.sku_remove(actor=rival, product_id=product.pk, sku_id=sku.pk)
    assert skus(product) == before


def test_a_sku_of_another_product_is_not_found_through_mine(owner, seller, product, category):
    from chushan.catalog.tests.factories import ProductFactory

    foreign = SkuFactory(product=ProductFactory(category=category))
    mine_too = SkuFactory(product=ProductFactory(seller=seller, category=category))
    for sku in (foreign, mine_too):
        with pytest.raises(NotFound):
            services.sku_update(actor=owner, product_id=product.pk, sku_id=sku.pk, changes={"price": "1"})
    assert Sku.objects.get(pk=foreign.pk).price == Decimal("168.00")
    assert Product.objects.count() == 3
