"""Shopper pages and the seller console: cart → checkout → pay → orders → pick-up code; orders to pack and the
pick-up counter. Another shopper's or seller's order is a 404."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

from chushan.orders import services
from chushan.orders.models import Address, CartLine, Checkout, Order, PickupCode
from chushan.orders.tests.support import line, pay, place, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_shopper(client, shopper):
    client.force_login(shopper)
    return client


def test_the_product_page_offers_add_to_cart_and_the_header_a_cart(client, stocked):
    page = client.get(stocked.product.get_absolute_url())
    assert page.status_code == 200
    assert b'data-testid="add-to-cart"' in page.content and b'data-testid="cart-link"' in page.content


def test_a_shelf_qr_link_offers_to_buy_here_and_pick_up(as_shopper, stocked, shop):
    page = as_shopper.get(stocked.product.get_absolute_url() + f"?at={shop.pk}")
    assert f'name="pickup_location" value="{shop.pk}"'.encode() in page.content
    as_shopper.post("/cart/add/", {"sku": stocked.pk, "quantity": 1, "pickup_location": shop.pk})
    assert (CartLine.objects.get().fulfilment, CartLine.objects.get().pickup_location) == ("pickup", shop)


def test_adding_to_the_cart_asks_a_visitor_to_sign_in(client, stocked):
    response = client.post("/cart/add/", {"sku": stocked.pk, "quantity": 1})
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    assert not CartLine.objects.exists()


def test_cart_add_update_remove(as_shopper, stocked):
    response = as_shopper.post("/cart/add/", {"sku": stocked.pk, "quantity": 2})
    assert response.status_code == 302 and response["Location"] == "/cart/"
    page = as_shopper.get("/cart/")
    assert page.content.count(b'data-testid="cart-line"') == 1 and "¥200.00".encode() in page.content
    line_ = CartLine.objects.get()
    as_shopper.post(f"/cart/lines/{line_.pk}/", {"quantity": 3})
    assert CartLine.objects.get().quantity == 3
    as_shopper.post(f"/cart/lines/{line_.pk}/", {"quantity": -1})
    assert CartLine.objects.get().quantity == 3
    as_shopper.post(f"/cart/lines/{line_.pk}/remove/")
    assert not CartLine.objects.exists()


def test_checkout_with_a_new_address_goes_to_the_pay_page(as_shopper, shopper, stocked):
    services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    page = as_shopper.get("/checkout/")
    assert page.status_code == 200 and b'id="id_province"' in page.content and b"hx-get" in page.content
    line_ = CartLine.objects.get()
    response = as_shopper.post("/checkout/", {
        "address": "new", "provider": "sandbox", f"fulfilment_{line_.pk}": "deliver",
        "name": "李阿婆", "mobile": "13712345678", "province": "520000", "prefecture": "522600", "region": "522601",
        "detail": "韶山南路18号"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].startswith("/payments/sandbox/")
    order = Order.objects.get()
    assert (order.region.code, order.recipient_name, order.total) == ("522601", "李阿婆", stocked.price)
    assert Address.objects.get().is_default


def test_checkout_with_pickup_needs_no_address(as_shopper, shopper, stocked, shop):
    services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    line_ = CartLine.objects.get()
    response = as_shopper.post("/checkout/", {"address": "new", "provider": "sandbox",
                                              f"fulfilment_{line_.pk}": "pickup", f"pickup_{line_.pk}": shop.pk})
    assert response.status_code == 302
    assert Order.objects.get().pickup_location == shop


def test_an_incomplete_address_is_shown_as_a_form_error(as_shopper, shopper, stocked):
    services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    line_ = CartLine.objects.get()
    before = snapshot()
    page = as_shopper.post("/checkout/", {"address": "new", "provider": "sandbox",
                                          f"fulfilment_{line_.pk}": "deliver", "name": "李阿婆"})
    assert page.status_code == 200 and b"errorlist" in page.content
    assert snapshot() == before and not Address.objects.exists()


def test_the_checkout_page_and_pay_again(as_shopper, shopper, stocked, address):
    checkout = place(shopper, line(stocked, 1, address=address))
    page = as_shopper.get(f"/checkout/{checkout.number}/")
    assert b'data-testid="checkout-status"' in page.content and b'data-testid="pay"' in page.content
    partial = as_shopper.get(f"/checkout/{checkout.number}/", HTTP_HX_REQUEST="true")
    assert partial.content.strip().startswith(b'<div id="checkout-status"')
    response = as_shopper.post(f"/checkout/{checkout.number}/pay/")
    assert response.status_code == 302 and response["Location"].startswith("/payments/sandbox/")


def test_orders_pages_timeline_and_pickup_code(as_shopper, shopper, stocked, shop, owner,
                                               django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 1, fulfilment="pickup", pickup_location=shop))
    pay(checkout, django_capture_on_commit_callbacks)
    order = checkout.orders.get()
    services.order_ready_for_pickup(actor=owner, order=order)
    assert order.number.encode() in as_shopper.get("/orders/").content
    detail = as_shopper.get(f"/orders/{order.number}/")
    assert detail.content.count(b"<li><strong>") == 3 and b'data-testid="pickup-link"' in detail.content
    code = as_shopper.get(f"/orders/{order.number}/pickup/")
    assert PickupCode.objects.get().code.encode() in code.content and b"<svg" in code.content


def test_the_shopper_cancels_from_the_order_page(as_shopper, shopper, stocked, address):
    checkout = place(shopper, line(stocked, 1, address=address))
    order = checkout.orders.get()
    as_shopper.post(f"/orders/{order.number}/cancel/")
    assert Order.objects.get().state == "cancelled"
    assert Checkout.objects.get().state == "cancelled"


def test_another_shoppers_order_pages_are_404(client, stranger, shopper, stocked, address):
    order = place(shopper, line(stocked, 1, address=address)).orders.get()
    client.force_login(stranger)
    before = snapshot()
    for url in (f"/orders/{order.number}/", f"/orders/{order.number}/pickup/",
                f"/checkout/{order.checkout.number}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/orders/{order.number}/cancel/").status_code == 404
    assert client.post(f"/checkout/{order.checkout.number}/pay/").status_code == 404
    assert snapshot() == before


def test_addresses_page(as_shopper, shopper):
    page = as_shopper.post("/addresses/", {"name": "李阿婆", "mobile": "13712345678", "province": "520000",
                                           "prefecture": "522600", "region": "522601", "detail": "韶山南路18号"})
    assert page.status_code == 302
    address = Address.objects.get()
    as_shopper.post(f"/addresses/{address.pk}/delete/")
    assert not Address.objects.exists()


# Seller console ---------------------------------------------------------------------------------------------

@pytest.fixture
def paid_pickup(shopper, stocked, shop, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 1, fulfilment="pickup", pickup_location=shop))
    pay(checkout, django_capture_on_commit_callbacks)
    return checkout.orders.get()


def test_orders_to_pack_then_ready_then_handed_over_at_the_counter(client, owner, paid_pickup, shop):
    client.force_login(owner)
    page = client.get("/console/orders/")
    assert paid_pickup.number.encode() in page.content and b'data-testid="ready"' in page.content
    client.post(f"/console/orders/{paid_pickup.number}/ready/")
    assert Order.objects.get().state == "ready_for_pickup"
    code = PickupCode.objects.get().code
    found = client.get("/console/pickups/", {"location": shop.pk, "code": code})
    assert b'data-testid="pickup-found"' in found.content and b'data-testid="hand-over"' in found.content
    client.post("/console/pickups/complete/", {"location": shop.pk, "code": code})
    assert Order.objects.get().state == "picked_up"
    again = client.post("/console/pickups/complete/", {"location": shop.pk, "code": code}, follow=True)
    assert b'class="error"' in again.content
    assert PickupCode.objects.get().used_by == owner


def test_a_wrong_code_is_a_form_error(client, owner, paid_pickup, shop):
    client.force_login(owner)
    page = client.get("/console/pickups/", {"location": shop.pk, "code": "00000000"})
    assert page.status_code == 200 and b"errorlist" in page.content


def test_another_seller_sees_nothing_and_changes_nothing(client, rival, paid_pickup, shop):
    client.force_login(rival)
    before = snapshot()
    assert paid_pickup.number.encode() not in client.get("/console/orders/").content
    assert client.get(f"/console/orders/{paid_pickup.number}/").status_code == 404
    assert client.post(f"/console/orders/{paid_pickup.number}/pack/").status_code == 404
    assert client.post("/console/pickups/complete/", {"location": shop.pk, "code": "12345678"}).status_code == 404
    assert snapshot() == before


def test_a_shopper_is_sent_to_apply_to_sell(as_shopper):
    assert as_shopper.get("/console/orders/")["Location"].endswith("/console/application/")


def test_the_product_page_shows_a_running_web_promotion(client, stocked, seller):
    from decimal import Decimal

    from chushan.pricing.tests.factories import PromotionFactory

    PromotionFactory(seller=seller, skus=[stocked], price=Decimal("79.00"), channels=["web"])
    page = client.get(stocked.product.get_absolute_url())
    assert b'data-testid="promotions"' in page.content and b"79.00" in page.content


# Found walking the shop on a phone ------------------------------------------------------------------------------

def test_the_pickup_qr_is_a_full_qr_that_the_page_can_scale(as_shopper, paid_pickup, owner):
    # Eight digits alone would make a Micro QR (unreadable by most phone and counter scanners), and an SVG with a
    # fixed size but no viewBox was cropped to its top corner when the page's CSS made it larger.
    services.order_ready_for_pickup(actor=owner, order=paid_pickup)
    html = as_shopper.get(f"/orders/{paid_pickup.number}/pickup/").content.decode()
    svg = re.search(r'<div class="qr"[^>]*><svg ([^>]*)>', html).group(1)
    side = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    assert "width=" not in svg and side >= (21 + 8) * 6  # version 1 and its quiet zone, six pixels a module


def test_a_visitor_buying_from_a_shelf_link_comes_back_to_it_after_signing_in(client, stocked, shop):
    product = stocked.product.get_absolute_url()
    response = client.post("/cart/add/", {"sku": stocked.pk, "quantity": 1,
                                          "next": f"{product}?shop={shop.pk}&at={shop.pk}"})
    login = urlsplit(response["Location"])
    assert parse_qs(login.query) == {"next": [f"{product}?shop={shop.pk}&at={shop.pk}"]}


def test_checkout_names_the_payment_methods_in_the_shoppers_language(as_shopper, shopper, stocked):
    services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    assert "沙箱（测试）" in as_shopper.get("/checkout/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    as_shopper.cookies["django_language"] = "en"
    assert "Sandbox (test)" in as_shopper.get("/checkout/").content.decode()


def test_checkout_lays_out_each_address_field_with_its_label(as_shopper, shopper, stocked):
    services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    html = as_shopper.get("/checkout/").content.decode()
    for name in ("name", "mobile", "province", "prefecture", "region", "detail"):
        assert re.search(rf'<div class="field">\s*<label for="id_{name}">', html), name
    assert html.count('class="pickup-shop field"') == 1


def test_the_header_counts_the_cart_and_links_to_the_orders(as_shopper, shopper, stocked):
    assert 'data-testid="cart-count"' not in as_shopper.get("/cart/").content.decode()
    services.cart_line_add(actor=shopper, sku=stocked, quantity=2)
    html = as_shopper.get("/").content.decode()
    assert re.search(r'data-testid="cart-count"[^>]*>2</span>', html)
    assert 'data-testid="orders-link"' in html


def test_the_orders_page_links_to_returns_problem_reports_and_addresses(as_shopper):
    html = as_shopper.get("/orders/").content.decode()
    for path in ("/aftersales/returns/", "/aftersales/tickets/", "/addresses/", "/cart/"):
        assert f'href="{path}"' in html


def test_an_address_reads_smallest_division_first_in_english(as_shopper, address):
    def names(language):
        with translation.override(language):
            return [r.display_name for r in address.region.path()]

    as_shopper.cookies["django_language"] = "en"
    assert ", ".join(reversed(names("en"))) in as_shopper.get("/addresses/").content.decode()
    as_shopper.cookies["django_language"] = "zh-hans"
    assert "".join(names("zh-hans")) in as_shopper.get("/addresses/").content.decode()


def test_a_refused_address_keeps_the_default_tick(as_shopper):
    html = as_shopper.post("/addresses/", {"name": "李阿婆", "is_default": "1"}).content.decode()
    assert "errorlist" in html and 'name="is_default" value="1" checked' in html
    assert not Address.objects.exists()


# The history is written in one language and read in another ---------------------------------------------------

def _timeline(page) -> str:
    assert page.status_code == 200
    return re.search(r'<ol class="timeline".*?</ol>', page.content.decode(), re.S).group(0)


def test_history_written_in_english_reads_in_chinese(as_shopper, shopper, stocked, shop, owner,
                                                    django_capture_on_commit_callbacks):
    with translation.override("en"):
        checkout = place(shopper, line(stocked, 1, fulfilment="pickup", pickup_location=shop))
        pay(checkout, django_capture_on_commit_callbacks)
        order = checkout.orders.get()
        services.order_ready_for_pickup(actor=owner, order=order)
    timeline = _timeline(as_shopper.get(f"/orders/{order.number}/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "已下单。" in timeline and "已收到付款。" in timeline
    assert "Order placed." not in timeline and "Payment received." not in timeline


def test_history_written_in_chinese_reads_in_english(as_shopper, shopper, stocked, address):
    with translation.override("zh-hans"):
        order = place(shopper, line(stocked, 1, address=address)).orders.get()
        as_shopper.post(f"/orders/{order.number}/cancel/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    timeline = _timeline(as_shopper.get(f"/orders/{order.number}/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Order placed." in timeline and "Cancelled by the shopper." in timeline
    assert "已下单" not in timeline and "顾客取消" not in timeline


def test_a_typed_cancellation_reason_is_shown_as_typed_in_any_language(as_shopper, shopper, stocked, address):
    order = place(shopper, line(stocked, 1, address=address)).orders.get()
    as_shopper.post(f"/orders/{order.number}/cancel/", {"reason": "买错了 wrong size"})
    assert Order.objects.get().transitions.last().reason_code == ""
    for language in ("en", "zh-hans"):
        assert "买错了 wrong size" in _timeline(as_shopper.get(f"/orders/{order.number}/",
                                                              HTTP_ACCEPT_LANGUAGE=language))


def test_a_row_written_before_reason_codes_shows_its_stored_text(as_shopper, shopper, stocked, address):
    order = place(shopper, line(stocked, 1, address=address)).orders.get()
    order.transitions.update(reason="已下单。", reason_code="", reason_params={})
    assert "已下单。" in _timeline(as_shopper.get(f"/orders/{order.number}/", HTTP_ACCEPT_LANGUAGE="en"))
    order.transitions.update(reason="", reason_code="no_longer_exists")
    page = as_shopper.get(f"/orders/{order.number}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "no_longer_exists" not in page.content.decode()
