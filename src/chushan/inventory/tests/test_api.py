"""The stock API: seller-scoped locations, stock, ledger, receipts, returns, transfers and counts."""

import json

import pytest

from chushan.accounts.auth import token_digest
from chushan.accounts.models import ApiToken
from chushan.catalog.tests.factories import SkuFactory
from chushan.inventory import services
from chushan.inventory.models import Location, Stock, StockCount, StockMovement, Transfer
from chushan.inventory.tests.conftest import ledger_count
from chushan.inventory.tests.factories import LocationFactory
from chushan.sellers.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db
API = "/api/v1"


def send(client, method, path, body=None, **extra):
    kwargs = {"content_type": "application/json", **extra}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(API + path, **kwargs)


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys() and body["status"] == status
    return body


@pytest.fixture
def as_owner(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def as_stranger(client, stranger):
    client.force_login(stranger)
    return client


def test_sales_channels_are_public(client):
    codes = [c["code"] for c in send(client, "get", "/sales-channels").json()]
    assert codes == ["web", "shop_counter", "consignment_counter", "live_stream", "institutional"]


def test_stock_endpoints_need_sign_in(client):
    problem(send(client, "get", "/seller/stock"), 401)


def test_shoppers_are_told_to_apply(client, shopper):
    client.force_login(shopper)
    problem(send(client, "get", "/seller/locations"), 403)


# Locations --------------------------------------------------------------------------------------------

def test_a_seller_adds_and_lists_locations(as_owner, seller):
    host = SellerFactory()
    response = send(as_owner, "post", "/seller/locations", {
        "kind": "consignment", "name": "西江寄售柜台", "region_code": "522634", "address": "西江游客中心",
        "host_seller_id": host.pk, "commission_rate": "0.15", "gln": "6901234567892"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["host_seller"]["id"], body["commission_rate"], body["channels"]) == (
        "consignment", host.pk, "0.1500", ["consignment_counter"])
    assert body["region"] == {"code": "522634", "name": "雷山县"}
    listed = send(as_owner, "get", "/seller/locations").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]


@pytest.mark.parametrize("body,field", [
    ({"region_code": "999999"}, "region_code"),
    ({"region_code": "52"}, "region_code"),
    ({"kind": "moon"}, "kind"),
    ({"name": "x" * 61}, "name"),
    ({"name": "a\x00b"}, "name"),
    ({"gln": "6901234567891"}, "gln"),
    ({"kind": "consignment"}, "host_seller"),
    ({"host_seller_id": 10**30}, "host_seller_id"),
    ({"commission_rate": "2"}, "commission_rate"),
])
def test_bad_locations_get_a_422_and_nothing_is_saved(as_owner, body, field):
    payload = {"kind": "shop", "name": "门店", "region_code": "522601", "address": "大十字", **body}
    errors = problem(send(as_owner, "post", "/seller/locations", payload), 422)["errors"]
    assert field in errors, errors
    assert not Location.objects.exists()


def test_a_location_is_updated_in_part(as_owner, warehouse):
    body = send(as_owner, "patch", f"/seller/locations/{warehouse.pk}", {"name": "总仓", "channels": ["web"]}).json()
    assert (body["name"], body["channels"], body["address"]) == ("总仓", ["web"], warehouse.address)


def test_another_sellers_location_is_not_found_and_unchanged(as_stranger, warehouse):
    problem(send(as_stranger, "get", f"/seller/locations/{warehouse.pk}"), 404)
    problem(send(as_stranger, "patch", f"/seller/locations/{warehouse.pk}", {"name": "占领"}), 404)
    warehouse.refresh_from_db()
    assert warehouse.name != "占领"
    assert send(as_stranger, "get", "/seller/locations").json()["count"] == 0


def test_huge_ids_in_paths_are_a_422_not_a_crash(as_owner):
    problem(send(as_owner, "get", f"/seller/locations/{10**30}"), 422)
    problem(send(as_owner, "get", f"/seller/stock?location_id={10**30}"), 422)


# Stock and the ledger ---------------------------------------------------------------------------------

def test_receive_then_read_stock_and_the_ledger(as_owner, sku, warehouse):
    response = send(as_owner, "post", "/seller/stock/receipts",
                    {"sku_id": sku.pk, "location_id": warehouse.pk, "quantity": 8, "reference": "PO-1"})
    assert response.status_code == 201, response.content
    assert (response.json()["kind"], response.json()["on_hand_delta"]) == ("receipt", 8)
    stock = send(as_owner, "get", f"/seller/stock?location_id={warehouse.pk}").json()
    assert stock["count"] == 1
    row = stock["items"][0]
    assert (row["on_hand"], row["reserved"], row["available"], row["sku"]["id"]) == (8, 0, 8, sku.pk)
    ledger = send(as_owner, "get", f"/seller/stock/movements?sku_id={sku.pk}").json()
    assert [m["kind"] for m in ledger["items"]] == ["receipt"]
    assert ledger["items"][0]["actor"] and ledger["items"][0]["location"]["id"] == warehouse.pk


def test_the_ledger_gives_the_platforms_reasons_in_the_readers_language(as_owner, receive, shopper, sku, warehouse):
    receive(warehouse, sku, 3)
    hold = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1)
    services.reservations_release(actor=None, reservations=[hold], reason_code="orders:not_paid_in_time")

    def release_reason(language):
        ledger = send(as_owner, "get", f"/seller/stock/movements?sku_id={sku.pk}", HTTP_ACCEPT_LANGUAGE=language)
        return next(m["reason"] for m in ledger.json()["items"] if m["kind"] == "release")

    assert (release_reason("zh-hans"), release_reason("en")) == ("未按时付款。", "Not paid in time.")


@pytest.mark.parametrize("quantity", [0, -1, 1.5, "3", 10**12, None, True])
def test_bad_quantities_are_a_422_and_change_nothing(as_owner, sku, warehouse, quantity):
    body = {"sku_id": sku.pk, "location_id": warehouse.pk, "quantity": quantity}
    errors = problem(send(as_owner, "post", "/seller/stock/receipts", body), 422)["errors"]
    assert "quantity" in errors
    assert ledger_count() == 0


def test_another_sellers_location_or_sku_is_404_and_nothing_changes(as_owner, sku, warehouse):
    theirs = LocationFactory()
    their_sku = SkuFactory(product__seller=theirs.seller)
    problem(send(as_owner, "post", "/seller/stock/receipts",
                 {"sku_id": sku.pk, "location_id": theirs.pk, "quantity": 1}), 404)
    problem(send(as_owner, "post", "/seller/stock/receipts",
                 {"sku_id": their_sku.pk, "location_id": warehouse.pk, "quantity": 1}), 404)
    problem(send(as_owner, "get", f"/seller/stock/movements?location_id={theirs.pk}"), 404)
    assert ledger_count() == 0 and not Stock.objects.exists()


def test_a_stranger_sees_none_of_the_sellers_stock(as_stranger, owner, sku, warehouse, receive):
    receive(warehouse, sku, 3)
    assert send(as_stranger, "get", "/seller/stock").json()["count"] == 0
    assert send(as_stranger, "get", "/seller/stock/movements").json()["count"] == 0


def test_a_return_goes_back_on_the_shelf(as_owner, sku, shop):
    response = send(as_owner, "post", "/seller/stock/returns",
                    {"sku_id": sku.pk, "location_id": shop.pk, "quantity": 1, "reason": "尺寸不合"})
    assert response.status_code == 201
    assert Stock.objects.get(location=shop).on_hand == 1


# Transfers and counts ---------------------------------------------------------------------------------

def test_transfer_between_locations(as_owner, sku, warehouse, shop, receive):
    receive(warehouse, sku, 5)
    response = send(as_owner, "post", "/seller/transfers", {
        "from_location_id": warehouse.pk, "to_location_id": shop.pk, "note": "补货",
        "lines": [{"sku_id": sku.pk, "quantity": 3}]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["lines"][0]["quantity"] == 3 and body["to_location"]["id"] == shop.pk
    assert send(as_owner, "get", f"/seller/transfers/{body['id']}").json()["id"] == body["id"]
    assert send(as_owner, "get", "/seller/transfers").json()["count"] == 1


def test_transferring_more_than_available_is_a_409_that_names_the_line(as_owner, sku, warehouse, shop, receive):
    receive(warehouse, sku, 2)
    body = problem(send(as_owner, "post", "/seller/transfers", {
        "from_location_id": warehouse.pk, "to_location_id": shop.pk,
        "lines": [{"sku_id": sku.pk, "quantity": 3}]}), 409)
    assert body["items"][0]["available"] == 2 and body["items"][0]["sku"] == sku.pk
    assert not Transfer.objects.exists() and ledger_count() == 1


def test_a_stranger_cannot_transfer_the_sellers_goods(as_stranger, sku, warehouse, shop, receive):
    receive(warehouse, sku, 2)
    problem(send(as_stranger, "post", "/seller/transfers", {
        "from_location_id": warehouse.pk, "to_location_id": shop.pk,
        "lines": [{"sku_id": sku.pk, "quantity": 1}]}), 404)
    assert not Transfer.objects.exists() and ledger_count() == 1


def test_record_a_count(as_owner, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    response = send(as_owner, "post", "/seller/counts", {
        "location_id": warehouse.pk, "reason": "月末盘点", "lines": [{"sku_id": sku.pk, "counted": 4}]})
    assert response.status_code == 201, response.content
    line = response.json()["lines"][0]
    assert (line["expected"], line["counted"], line["difference"]) == (5, 4, -1)
    assert send(as_owner, "get", f"/seller/counts?location_id={warehouse.pk}").json()["count"] == 1
    assert StockMovement.objects.filter(kind="adjustment").count() == 1


def test_a_count_without_a_reason_is_refused(as_owner, sku, warehouse):
    problem(send(as_owner, "post", "/seller/counts", {
        "location_id": warehouse.pk, "reason": "", "lines": [{"sku_id": sku.pk, "counted": 4}]}), 422)
    assert not StockCount.objects.exists()


def test_a_stranger_cannot_read_or_record_counts(as_stranger, owner, sku, warehouse):
    count = services.stock_count_record(actor=owner, location=warehouse, reason="盘点",
                                        items=[services.CountItem(sku=sku, counted=1)])
    problem(send(as_stranger, "get", f"/seller/counts/{count.pk}"), 404)
    problem(send(as_stranger, "post", "/seller/counts", {
        "location_id": warehouse.pk, "reason": "x", "lines": [{"sku_id": sku.pk, "counted": 9}]}), 404)
    assert Stock.objects.get().on_hand == 1


def test_bearer_tokens_work_too(client, owner, sku, warehouse):
    ApiToken.objects.create(user=owner, name="pos", prefix="abc", digest=token_digest("secret-token"))
    response = send(client, "post", "/seller/stock/receipts",
                    {"sku_id": sku.pk, "location_id": warehouse.pk, "quantity": 2},
                    HTTP_AUTHORIZATION="Bearer secret-token")
    assert response.status_code == 201, response.content


def test_the_schema_documents_the_stock_endpoints(client):
    paths = send(client, "get", "/openapi.json").json()["paths"]
    for path in ("/api/v1/seller/locations", "/api/v1/seller/stock", "/api/v1/seller/stock/movements",
                 "/api/v1/seller/transfers", "/api/v1/seller/counts"):
        assert path in paths
