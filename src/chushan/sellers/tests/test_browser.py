"""The region picker and the certificate form in a real browser (Debian's chromium through Playwright)."""

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.conftest import CHROMIUM
from chushan.sellers.models import Seller


@pytest.fixture
def page(live_server, client, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    client.force_login(UserFactory())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # a phone
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": live_server.url}])
        yield context.new_page()
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_applicant_picks_province_prefecture_and_county_on_a_phone(page, live_server):
    page.goto(f"{live_server.url}/console/application/")
    page.fill("#id_name", "西江银饰工坊")
    page.check("input[name=entity_type][value=inheritor]")
    page.select_option("#id_province", "520000")
    page.wait_for_selector("#id_prefecture option[value='522600']", state="attached")
    page.select_option("#id_prefecture", "522600")
    page.wait_for_selector("#id_region option[value='522634']", state="attached")
    page.select_option("#id_region", "522634")
    page.fill("#id_address", "雷山县西江镇")
    page.fill("#id_contact_name", "杨师傅")
    page.fill("#id_contact_mobile", "13885512345")
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/console/")
    assert page.locator("h1").inner_text() == "西江银饰工坊"
    seller = Seller.objects.get()
    assert seller.region_id == "522634" and seller.status == "draft"
    # Choosing another province empties the county list again.
    page.goto(f"{live_server.url}/console/application/")
    page.select_option("#id_province", "620000")
    page.wait_for_selector("#id_prefecture option[value='622900']", state="attached")
    assert page.locator("#id_region option").count() == 1
