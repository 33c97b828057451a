"""The stock console on a phone, in a real browser (Debian's chromium through Playwright)."""

import os
import re

import pytest
from django.db import close_old_connections, connections

from chushan.catalog.tests.factories import SkuFactory
from chushan.conftest import CHROMIUM
from chushan.inventory.models import Location, Stock
from chushan.sellers.tests.factories import MembershipFactory


@pytest.fixture
def page(live_server, client, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    owner = MembershipFactory().user
    client.force_login(owner)
    with sync_playwright() as p:
        # Playwright runs the test in another context, with its own database connection: one left from an earlier
        # test may have been closed by the server since, so check it before use, and close it afterwards.
        close_old_connections()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # a phone
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": live_server.url}])
        page = context.new_page()
        page.owner = owner
        yield page
        connections.close_all()
        browser.close()
    if connections["default"].vendor == "postgresql":
        # A finished request thread of the live server can leave its connection idle, which would stop the
        # test database from being dropped at the end of the run.
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_seller_adds_a_shop_receives_goods_and_reads_the_ledger_on_a_phone(page, live_server):
    seller = page.owner.membership.seller
    sku = SkuFactory(product__seller=seller, product__name="苗族蜡染桌旗")
    page.goto(f"{live_server.url}/console/stock/locations/new/")
    page.select_option("#id_kind", "shop")
    page.fill("#id_name", "凯里门店")
    page.select_option("#id_province", "520000")
    page.wait_for_selector("#id_prefecture option[value='522600']", state="attached")
    page.select_option("#id_prefecture", "522600")
    page.wait_for_selector("#id_region option[value='522601']", state="attached")
    page.select_option("#id_region", "522601")
    page.fill("#id_address", "大十字步行街12号")
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/console/stock/locations/[0-9]+/$"))  # saved before the database is read
    location = Location.objects.get()
    assert page.url == f"{live_server.url}/console/stock/locations/{location.pk}/"
    for quantity in ("5", "3"):
        page.goto(f"{live_server.url}/console/stock/receive/?location={location.pk}")
        page.select_option("#id_sku", str(sku.pk))
        page.fill("#id_quantity", quantity)
        page.click("button.primary")
        page.wait_for_url(f"{live_server.url}/console/stock/locations/{location.pk}/")
    assert Stock.objects.get().on_hand == 8
    stock_row = page.locator("[data-testid=stock] tbody tr").first
    assert "苗族蜡染桌旗" in stock_row.inner_text() and "8" in stock_row.inner_text()
    assert page.locator("[data-testid=ledger] tbody tr").count() == 2
    # On a phone the table rows become cards: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if os.environ.get("CHUSHAN_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["CHUSHAN_SCREENSHOTS"], "stock-location.png"), full_page=True)
