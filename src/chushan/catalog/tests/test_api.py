"""The catalogue API: public reads, seller product management, operator delisting."""

import json

import pytest

from chushan.accounts.auth import token_digest
from chushan.accounts.models import ApiToken
from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.models import Product, ProductImage, Sku
from chushan.catalog.tests.factories import (
    CategoryFactory,
    DraftProductFactory,
    ProductFactory,
    ProductImageFactory,
    SkuFactory,
)
from chushan.catalog.tests.helpers import certificate, counts, fake_jpeg, inheritor_certificate, png_upload
from chushan.heritage.tests.factories import HeritageItemFactory
from chushan.sellers.models import Certificate

pytestmark = pytest.mark.django_db
API = "/api/v1"


def send(client, method, path, body=None):
    kwargs = {"content_type": "application/json"}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(API + path, **kwargs)


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys() and body["status"] == status
    return body


@pytest.fixture
def as_owner(client, owner):
    client.force_login(owner)
    return client


# Public -----------------------------------------------------------------------------------------------

def test_public_product_has_string_prices_backed_claims_and_the_makers_badges(client, seller, category):
    item = HeritageItemFactory(name="苗族蜡染技艺")
    inheritor_certificate(seller, item)
    product = ProductFactory(seller=seller, category=category, heritage_item=item, claim_heritage=True,
                             claim_halal=True)  # halal is not backed: never shown
    SkuFactory(product=product, price="168.00", options={"规格": "小号"})
    ProductImageFactory(product=product)
    body = send(client, "get", f"/products/{product.pk}").json()
    assert body["skus"][0]["price"] == "168.00" and isinstance(body["skus"][0]["price"], str)
    assert [c["claim"] for c in body["claims"]] == ["heritage"]
    assert body["maker"]["slug"] == seller.slug and body["maker"]["badges"][0]["kind"] == "ich_inheritor"
    assert body["heritage_item"]["slug"] == item.slug
    assert body["images"][0]["thumbnail_url"].startswith("/media/")


@pytest.mark.parametrize("make", [
    lambda c: DraftProductFactory(category=c),
    lambda c: ProductFactory(category=c, status=Product.Status.DELISTED, delist_reason="假冒"),
])
def test_public_product_is_404_unless_on_sale(client, category, make):
    problem(send(client, "get", f"/products/{make(category).pk}"), 404)


@pytest.mark.parametrize("path", ["/products/0", "/products/99999999999999999999999", "/products/abc"])
def test_public_product_bad_ids_are_4xx(client, path):
    assert send(client, "get", path).status_code in (404, 422)


def test_categories_are_a_tree(client):
    craft = CategoryFactory(name="手工艺")
    CategoryFactory(name="蜡染", parent=craft)
    body = send(client, "get", "/categories").json()
    assert body[0]["name"] == "手工艺" and body[0]["children"][0]["name"] == "蜡染"


# Seller: listing and reading ------------------------------------------------------------------------

def test_seller_list_is_paginated_and_scoped(as_owner, seller, category, product):
    DraftProductFactory(seller=seller, category=category)
    ProductFactory(category=category)  # another seller's
    body = send(as_owner, "get", "/seller/products?limit=1").json()
    assert body["count"] == 2 and len(body["items"]) == 1
    assert body["items"][0]["price_min"] in (None, "168.00")
    assert send(as_owner, "get", "/seller/products?status=draft").json()["count"] == 1
    problem(send(as_owner, "get", "/seller/products?offset=99999999999"), 422)


def test_seller_endpoints_need_sign_in_and_membership(client, product):
    problem(send(client, "get", "/seller/products"), 401)
    client.force_login(UserFactory())
    problem(send(client, "get", "/seller/products"), 403)


def test_bearer_tokens_work(client, owner, product):
    ApiToken.objects.create(user=owner, name="ERP", prefix="abcd1234", digest=token_digest("secret-token"))
    response = client.get(f"{API}/seller/products/{product.pk}", HTTP_AUTHORIZATION="Bearer secret-token")
    assert response.status_code == 200 and response.json()["id"] == product.pk


# Seller: writing --------------------------------------------------------------------------------------

def test_create_a_product_in_one_call(as_owner, seller, category):
    certificate(seller, Certificate.Kind.HALAL)
    response = send(as_owner, "post", "/seller/products", {
        "name": "临夏手抓羊肉", "category_id": category.pk, "kind": "produce", "unit": "斤",
        "skus": [{"price": "88.00", "options": {"规格": "1斤"}}, {"price": "168", "options": {"规格": "2斤"}}],
        "claims": ["halal"], "publish": True})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "published" and body["claims"] == ["halal"] and body["claims_displayed"] == ["halal"]
    assert [s["price"] for s in body["skus"]] == ["88.00", "168.00"]


@pytest.mark.parametrize("sku", [
    {"price": 88.0}, {"price": "1e3"}, {"price": "NaN"}, {"price": "-1"}, {"price": "0"}, {"price": "10000000"},
    {"price": "88.001"}, {"price": "88", "options": {"规格": 5}}, {"price": "88", "options": []},
])
def test_create_refuses_bad_prices_with_422_and_writes_nothing(as_owner, category, sku):
    response = send(as_owner, "post", "/seller/products", {"name": "x", "category_id": category.pk, "skus": [sku]})
    problem(response, 422)
    assert counts() == (0, 0, 0)


def test_create_refuses_an_unbacked_claim_with_422(as_owner, category):
    body = problem(send(as_owner, "post", "/seller/products", {
        "name": "清真牛肉干", "category_id": category.pk, "skus": [{"price": "39.9"}], "claims": ["halal"]}), 422)
    assert body["missing"] == ["halal"] and "清真" in body["detail"]
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("payload", [
    {}, {"name": "x"}, {"name": "x", "category_id": 1, "skus": []}, {"name": "", "category_id": 1, "skus": [{}]},
    {"name": "x" * 500, "category_id": 1, "skus": [{"price": "1"}]},
    {"name": "x", "category_id": "abc", "skus": [{"price": "1"}]},
    {"name": "x", "category_id": 1, "skus": [{"price": "1"}], "claims": ["fair_trade"]},
    {"name": "x\u0000", "category_id": 1, "skus": [{"price": "1"}]},
])
def test_create_refuses_malformed_payloads(as_owner, category, payload):
    response = send(as_owner, "post", "/seller/products", payload)
    assert response.status_code == 422, response.content
    assert counts() == (0, 0, 0)


def test_patch_changes_only_what_is_sent(as_owner, product):
    body = send(as_owner, "patch", f"/seller/products/{product.pk}",
                {"subtitle": "手工靛染", "name_en": "Batik"}).json()
    assert (body["subtitle"], body["name_en"], body["name"]) == ("手工靛染", "Batik", product.name)


def test_publish_and_unpublish(as_owner, product):
    assert send(as_owner, "post", f"/seller/products/{product.pk}/unpublish").json()["status"] == "draft"
    assert send(as_owner, "post", f"/seller/products/{product.pk}/publish").json()["status"] == "published"


def test_skus_add_patch_delete(as_owner, product):
    response = send(as_owner, "post", f"/seller/products/{product.pk}/skus",
                    {"price": "268.00", "options": {"规格": "大号"}})
    assert response.status_code == 201 and response.json()["code"] == "SKU-2"
    sku_id = response.json()["id"]
    body = send(as_owner, "patch", f"/seller/products/{product.pk}/skus/{sku_id}", {"price": "258.5"}).json()
    assert body["price"] == "258.50" and body["is_active"] is True
    assert send(as_owner, "delete", f"/seller/products/{product.pk}/skus/{sku_id}").status_code == 204
    assert product.skus.count() == 1


def test_images_upload_real_and_refuse_fake(as_owner, product, settings):
    ok = as_owner.post(f"{API}/seller/products/{product.pk}/images", {"file": png_upload(), "alt": "全貌"})
    assert ok.status_code == 201, ok.content
    assert ok.json()["thumbnail_url"].endswith("-thumb.jpg")
    problem(as_owner.post(f"{API}/seller/products/{product.pk}/images", {"file": fake_jpeg()}), 422)
    settings.CHUSHAN_MAX_IMAGE_BYTES = 100
    problem(as_owner.post(f"{API}/seller/products/{product.pk}/images", {"file": png_upload()}), 413)
    problem(as_owner.post(f"{API}/seller/products/{product.pk}/images", {}), 422)
    assert ProductImage.objects.count() == 1
    image_id = ok.json()["id"]
    assert send(as_owner, "delete", f"/seller/products/{product.pk}/images/{image_id}").status_code == 204


def test_claims_put(as_owner, seller, product):
    problem(send(as_owner, "put", f"/seller/products/{product.pk}/claims", {"claims": ["halal"]}), 422)
    certificate(seller, Certificate.Kind.HALAL)
    body = send(as_owner, "put", f"/seller/products/{product.pk}/claims", {"claims": ["halal"]}).json()
    assert body["claims"] == ["halal"]


# Cross-seller: another seller's staff gets 404 (or 403) and nothing changes ----------------------------

def snapshot(product):
    return (list(Product.objects.filter(pk=product.pk).values()), list(Sku.objects.order_by("pk").values()),
            list(ProductImage.objects.order_by("pk").values()))


SELLER_ENDPOINTS = [
    ("get", "/seller/products/{p}", None),
    ("patch", "/seller/products/{p}", {"name": "山寨桌旗"}),
    ("post", "/seller/products/{p}/publish", None),
    ("post", "/seller/products/{p}/unpublish", None),
    ("post", "/seller/products/{p}/skus", {"price": "1.00", "options": {"规格": "偷"}}),
    ("patch", "/seller/products/{p}/skus/{s}", {"price": "1.00"}),
    ("delete", "/seller/products/{p}/skus/{s}", None),
    ("delete", "/seller/products/{p}/images/{i}", None),
    ("put", "/seller/products/{p}/claims", {"claims": []}),
]


@pytest.mark.parametrize("method, path, body", SELLER_ENDPOINTS, ids=[f"{m} {p}" for m, p, _b in SELLER_ENDPOINTS])
def test_another_sellers_staff_gets_404_and_nothing_changes(client, rival, product, method, path, body):
    SkuFactory(product=product, code="SKU-2", options={"规格": "大号"})
    image = ProductImageFactory(product=product)
    Product.objects.filter(pk=product.pk).update(claim_halal=True)
    before = snapshot(product)
    client.force_login(rival)
    url = path.format(p=product.pk, s=product.skus.first().pk, i=image.pk)
    problem(send(client, method, url, body), 404)
    assert snapshot(product) == before


def test_another_sellers_staff_cannot_upload_images(client, rival, product, settings):
    client.force_login(rival)
    problem(client.post(f"{API}/seller/products/{product.pk}/images", {"file": png_upload()}), 404)
    assert ProductImage.objects.count() == 0


def test_another_sellers_products_are_not_listed(client, rival, product):
    client.force_login(rival)
    assert send(client, "get", "/seller/products").json() == {"items": [], "count": 0}


# Operator ---------------------------------------------------------------------------------------------

def test_operator_delists_with_a_reason(client, platform_operator, product):
    client.force_login(platform_operator)
    problem(send(client, "post", f"/operator/products/{product.pk}/delist", {"reason": ""}), 422)
    body = send(client, "post", f"/operator/products/{product.pk}/delist", {"reason": "仿冒非遗"}).json()
    assert body["status"] == "delisted" and body["delist_reason"] == "仿冒非遗"
    problem(send(client, "get", f"/products/{product.pk}"), 404)
    assert send(client, "post", f"/operator/products/{product.pk}/relist").json()["status"] == "draft"


def test_sellers_cannot_delist(as_owner, product):
    problem(send(as_owner, "post", f"/operator/products/{product.pk}/delist", {"reason": "x"}), 403)
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED


def test_openapi_documents_prices_as_strings(client):
    schema = client.get(f"{API}/openapi.json").json()
    sku = schema["components"]["schemas"]["SkuIn"]["properties"]["price"]
    assert sku["type"] == "string" and "pattern" in sku
