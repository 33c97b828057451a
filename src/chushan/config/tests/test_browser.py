"""A shopper in Debian's chromium: types `laran`, finds a 蜡染 piece, opens it, sees the maker's certificate
badge and switches the page to English."""

import os
import re

import pytest

from chushan.conftest import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def batik_piece():
    from chushan.catalog.tests.factories import ProductFactory, SkuFactory
    from chushan.heritage.tests.factories import HeritageItemFactory
    from chushan.search.services import search_index_products
    from chushan.sellers.tests.factories import CertificateFactory, SellerFactory

    batik = HeritageItemFactory(name="苗族蜡染技艺", name_en="Miao batik", slug="miao-batik")
    maker = SellerFactory(name="丹寨宁航蜡染", slug="danzhai-batik")
    CertificateFactory(seller=maker, heritage_item=batik)
    product = ProductFactory(seller=maker, heritage_item=batik, claim_heritage=True, name="苗族蜡染桌旗",
                             name_en="Miao batik table runner")
    SkuFactory(product=product)
    search_index_products(product_ids=[product.pk])
    return product


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
        yield context.new_page()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_shopper_finds_batik_by_pinyin_and_reads_the_badge_in_english(live_server, batik_piece, page):
    page.goto(live_server.url + "/")
    page.fill("#site-q", "laran")
    page.press("#site-q", "Enter")
    hit = page.locator("[data-testid=search-hit]").filter(has_text="蜡染").first
    hit.wait_for()
    hit.locator("a").first.click()
    page.wait_for_url(re.compile(rf"/products/{batik_piece.pk}/"))
    assert "苗族蜡染桌旗" in page.locator("h1").inner_text()
    badge = page.locator("[data-testid=badge]").first
    assert "苗族蜡染技艺" in badge.inner_text()

    page.click("[data-testid=lang-switch]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Miao batik table runner" in page.locator("h1").inner_text()
    assert "Miao batik" in page.locator("[data-testid=badge]").first.inner_text()
