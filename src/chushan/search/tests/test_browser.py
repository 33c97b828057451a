"""The search page on a phone (Debian's chromium through Playwright): nothing wider than the screen."""

import pytest

from chushan.conftest import CHROMIUM
from chushan.search.tests.support import neutral_category, product


@pytest.fixture
def page(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # a phone
        yield context.new_page()
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("params", ["q=蜡染", "q=蜡染&category=nope"])
def test_the_search_page_fits_a_phone_even_with_an_error(page, live_server, params):
    # Six categories with long names and six price bands: facet rows of chips far wider than the phone.
    for i, price in enumerate(["30.00", "80.00", "168.00", "298.00", "600.00", "1200.00"]):
        category = neutral_category(name=f"黔东南苗族侗族自治州手工蜡染{i}")
        product(f"丹寨苗族蜡染桌旗{i}号", price=price, category=category)
    page.goto(f"{live_server.url}/search?{params}")
    assert page.locator('[data-testid="search-hit"]').count() == 6
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Laid out as a block: sharing the header form's flex row let the chips set the page's width.
    assert page.evaluate("getComputedStyle(document.getElementById('search-results')).display") == "block"
    if "nope" in params:
        assert page.locator("ul.errorlist[role=alert]").is_visible()
