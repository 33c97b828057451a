"""The shopper on a phone, in a real browser (Debian's chromium through Playwright): two makers in one cart, one
line picked up at a shop and one delivered to an address chosen with the province, city and county pickers
(htmx), one payment on the sandbox page, then the orders and the pick-up code with its QR."""

import os
import re
from decimal import Decimal

import pytest
from django.db import close_old_connections, connections

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.tests.factories import SkuFactory
from chushan.conftest import CHROMIUM
from chushan.inventory import services as stock_services
from chushan.inventory.tests.factories import LocationFactory, ShopFactory
from chushan.orders import services
from chushan.orders.models import Order
from chushan.sellers.tests.factories import MembershipFactory

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(live_server, client, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    shopper = UserFactory()
    client.force_login(shopper)
    with sync_playwright() as p:
        # Playwright runs the test in another context, with its own database connection: one left from an earlier
        # test may have been closed by the server since, so check it before use, and close it afterwards.
        close_old_connections()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": live_server.url}])
        page = context.new_page()
        page.shopper = shopper
        yield page
        connections.close_all()
        browser.close()
    if connections["default"].vendor == "postgresql":
        # A finished request thread of the live server can leave its connection idle, which would stop the
        # test database from being dropped at the end of the run.
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'")


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _shot(page, name):
    if os.environ.get("CHUSHAN_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["CHUSHAN_SCREENSHOTS"], name), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_shopper_buys_from_two_makers_picks_one_up_and_has_one_delivered(page, live_server):
    batik = MembershipFactory().user
    shop = ShopFactory(seller=batik.membership.seller, name="丹寨门店")
    scarf = SkuFactory(product__seller=batik.membership.seller, product__name="蜡染方巾", price=Decimal("148.00"))
    stock_services.stock_receive(actor=batik, sku=scarf, location=shop, quantity=3)
    silver = MembershipFactory().user
    pendant = SkuFactory(product__seller=silver.membership.seller, product__name="银吊坠", price=Decimal("338.00"))
    stock_services.stock_receive(actor=silver, sku=pendant, location=LocationFactory(seller=silver.membership.seller),
                                 quantity=3)

    for sku in (scarf, pendant):  # from each product page into the one cart
        page.goto(live_server.url + sku.product.get_absolute_url())
        page.click("[data-testid=add-to-cart] button[type=submit]")
        page.wait_for_url(f"{live_server.url}/cart/")
    assert page.locator("[data-testid=cart-line]").count() == 2
    assert page.locator("[data-testid=cart-count]").inner_text() == "2"
    page.click("[data-testid=go-checkout]")

    scarf_line, pendant_line = (page.locator("[data-testid=checkout-line]").nth(i) for i in (0, 1))
    assert not scarf_line.locator("select").is_visible()  # the shop list only shows when picking up
    scarf_line.locator("input[value=pickup]").check()
    scarf_line.locator("select").select_option(str(shop.pk))
    page.fill("#id_name", "陈晓")
    page.fill("#id_mobile", "13712345678")
    page.select_option("#id_province", "520000")
    page.wait_for_selector("#id_prefecture option[value='522600']", state="attached")
    page.select_option("#id_prefecture", "522600")
    page.wait_for_selector("#id_region option[value='522601']", state="attached")
    page.select_option("#id_region", "522601")
    page.fill("#id_detail", "北京东路18号")
    assert pendant_line.locator("input[value=deliver]").is_checked() and _fits_the_phone(page)
    _shot(page, "orders-checkout.png")
    page.click("[data-testid=place-order]")

    page.wait_for_selector("[data-testid=sandbox-pay]")
    assert "¥486.00" in page.locator("h1").inner_text()
    page.click("[data-testid=sandbox-pay-button]")
    page.wait_for_selector("[data-testid=sandbox-paid]")
    page.click("[data-testid=sandbox-back]")
    page.wait_for_selector("[data-testid=checkout-status] .state-paid")

    pickup = Order.objects.get(kind="pickup")
    delivery = Order.objects.get(kind="delivery")
    assert (pickup.state, pickup.pickup_location, delivery.state, delivery.region_id) == (
        "paid", shop, "paid", "522601")
    services.order_ready_for_pickup(actor=batik, order=pickup)
    page.goto(f"{live_server.url}/orders/")
    page.click(f"a[href='/orders/{pickup.number}/pickup/']")
    code = page.locator("[data-testid=code]").inner_text()
    assert code == pickup.pickup_code.code
    qr = page.locator("[data-testid=pickup-qr] svg").bounding_box()
    assert qr["width"] >= 200 and re.fullmatch(r"[0-9]{8}", code) and _fits_the_phone(page)
    _shot(page, "orders-pickup-code.png")
