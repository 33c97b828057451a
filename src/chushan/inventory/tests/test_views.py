"""Console pages for stock: they render on a phone, act through the services, and stay within one seller."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from chushan.catalog.tests.factories import SkuFactory
from chushan.inventory import services
from chushan.inventory.models import Location, Stock, StockCount, StockMovement, Transfer
from chushan.inventory.tests.conftest import ledger_count
from chushan.inventory.tests.factories import ConsignmentCounterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_owner(client, owner):
    client.force_login(owner)
    return client


def test_shoppers_are_sent_to_apply(client, shopper):
    client.force_login(shopper)
    response = client.get("/console/stock/")
    assert response.status_code == 302 and response["Location"] == "/console/application/"


def test_visitors_are_sent_to_sign_in(client):
    assert client.get("/console/stock/").status_code == 302


def test_home_lists_locations_with_their_totals(as_owner, seller, sku, warehouse, receive, shopper):
    receive(warehouse, sku, 7)
    services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=2)
    ConsignmentCounterFactory(host_seller=seller, name="寄售柜台甲")  # another seller's goods in our shop
    page = as_owner.get("/console/stock/")
    assert page.status_code == 200
    text = page.content.decode()
    assert warehouse.name in text and "寄售柜台甲" in text
    assert page.context["locations"][0].on_hand_total == 7 and page.context["locations"][0].reserved_total == 2


def test_location_page_shows_stock_and_a_paged_ledger(as_owner, sku, warehouse, receive):
    for _ in range(30):
        receive(warehouse, sku, 1)
    page = as_owner.get(f"/console/stock/locations/{warehouse.pk}/")
    assert page.status_code == 200
    assert page.context["stock"].object_list[0].on_hand == 30
    assert len(page.context["ledger"].object_list) == 25
    fragment = as_owner.get(f"/console/stock/locations/{warehouse.pk}/?part=ledger&ledger=2", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert len(fragment.context["ledger"].object_list) == 5


def test_the_ledger_page_shows_the_platforms_reason_in_the_sellers_language(as_owner, sku, warehouse, receive,
                                                                            shopper):
    receive(warehouse, sku, 2)
    hold = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1)
    with translation.override("en"):
        services.reservations_release(actor=None, reservations=[hold], reason_code="orders:hold_lapsed")
    text = as_owner.get(f"/console/stock/locations/{warehouse.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "付款前已过期。" in text and "Lapsed before payment." not in text


def test_another_sellers_location_page_is_404(client, stranger, warehouse):
    client.force_login(stranger)
    assert client.get(f"/console/stock/locations/{warehouse.pk}/").status_code == 404
    assert client.post(f"/console/stock/locations/{warehouse.pk}/edit/", {"name": "x"}).status_code == 404
    assert client.post(f"/console/stock/locations/{warehouse.pk}/count/", {"reason": "x"}).status_code == 404


def test_add_a_location(as_owner, seller):
    response = as_owner.post("/console/stock/locations/new/", {
        "kind": "shop", "name": "凯里门店", "province": "520000", "prefecture": "522600", "region": "522601",
        "address": "大十字1号", "is_active": "on"})
    location = Location.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/console/stock/locations/{location.pk}/"
    assert location.seller == seller and location.channels.count() == 3


def test_a_refused_location_shows_the_reason_on_the_form(as_owner):
    response = as_owner.post("/console/stock/locations/new/", {
        "kind": "consignment", "name": "柜台", "province": "520000", "prefecture": "522600", "region": "522601",
        "address": "大十字1号", "is_active": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors and not Location.objects.exists()


def test_receive_through_the_page(as_owner, sku, warehouse):
    response = as_owner.post("/console/stock/receive/", {"location": warehouse.pk, "sku": sku.pk, "quantity": 4})
    assert response.status_code == 302
    assert Stock.objects.get().on_hand == 4


@pytest.mark.parametrize("quantity", ["0", "-2", "1.5", "abc", "1000000000"])
def test_receive_refuses_bad_quantities(as_owner, sku, warehouse, quantity):
    response = as_owner.post("/console/stock/receive/", {"location": warehouse.pk, "sku": sku.pk,
                                                         "quantity": quantity})
    assert response.status_code == 200 and "quantity" in response.context["form"].errors
    assert ledger_count() == 0


def test_receive_refuses_another_sellers_sku(as_owner, warehouse):
    foreign = SkuFactory()
    response = as_owner.post("/console/stock/receive/", {"location": warehouse.pk, "sku": foreign.pk,
                                                         "quantity": 1})
    assert response.status_code == 200 and response.context["form"].errors
    assert ledger_count() == 0


def test_transfer_through_the_page(as_owner, sku, warehouse, shop, receive):
    receive(warehouse, sku, 5)
    data = {"from_location": warehouse.pk, "to_location": shop.pk, "note": "",
            "lines-TOTAL_FORMS": 3, "lines-INITIAL_FORMS": 0, "lines-0-sku": sku.pk, "lines-0-quantity": 2,
            "lines-1-sku": "", "lines-1-quantity": "", "lines-2-sku": "", "lines-2-quantity": ""}
    response = as_owner.post("/console/stock/transfers/new/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert Stock.objects.get(location=shop).on_hand == 2
    assert as_owner.get("/console/stock/transfers/").context["transfers"].object_list[0].pk == Transfer.objects.get().pk


def test_a_short_transfer_shows_the_error_and_moves_nothing(as_owner, sku, warehouse, shop, receive):
    receive(warehouse, sku, 1)
    data = {"from_location": warehouse.pk, "to_location": shop.pk, "lines-TOTAL_FORMS": 1,
            "lines-INITIAL_FORMS": 0, "lines-0-sku": sku.pk, "lines-0-quantity": 2}
    response = as_owner.post("/console/stock/transfers/new/", data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Transfer.objects.exists() and ledger_count() == 1


def test_count_through_the_page(as_owner, seller, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    newcomer = SkuFactory(product__seller=seller)
    page = as_owner.get(f"/console/stock/locations/{warehouse.pk}/count/")
    assert page.status_code == 200 and str(page.context["form"].count_fields()[0].value() or "") == ""
    response = as_owner.post(f"/console/stock/locations/{warehouse.pk}/count/", {
        f"sku_{sku.pk}": 3, "extra_sku": newcomer.pk, "extra_counted": 1, "reason": "月末盘点"})
    assert response.status_code == 302
    assert Stock.objects.get(sku=sku).on_hand == 3 and Stock.objects.get(sku=newcomer).on_hand == 1
    assert StockCount.objects.count() == 1
    assert as_owner.get("/console/stock/counts/").status_code == 200


def test_a_count_without_reason_changes_nothing(as_owner, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    response = as_owner.post(f"/console/stock/locations/{warehouse.pk}/count/", {f"sku_{sku.pk}": 3, "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert StockMovement.objects.count() == 1


def test_pages_render_in_english_too(as_owner, warehouse):
    as_owner.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = as_owner.get("/console/stock/")
    assert page.status_code == 200 and "Stock by location" in page.content.decode()


# Found walking the console on a phone -------------------------------------------------------------------------

def test_each_transfer_line_keeps_its_label_beside_its_box(as_owner, sku):
    # The line grid is two columns (SKU, quantity): label and box of each field must share one cell, or the SKU
    # list lands in the narrow quantity column.
    html = as_owner.get("/console/stock/transfers/new/").content.decode()
    assert html.count('<div class="line"><div class="field"><label for="id_lines-') == 3


def test_an_empty_location_says_no_stock_without_hijacking_other_pages(as_owner, warehouse):
    # Catalogues merge: a bare "Nothing here yet." translated as 这里还没有库存 here showed on every empty
    # product grid of the shop. The stock page's message carries its own context.
    page = as_owner.get(f"/console/stock/locations/{warehouse.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "这里还没有库存" in page.content.decode()
    with translation.override("zh-hans"):
        assert "库存" not in gettext("Nothing here yet.")


def test_a_location_is_named_not_addressed(as_owner):
    # "Name" alone is the accounts app's 称呼 (how to address a person).
    html = as_owner.get("/console/stock/locations/new/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<label for="id_name">名称' in html and "称呼" not in html
