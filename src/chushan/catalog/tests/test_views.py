"""Pages: the public product page and the seller console's product pages."""

import re

import pytest
from django.urls import reverse

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.models import Product, ProductImage, Sku
from chushan.catalog.tests.factories import DraftProductFactory, ProductFactory, ProductImageFactory, SkuFactory
from chushan.catalog.tests.helpers import certificate, counts, fake_jpeg, inheritor_certificate, png_upload
from chushan.heritage.tests.factories import HeritageItemFactory
from chushan.sellers.models import Certificate, Seller
from chushan.sellers.tests.factories import SellerFactory, member

pytestmark = pytest.mark.django_db


# The product page -------------------------------------------------------------------------------------

@pytest.fixture
def batik(seller, category):
    item = HeritageItemFactory(name="苗族蜡染技艺", name_en="Miao batik")
    inheritor_certificate(seller, item)
    product = ProductFactory(seller=seller, category=category, name="苗族蜡染桌旗", name_en="Miao batik table runner",
                             heritage_item=item, claim_heritage=True, story="卡拉村王阿妹手绘蜡染。",
                             story_en="Hand-drawn batik by Wang Amei.")
    SkuFactory(product=product, code="S", price="168.00", options={"规格": "小号"})
    SkuFactory(product=product, code="L", price="298.00", options={"规格": "大号"})
    ProductImageFactory(product=product)
    ProductImageFactory(product=product)
    return product


def test_product_page_shows_skus_claim_and_the_makers_badge(client, batik, seller):
    response = client.get(batik.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    assert "苗族蜡染桌旗" in html and "¥168.00" in html and "¥298.00" in html
    assert re.search(r'data-testid="claim"[^>]*>非遗传承人手作 · 国家级<', html)
    assert html.count('data-testid="badge"') == 1 and "苗族蜡染技艺" in html
    assert seller.get_absolute_url() in html and batik.heritage_item.get_absolute_url() in html
    assert 'name="sku"' in html and "卡拉村王阿妹手绘蜡染" in html
    assert html.count('id="pic-') == 2


def test_an_expired_certificate_takes_claim_and_badge_off_the_page(client, batik, seller):
    Certificate.objects.filter(seller=seller).update(valid_until="2020-01-01", valid_from="2019-01-01")
    html = client.get(batik.get_absolute_url()).text
    assert 'data-testid="claim"' not in html and 'data-testid="badge"' not in html


def test_product_page_in_english(client, batik):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(batik.get_absolute_url()).text
    assert "Miao batik table runner" in html and "Hand-drawn batik" in html
    assert "Made by a heritage inheritor · national level" in html and 'lang="en"' in html


@pytest.mark.parametrize("make", [
    lambda c: DraftProductFactory(category=c),
    lambda c: ProductFactory(category=c, status=Product.Status.DELISTED, delist_reason="假冒"),
    lambda c: ProductFactory(category=c, seller=SellerFactory(status=Seller.Status.SUSPENDED)),
])
def test_product_page_is_404_unless_on_sale_by_an_admitted_seller(client, category, make):
    assert client.get(make(category).get_absolute_url()).status_code == 404


# Console: access --------------------------------------------------------------------------------------

def test_console_needs_sign_in_and_membership(client, product):
    url = reverse("catalog:console_products")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_console_lists_only_my_products(client, owner, product, category):
    other = ProductFactory(category=category, name="别家的蜡染")
    client.force_login(owner)
    html = client.get(reverse("catalog:console_products")).text
    assert product.name in html and other.name not in html


# Console: listing a product in three screens ---------------------------------------------------------

def test_list_a_product_in_three_screens(client, owner, seller, category):
    certificate(seller, Certificate.Kind.HALAL)
    client.force_login(owner)
    response = client.post(reverse("catalog:console_new"), {
        "name": "东乡手抓羊肉", "category": category.pk, "kind": "produce", "unit": "斤"})
    assert response.status_code == 302 and response["Location"] == reverse("catalog:console_new_skus")
    response = client.post(reverse("catalog:console_new_skus"), {
        "options": ["1斤装", "颜色: 原味; 规格: 2斤"], "price": ["88", "168.00"], "code": ["", "DX-2"]})
    assert response.status_code == 302 and response["Location"] == reverse("catalog:console_new_finish")
    page = client.get(reverse("catalog:console_new_finish")).text
    assert 'value="halal"' in page
    response = client.post(reverse("catalog:console_new_finish"), {
        "images": [png_upload()], "claims": ["halal"], "publish": "on"})
    product = Product.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("catalog:console_product",
                                                                           args=[product.pk])
    assert product.status == Product.Status.PUBLISHED and product.claim_halal and product.images.count() == 1
    assert list(product.skus.values_list("code", "options")) == [
        ("SKU-1", {"规格": "1斤装"}), ("DX-2", {"颜色": "原味", "规格": "2斤"})]


def test_screen_two_shows_price_errors_on_their_rows(client, owner, category):
    client.force_login(owner)
    client.post(reverse("catalog:console_new"), {"name": "x", "category": category.pk, "kind": "finished",
                                                 "unit": "件"})
    response = client.post(reverse("catalog:console_new_skus"), {"options": ["a"], "price": ["1e3"], "code": [""]})
    assert response.status_code == 422 and "168.50" in response.text


def test_screen_three_shows_an_unbacked_claim_as_a_form_error_and_writes_nothing(client, owner, category):
    client.force_login(owner)
    client.post(reverse("catalog:console_new"), {"name": "x", "category": category.pk, "kind": "finished",
                                                 "unit": "件"})
    client.post(reverse("catalog:console_new_skus"), {"options": [""], "price": ["9.9"], "code": [""]})
    response = client.post(reverse("catalog:console_new_finish"), {"claims": ["organic"], "images": [fake_jpeg()]})
    assert response.status_code == 422 and 'data-testid="form-error"' in response.text
    assert counts() == (0, 0, 0)


def test_screens_two_and_three_send_you_back_without_screen_one(client, owner):
    client.force_login(owner)
    assert client.get(reverse("catalog:console_new_skus"))["Location"] == reverse("catalog:console_new")
    assert client.get(reverse("catalog:console_new_finish"))["Location"] == reverse("catalog:console_new")


# Console: editing -------------------------------------------------------------------------------------

def test_edit_a_sku_price_inline_with_htmx(client, owner, product):
    client.force_login(owner)
    sku = product.skus.get()
    response = client.post(reverse("catalog:console_sku", args=[product.pk, sku.pk]),
                           {"options": "小号", "price": "158.80", "is_active": "on"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'data-testid="sku-row"' in response.text
    assert "<html" not in response.text
    assert str(Sku.objects.get(pk=sku.pk).price) == "158.80"


def test_a_bad_inline_price_comes_back_on_the_row_and_changes_nothing(client, owner, product):
    client.force_login(owner)
    sku = product.skus.get()
    response = client.post(reverse("catalog:console_sku", args=[product.pk, sku.pk]),
                           {"options": "小号", "price": "NaN", "is_active": "on"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "errorlist" in response.text
    assert str(Sku.objects.get(pk=sku.pk).price) == "168.00"


def test_add_and_remove_a_sku_with_htmx(client, owner, product):
    client.force_login(owner)
    response = client.post(reverse("catalog:console_sku_add", args=[product.pk]),
                           {"options": "大号", "price": "298", "is_active": "on"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    new = product.skus.get(code="SKU-2")
    response = client.post(reverse("catalog:console_sku_remove", args=[product.pk, new.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response.text == ""
    last = product.skus.get()
    response = client.post(reverse("catalog:console_sku_remove", args=[product.pk, last.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and product.skus.count() == 1


def test_upload_a_picture_and_refuse_a_fake(client, owner, product):
    client.force_login(owner)
    url = reverse("catalog:console_image_add", args=[product.pk])
    assert client.post(url, {"image": png_upload()}).status_code == 302
    response = client.post(url, {"image": fake_jpeg()})
    assert response.status_code == 422 and 'data-testid="form-error"' in response.text
    assert ProductImage.objects.count() == 1


def test_claims_form_refuses_unbacked_claims_with_the_reason(client, owner, product):
    client.force_login(owner)
    response = client.post(reverse("catalog:console_claims", args=[product.pk]), {"claims": ["halal"]})
    assert response.status_code == 422 and 'data-testid="form-error"' in response.text
    assert not Product.objects.get(pk=product.pk).claim_halal


def test_publish_and_unpublish_buttons(client, owner, product):
    client.force_login(owner)
    client.post(reverse("catalog:console_unpublish", args=[product.pk]))
    assert Product.objects.get(pk=product.pk).status == Product.Status.DRAFT
    client.post(reverse("catalog:console_publish", args=[product.pk]))
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED


def test_save_basics(client, owner, product, category):
    client.force_login(owner)
    response = client.post(reverse("catalog:console_product", args=[product.pk]), {
        "name": "新名字", "category": category.pk, "kind": "finished", "unit": "件"})
    assert response.status_code == 302 and Product.objects.get(pk=product.pk).name == "新名字"


def test_not_yet_admitted_sellers_see_the_publish_button_disabled(client, category):
    seller = SellerFactory(status=Seller.Status.SUBMITTED)
    product = DraftProductFactory(seller=seller, category=category)
    SkuFactory(product=product)
    client.force_login(member(seller))
    html = client.get(reverse("catalog:console_product", args=[product.pk])).text
    assert "disabled" in html and 'id="publish-note"' in html


# Console: another seller's staff gets 404 on every page and nothing changes ------------------------------

def _console_requests(product, sku, image):
    p = product.pk
    return [
        ("get", reverse("catalog:console_product", args=[p]), {}),
        ("post", reverse("catalog:console_product", args=[p]), {"name": "山寨", "category": product.category_id,
                                                               "kind": "finished", "unit": "件"}),
        ("post", reverse("catalog:console_publish", args=[p]), {}),
        ("post", reverse("catalog:console_unpublish", args=[p]), {}),
        ("post", reverse("catalog:console_claims", args=[p]), {"claims": []}),
        ("post", reverse("catalog:console_image_add", args=[p]), {"image": png_upload()}),
        ("post", reverse("catalog:console_image_remove", args=[p, image.pk]), {}),
        ("post", reverse("catalog:console_sku_add", args=[p]), {"options": "偷", "price": "1", "is_active": "on"}),
        ("post", reverse("catalog:console_sku", args=[p, sku.pk]), {"options": "x", "price": "1", "is_active": "on"}),
        ("post", reverse("catalog:console_sku_remove", args=[p, sku.pk]), {}),
    ]


def test_another_sellers_staff_gets_404_on_every_console_page_and_nothing_changes(client, rival, product):
    SkuFactory(product=product, code="SKU-2", options={"规格": "大号"})
    image = ProductImageFactory(product=product)
    Product.objects.filter(pk=product.pk).update(claim_halal=True)
    client.force_login(rival)

    def snapshot():
        return (list(Product.objects.values()), list(Sku.objects.order_by("pk").values()),
                list(ProductImage.objects.values()))

    before = snapshot()
    for method, url, data in _console_requests(product, product.skus.first(), image):
        for htmx in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = getattr(client, method)(url, data, **htmx)
            assert response.status_code == 404, (url, htmx, response.status_code)
    assert snapshot() == before
