"""The counter pages: the clerk scans, pays cash or by QR, prints the receipt, hands over pick-ups, takes returns,
prints shelf QR codes. Another seller's staff and shoppers get 404 and change nothing."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from chushan.inventory.models import Stock
from chushan.orders import services as orders
from chushan.orders.tests.support import line, pay, place
from chushan.pos.models import PosReturn, PosSale
from chushan.pos.tests.factories import cash_sale

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def as_clerk(client, clerk):
    client.force_login(clerk)
    return client


def url(name, location, *args):
    return reverse(f"pos:{name}", args=[location.pk, *args])


def test_the_counter_page_shows_scan_search_and_an_empty_basket(as_clerk, stocked):
    page = as_clerk.get(url("counter", stocked))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="scan-input"' in html and 'data-testid="basket-empty"' in html
    assert "counter.js" in html


def test_a_clerk_with_one_counter_goes_straight_to_it(as_clerk, stocked):
    assert as_clerk.get(reverse("pos:counters")).url == url("counter", stocked)


def test_scanning_with_htmx_answers_the_basket_fragment(as_clerk, stocked, sku):
    page = as_clerk.post(url("scan", stocked), {"code": "6901234567892"}, **HX)
    html = page.content.decode()
    assert page.status_code == 200 and "<html" not in html
    assert 'data-total="100.00"' in html


def test_a_bad_scan_is_shown_in_the_basket_and_adds_nothing(as_clerk, stocked):
    page = as_clerk.post(url("scan", stocked), {"code": "6901234567891"}, **HX)
    assert 'data-testid="basket-error"' in page.content.decode()
    assert not PosSale.objects.filter(lines__isnull=False).exists()


def test_without_javascript_a_scan_posts_and_comes_back(as_clerk, stocked, sku):
    response = as_clerk.post(url("scan", stocked), {"code": "6901234567892"})
    assert response.status_code == 302 and response.url == url("counter", stocked)
    assert PosSale.objects.get().total == Decimal("100.00")


def test_search_lists_products_with_their_price_and_stock_here(as_clerk, stocked, tea):
    html = as_clerk.get(url("search", stocked), {"q": "毛尖"}).content.decode()
    assert "都匀毛尖" in html and "¥36.50" in html


def test_quantities_change_with_plus_and_minus(as_clerk, stocked, sku):
    as_clerk.post(url("basket", stocked, "add"), {"sku": sku.pk}, **HX)
    as_clerk.post(url("basket", stocked, "set"), {"sku": sku.pk, "quantity": 3}, **HX)
    assert PosSale.objects.get().total == Decimal("300.00")
    page = as_clerk.post(url("basket", stocked, "set"), {"sku": sku.pk, "quantity": 4}, **HX)
    assert 'data-testid="basket-error"' in page.content.decode()
    assert PosSale.objects.get().total == Decimal("300.00")


def test_cash_sends_the_tablet_to_the_receipt(as_clerk, stocked, sku):
    as_clerk.post(url("basket", stocked, "add"), {"sku": sku.pk}, **HX)
    response = as_clerk.post(url("pay_cash", stocked), {"tendered": "150"}, **HX)
    sale = PosSale.objects.get()
    assert response.status_code == 204 and response["HX-Redirect"] == url("receipt", stocked, sale.number)
    receipt = as_clerk.get(url("receipt", stocked, sale.number), {"paper": "58"}).content.decode()
    assert "size: 58mm auto" in receipt and sale.number in receipt
    assert "¥50.00" in receipt and stocked.name in receipt and "<svg" in receipt


def test_too_little_cash_is_a_form_error(as_clerk, stocked, sku):
    as_clerk.post(url("basket", stocked, "add"), {"sku": sku.pk}, **HX)
    page = as_clerk.post(url("pay_cash", stocked), {"tendered": "20"}, **HX)
    assert "less than" in page.content.decode() or "少于" in page.content.decode()
    assert PosSale.objects.get().state == "open"


def test_a_qr_payment_shows_the_code_and_polls(as_clerk, stocked, sku):
    as_clerk.post(url("basket", stocked, "add"), {"sku": sku.pk}, **HX)
    page = as_clerk.post(url("pay_qr", stocked), {"provider": "sandbox"}, **HX).content.decode()
    sale = PosSale.objects.get(state="awaiting_payment")
    assert 'data-testid="awaiting"' in page and "<svg" in page and 'hx-trigger="every 3s"' in page
    status = as_clerk.get(url("sale_status", stocked, sale.number), **HX)
    assert status.status_code == 200 and 'data-testid="qr-status"' in status.content.decode()
    cancel = as_clerk.post(url("sale_cancel", stocked, sale.number), **HX)
    assert cancel.status_code == 200
    assert PosSale.objects.get(pk=sale.pk).state == "open"


def test_a_return_from_the_receipt(as_clerk, clerk, stocked, sku):
    sale = cash_sale(clerk=clerk, location=stocked, items=[(sku, 2)])
    assert as_clerk.get(url("returns", stocked), {"number": sale.number.lower()}).url == url(
        "return_new", stocked, sale.number)
    line = sale.lines.get()
    response = as_clerk.post(url("return_new", stocked, sale.number),
                             {f"line_{line.pk}": "1", "method": "cash", "reason": "颜色不喜欢"})
    assert response.status_code == 302
    assert PosReturn.objects.get().amount == Decimal("100.00")
    assert Stock.objects.get(sku=sku).on_hand == 2


def test_returning_more_than_sold_is_a_form_error(as_clerk, clerk, stocked, sku):
    sale = cash_sale(clerk=clerk, location=stocked, items=[(sku, 1)])
    line = sale.lines.get()
    page = as_clerk.post(url("return_new", stocked, sale.number),
                         {f"line_{line.pk}": "2", "method": "cash", "reason": "x"})
    assert page.status_code == 200 and not PosReturn.objects.exists()


def test_the_shelf_sheet_links_each_sku_to_its_product_page_for_this_shop(as_clerk, stocked, sku, tea):
    html = as_clerk.get(url("shelf_labels", stocked)).content.decode()
    assert f"/products/{sku.product_id}/?shop={stocked.pk}" in html
    assert html.count('class="label"') == 2 and "<svg" in html


@pytest.mark.parametrize("name,args", [("counter", ()), ("search", ()), ("shelf_labels", ()), ("returns", ()),
                                       ("pickups", ())])
def test_other_sellers_staff_and_shoppers_get_404(client, stranger, shopper, stocked, name, args):
    for user in (stranger, shopper):
        client.force_login(user)
        assert client.get(url(name, stocked, *args)).status_code == 404
    assert not PosSale.objects.exists()


def test_another_seller_cannot_see_or_return_a_receipt(client, clerk, stranger, stocked, sku):
    sale = cash_sale(clerk=clerk, location=stocked, items=[(sku, 1)])
    client.force_login(stranger)
    assert client.get(url("receipt", stocked, sale.number)).status_code == 404
    assert client.post(url("return_new", stocked, sale.number),
                       {f"line_{sale.lines.get().pk}": "1", "method": "cash", "reason": "x"}).status_code == 404
    assert not PosReturn.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, stocked):
    response = client.get(url("counter", stocked))
    assert response.status_code == 302 and "login" in response.url


def test_the_shelf_qr_opens_the_product_page_with_this_shops_stock(client, stocked, sku):
    page = client.get(reverse("catalog:product", args=[sku.product_id]), {"shop": stocked.pk}).content.decode()
    assert 'data-testid="shop-stock"' in page and stocked.name in page
    assert 'data-testid="buy-here"' in page and f"at={stocked.pk}" in page
    plain = client.get(reverse("catalog:product", args=[sku.product_id])).content.decode()
    assert 'data-testid="shop-stock"' not in plain


@pytest.mark.parametrize("raw", ["999999", "abc", "-1", "", "99999999999999999999999"])
def test_an_unknown_shop_on_the_product_page_is_ignored(client, stocked, sku, raw):
    page = client.get(reverse("catalog:product", args=[sku.product_id]), {"shop": raw})
    assert page.status_code == 200 and 'data-testid="shop-stock"' not in page.content.decode()


def test_another_sellers_shop_does_not_show_on_this_product(client, stocked, sku):
    from chushan.inventory.tests.factories import ShopFactory

    elsewhere = ShopFactory()
    page = client.get(reverse("catalog:product", args=[sku.product_id]), {"shop": elsewhere.pk}).content.decode()
    assert 'data-testid="shop-stock"' not in page


def test_operators_browse_counter_sales_in_the_back_office(client, clerk, stocked, sku, django_user_model):
    cash_sale(clerk=clerk, location=stocked, items=[(sku, 1)])
    admin = django_user_model.objects.create_superuser(mobile="13900009998", password="pw-long-enough-1")
    client.force_login(admin)
    for name in ("possale", "posreturn", "settlement"):
        assert client.get(reverse(f"admin:pos_{name}_changelist")).status_code == 200


# Found walking the counter on a tablet --------------------------------------------------------------------------

def test_too_little_cash_keeps_what_the_clerk_typed(as_clerk, stocked, sku):
    as_clerk.post(url("basket", stocked, "add"), {"sku": sku.pk}, **HX)
    html = as_clerk.post(url("pay_cash", stocked), {"tendered": "20"}, **HX).content.decode()
    assert 'data-testid="basket-error"' in html and 'value="20"' in html


def test_the_change_line_says_change_in_chinese_not_edit(as_clerk, stocked, sku):
    # Django's admin translates a bare "Change:" as 更改 (edit); the counter's one carries its own context.
    as_clerk.post(url("basket", stocked, "add"), {"sku": sku.pk}, **HX)
    html = as_clerk.get(url("counter", stocked), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-label="找零： "' in html and "更改" not in html


@pytest.mark.parametrize("name", ["counter", "pickups", "returns"])
def test_the_counter_menu_marks_the_page_the_clerk_is_on(as_clerk, stocked, name):
    html = as_clerk.get(url(name, stocked)).content.decode()
    assert html.count('aria-current="page"') == 1
    assert f'<a href="{url(name, stocked)}" aria-current="page">' in html


def test_the_pickups_page_lists_the_orders_waiting_at_this_shop(as_clerk, shopper, owner, stocked, sku,
                                                                django_capture_on_commit_callbacks):
    checkout = place(shopper, line(sku, 1, fulfilment="pickup", pickup_location=stocked))
    pay(checkout, django_capture_on_commit_callbacks)
    order = orders.order_ready_for_pickup(actor=owner, order=checkout.orders.get())
    html = as_clerk.get(url("pickups", stocked)).content.decode()
    assert 'data-testid="pickups-waiting"' in html and order.number in html
    assert order.pickup_code.code not in html  # the shopper brings the code; the list does not give it away


def test_the_receipt_qr_is_a_full_qr_code(as_clerk, clerk, stocked, sku):
    # A receipt number is short enough for a Micro QR, which most scanners cannot read: the QR must be a full one.
    sale = cash_sale(clerk=clerk, location=stocked, items=[(sku, 1)])
    html = as_clerk.get(url("receipt", stocked, sale.number)).content.decode()
    size = int(re.search(r'<svg width="(\d+)"', html).group(1))
    assert size >= (21 + 8) * 3  # version 1 with its quiet zone, at scale 3


def test_other_counters_lists_the_counters_even_for_a_clerk_with_one(as_clerk, stocked):
    html = as_clerk.get(url("counter", stocked)).content.decode()
    assert f'href="{reverse("pos:counters")}?all=1"' in html
    page = as_clerk.get(reverse("pos:counters"), {"all": "1"})
    assert page.status_code == 200 and url("counter", stocked) in page.content.decode()
