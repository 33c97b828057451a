"""The counter on a tablet, in a real browser (Debian's chromium through Playwright): a USB scanner types the
barcode and Enter, the basket updates in place (htmx), cash shows the change, the receipt prints on 80 mm."""

import os
from decimal import Decimal

import pytest
from django.db import close_old_connections, connections

from chushan.catalog.tests.factories import SkuFactory
from chushan.conftest import CHROMIUM
from chushan.inventory import services as stock_services
from chushan.inventory.models import Stock
from chushan.inventory.tests.factories import ShopFactory
from chushan.pos.models import PosSale
from chushan.sellers.tests.factories import MembershipFactory


@pytest.fixture
def page(live_server, client, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    clerk = MembershipFactory().user
    client.force_login(clerk)
    with sync_playwright() as p:
        # Playwright runs the test in another context, with its own database connection: one left from an earlier
        # test may have been closed by the server since, so check it before use, and close it afterwards.
        close_old_connections()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="zh-CN")  # a tablet
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": live_server.url}])
        page = context.new_page()
        page.clerk = clerk
        yield page
        connections.close_all()
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_clerk_scans_two_items_takes_cash_and_prints_the_receipt(page, live_server):
    seller = page.clerk.membership.seller
    shop = ShopFactory(seller=seller, name="西江门店")
    sku = SkuFactory(product__seller=seller, product__name="苗族银饰手镯", price=Decimal("88.50"),
                     gtin="06901234567892")
    stock_services.stock_receive(actor=page.clerk, sku=sku, location=shop, quantity=5)
    page.goto(f"{live_server.url}/pos/{shop.pk}/")
    scan = page.locator("[data-testid=scan-input]")
    assert scan.evaluate("el => el === document.activeElement")  # ready for the scanner
    for _ in range(2):  # a USB scanner types the digits and Enter
        page.keyboard.type("6901234567892")
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('[data-testid=scan-input]').value === ''")
    page.wait_for_selector("[data-testid=basket-total][data-total='177.00']")
    assert page.locator("[data-testid=line-quantity]").inner_text() == "2"
    if os.environ.get("CHUSHAN_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["CHUSHAN_SCREENSHOTS"], "pos-counter.png"), full_page=True)
    page.fill("[data-testid=tendered]", "200")
    assert "23.00" in page.locator("#change-preview").inner_text()
    page.click("[data-testid=cash-form] button[type=submit]")
    page.wait_for_selector("[data-testid=receipt]")
    sale = PosSale.objects.get(state="paid")
    assert page.locator("[data-testid=receipt-number]").inner_text() == sale.number
    assert page.locator("[data-testid=receipt-change]").inner_text() == "¥23.00"
    assert Stock.objects.get(sku=sku, location=shop).on_hand == 3
    if os.environ.get("CHUSHAN_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["CHUSHAN_SCREENSHOTS"], "pos-receipt.png"), full_page=True)
