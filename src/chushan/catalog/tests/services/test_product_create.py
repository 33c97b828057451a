"""product_create: a product, its SKUs, pictures and claims in one call; all or nothing."""

from decimal import Decimal

import pytest

from chushan.catalog import services
from chushan.catalog.models import Product
from chushan.catalog.services import ProductData, SkuData
from chushan.catalog.tests.factories import SkuFactory
from chushan.catalog.tests.helpers import (
    capture_product_events,
    certificate,
    counts,
    fake_jpeg,
    inheritor_certificate,
    media_files,
    png_upload,
)
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.heritage.tests.factories import HeritageItemFactory
from chushan.sellers.models import Certificate, Seller
from chushan.sellers.tests.factories import SellerFactory, member

pytestmark = pytest.mark.django_db


def data(category, **kwargs) -> ProductData:
    return ProductData(name=kwargs.pop("name", "苗族蜡染桌旗"), category_id=category.pk, **kwargs)


def test_lists_a_product_with_skus_pictures_and_claims_in_one_call(owner, seller, category, monkeypatch,
                                                                    django_capture_on_commit_callbacks):
    item = HeritageItemFactory()
    inheritor_certificate(seller, item)
    log = capture_product_events(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        product = services.product_create(
            actor=owner, data=data(category, heritage_item_id=item.pk, story="  丹寨卡拉村手作  "),
            skus=[SkuData(price="168", options={"规格": "小号"}), SkuData(price=Decimal("298.50"),
                                                                         options={"规格": "大号"})],
            images=[png_upload()], claims=["heritage"], publish=True)

    product.refresh_from_db()
    assert product.seller == seller and product.status == Product.Status.PUBLISHED and product.published_at
    assert product.claim_heritage and not product.claim_halal
    assert product.story == "丹寨卡拉村手作"
    assert [(s.code, s.price, s.options) for s in product.skus.all()] == [
        ("SKU-1", Decimal("168.00"), {"规格": "小号"}), ("SKU-2", Decimal("298.50"), {"规格": "大号"})]
    image = product.images.get()
    assert image.thumbnail and max(image.width, image.height) == 640
    assert product.region == seller.region
    assert log == [{"product_ids": [product.pk]}]


def test_a_draft_needs_no_admission(category):
    seller = SellerFactory(status=Seller.Status.SUBMITTED)
    product = services.product_create(actor=member(seller), data=data(category), skus=[SkuData(price="12")])
    assert product.status == Product.Status.DRAFT


def test_refuses_an_unbacked_claim_naming_the_certificate_and_writes_nothing(owner, seller, category, settings):
    item = HeritageItemFactory(name="苗族蜡染技艺")
    inheritor_certificate(seller, HeritageItemFactory())  # for another item: does not count
    with pytest.raises(Unprocessable) as refused:
        services.product_create(actor=owner, data=data(category, heritage_item_id=item.pk),
                                skus=[SkuData(price="168")], images=[png_upload()], claims=["heritage", "halal"])
    assert refused.value.status == 422
    assert refused.value.extra["missing"] == ["heritage", "halal"]
    assert "苗族蜡染技艺" in str(refused.value.message)
    assert counts() == (0, 0, 0)
    assert media_files(settings) == []


def test_an_expired_certificate_backs_nothing(owner, seller, category):
    certificate(seller, Certificate.Kind.HALAL, valid_until="2020-12-31", valid_from="2018-01-01")
    with pytest.raises(Unprocessable):
        services.product_create(actor=owner, data=data(category), skus=[SkuData(price="38")], claims=["halal"])
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("skus, field", [
    ([], "skus"),
    ([SkuData(price="1e3")], "skus.0.price"),
    ([SkuData(price=12.5)], "skus.0.price"),
    ([SkuData(price="0")], "skus.0.price"),
    ([SkuData(price="NaN")], "skus.0.price"),
    ([SkuData(price="10000000")], "skus.0.price"),
    ([SkuData(price="1", options={"规格": "大"}), SkuData(price="2", options={"规格": "大"})], "skus.1.options"),
    ([SkuData(price="1", code="A-1", options={"a": "1"}), SkuData(price="2", code="a-1", options={"a": "2"})],
     "skus.1.code"),
    ([SkuData(price="1", code="bad code")], "skus.0.code"),
    ([SkuData(price="1", gtin="6901234567890")], "skus.0.gtin"),
    ([SkuData(price="1", options={"": "x"})], "skus.0.options"),
])
def test_refuses_bad_skus_with_the_field_named_and_writes_nothing(owner, category, skus, field):
    with pytest.raises(Unprocessable) as refused:
        services.product_create(actor=owner, data=data(category), skus=skus)
    assert field in refused.value.errors
    assert counts() == (0, 0, 0)


def test_refuses_a_gtin_another_product_already_uses(owner, category):
    SkuFactory(gtin="06901234567892")
    before = counts()
    with pytest.raises(Unprocessable) as refused:
        services.product_create(actor=owner, data=data(category), skus=[SkuData(price="1", gtin="6901234567892")])
    assert "skus.0.gtin" in refused.value.errors
    assert counts() == before


@pytest.mark.parametrize("changes, field", [
    ({"name": "   "}, "name"),
    ({"name": "蜡染\x00桌旗"}, "name"),
    ({"name": "长" * 121}, "name"),
    ({"kind": "spaceship"}, "kind"),
    ({"category_id": 987654}, "category_id"),
    ({"category_id": "abc"}, "category_id"),
    ({"heritage_item_id": 987654}, "heritage_item_id"),
    ({"brand_id": 10**30}, "brand_id"),
    ({"region_code": "999999"}, "region_code"),
    ({"ethnic_group_code": "martian"}, "ethnic_group_code"),
    ({"unit": ""}, "unit"),
    ({"attributes": {"产地": {"x": 1}}}, "attributes"),
])
def test_refuses_bad_basics_and_writes_nothing(owner, category, changes, field):
    base = {"name": "苗族蜡染桌旗", "category_id": category.pk}
    with pytest.raises(Unprocessable) as refused:
        services.product_create(actor=owner, data=ProductData(**(base | changes)), skus=[SkuData(price="1")])
    assert field in refused.value.errors
    assert counts() == (0, 0, 0)


def test_a_non_image_among_the_pictures_refuses_the_whole_listing(owner, category, settings):
    with pytest.raises(Unprocessable) as refused:
        services.product_create(actor=owner, data=data(category), skus=[SkuData(price="1")],
                                images=[png_upload(), fake_jpeg()])
    assert "images.1" in refused.value.errors
    assert counts() == (0, 0, 0)
    assert media_files(settings) == []


def test_only_members_of_a_seller_list_products(category):
    from chushan.accounts.tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        services.product_create(actor=UserFactory(), data=data(category), skus=[SkuData(price="1")])
    assert counts() == (0, 0, 0)


def test_a_seller_not_yet_admitted_cannot_put_it_on_sale(category):
    seller = SellerFactory(status=Seller.Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.product_create(actor=member(seller), data=data(category), skus=[SkuData(price="1")], publish=True)
    assert counts() == (0, 0, 0)
