"""The orders API: cart, checkout with Idempotency-Key, orders and pick-up codes, addresses, the seller's orders
and pick-ups. problem+json on every refusal; another shopper's or seller's order is a 404 and stays as it was."""

import json
from decimal import Decimal

import pytest

from chushan.inventory.tests.factories import ShopFactory
from chushan.orders import services
from chushan.orders.models import Address, CartLine, Checkout, Order, PickupCode
from chushan.orders.tests.support import line, pay, place, snapshot
from chushan.payments.models import Payment

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
    assert body["status"] == status and body["detail"]
    return body


@pytest.fixture
def as_shopper(client, shopper):
    client.force_login(shopper)
    return client


@pytest.fixture
def as_owner(client, owner):
    client.force_login(owner)
    return client


# Cart -----------------------------------------------------------------------------------------------------

def test_the_cart_needs_sign_in(client):
    problem(send(client, "get", "/cart"), 401)


def test_add_change_and_remove_cart_lines(as_shopper, stocked, shop):
    body = send(as_shopper, "post", "/cart/lines", {"sku_id": stocked.pk, "quantity": 2}).json()
    assert (body["count"], body["total"], body["lines"][0]["unit_price"]) == (2, "200.00", "100.00")
    line_id = body["lines"][0]["id"]
    body = send(as_shopper, "patch", f"/cart/lines/{line_id}",
                {"fulfilment": "pickup", "pickup_location_id": shop.pk}).json()
    assert body["lines"][0]["pickup_location"]["id"] == shop.pk and body["lines"][0]["quantity"] == 2
    assert send(as_shopper, "delete", f"/cart/lines/{line_id}").status_code == 204
    assert send(as_shopper, "get", "/cart").json()["lines"] == []


@pytest.mark.parametrize("body,field", [
    ({"quantity": -1}, "quantity"),
    ({"quantity": 0}, "quantity"),
    ({"quantity": 1.5}, "quantity"),
    ({"quantity": "2"}, "quantity"),
    ({"quantity": 1000}, "quantity"),
    ({"sku_id": 10**12}, "sku_id"),
    ({"price": "1.00"}, "__all__"),
    ({"unit_price": "0.01", "quantity": 1}, "__all__"),
    ({"fulfilment": "teleport"}, "fulfilment"),
    ({"colour": "red"}, "colour"),
])
def test_bad_cart_lines_get_a_422_and_nothing_changes(as_shopper, stocked, body, field):
    before = snapshot()
    errors = problem(send(as_shopper, "post", "/cart/lines", {"sku_id": stocked.pk, **body}), 422)["errors"]
    assert field in errors, errors
    assert snapshot() == before


def test_a_client_sent_price_is_named_in_the_refusal(as_shopper, stocked):
    body = problem(send(as_shopper, "post", "/cart/lines", {"sku_id": stocked.pk, "price": "0.01"}), 422)
    assert "price" in body["detail"] and "server" in body["detail"]


def test_another_sellers_shop_as_pickup_place_is_refused(as_shopper, stocked, rival_seller):
    before = snapshot()
    body = problem(send(as_shopper, "post", "/cart/lines", {
        "sku_id": stocked.pk, "fulfilment": "pickup", "pickup_location_id": ShopFactory(seller=rival_seller).pk}), 422)
    assert "pickup_location_id" in body["errors"]
    assert snapshot() == before


def test_another_shoppers_cart_line_is_not_found(client, shopper, stranger, stocked):
    mine = services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    client.force_login(stranger)
    problem(send(client, "patch", f"/cart/lines/{mine.pk}", {"quantity": 5}), 404)
    problem(send(client, "delete", f"/cart/lines/{mine.pk}"), 404)
    assert CartLine.objects.get().quantity == 1


# Checkout ---------------------------------------------------------------------------------------------------

def test_checkout_of_the_cart_answers_the_orders_and_where_to_pay(as_shopper, shopper, stocked, address):
    services.cart_line_add(actor=shopper, sku=stocked, quantity=2, address=address)
    response = send(as_shopper, "post", "/orders", {"provider": "sandbox"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["total"], len(body["orders"])) == ("pending_payment", "200.00", 1)
    assert body["payment"]["amount"] == "200.00" and body["payment"]["pay_url"].startswith("/payments/sandbox/")
    assert body["orders"][0]["lines"][0]["unit_price"] == "100.00"
    assert not CartLine.objects.exists()


def test_the_same_idempotency_key_never_makes_a_second_checkout_or_charge(as_shopper, stocked, address):
    request = {"provider": "sandbox", "lines": [{"sku_id": stocked.pk, "quantity": 1, "address_id": address.pk}]}
    first = send(as_shopper, "post", "/orders", request, HTTP_IDEMPOTENCY_KEY="k-123")
    again = send(as_shopper, "post", "/orders", request, HTTP_IDEMPOTENCY_KEY="k-123")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again["Idempotent-Replayed"] == "true"
    assert Checkout.objects.count() == 1 and Payment.objects.count() == 1
    other = dict(request, lines=[{"sku_id": stocked.pk, "quantity": 2, "address_id": address.pk}])
    problem(send(as_shopper, "post", "/orders", other, HTTP_IDEMPOTENCY_KEY="k-123"), 422)
    assert Checkout.objects.count() == 1


def test_a_refused_checkout_releases_its_key_and_writes_nothing(as_shopper, stocked, address):
    request = {"provider": "sandbox", "lines": [{"sku_id": stocked.pk, "quantity": 50, "address_id": address.pk}]}
    before = snapshot()
    body = problem(send(as_shopper, "post", "/orders", request, HTTP_IDEMPOTENCY_KEY="k-9"), 409)
    assert body["items"][0]["requested"] == 50
    assert snapshot() == before


@pytest.mark.parametrize("line_body,field", [
    ({"quantity": -3}, "quantity"),
    ({"quantity": 0.5}, "quantity"),
    ({"unit_price": "1.00"}, "lines.0"),
    ({"sku_id": 10**15}, "sku_id"),
])
def test_bad_checkout_lines_get_a_4xx_and_nothing_changes(as_shopper, stocked, address, line_body, field):
    before = snapshot()
    body = {"sku_id": stocked.pk, "quantity": 1, "address_id": address.pk, **line_body}
    errors = problem(send(as_shopper, "post", "/orders", {"lines": [body]}), 422)["errors"]
    assert any(field in name for name in errors), errors
    assert snapshot() == before


def test_a_total_sent_with_the_checkout_is_refused(as_shopper, stocked, address):
    problem(send(as_shopper, "post", "/orders", {"total": "1.00", "lines": [
        {"sku_id": stocked.pk, "quantity": 1, "address_id": address.pk}]}), 422)
    assert not Checkout.objects.exists()


# Orders -----------------------------------------------------------------------------------------------------

@pytest.fixture
def paid_pickup(shopper, stocked, shop, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 1, fulfilment="pickup", pickup_location=shop))
    pay(checkout, django_capture_on_commit_callbacks)
    return checkout.orders.get()


def test_the_shopper_reads_orders_with_their_timeline(as_shopper, paid_pickup):
    listed = send(as_shopper, "get", "/orders?state=paid").json()
    assert listed["count"] == 1 and listed["items"][0]["number"] == paid_pickup.number
    detail = send(as_shopper, "get", f"/orders/{paid_pickup.number}").json()
    assert [t["to_state"] for t in detail["timeline"]] == ["pending_payment", "paid"]
    code = send(as_shopper, "get", f"/orders/{paid_pickup.number}/pickup-code").json()
    assert len(code["code"]) == 8 and code["qr_svg"].startswith("<svg")


def test_another_shoppers_order_is_not_found_and_not_changed(client, stranger, paid_pickup):
    client.force_login(stranger)
    before = snapshot()
    problem(send(client, "get", f"/orders/{paid_pickup.number}"), 404)
    problem(send(client, "get", f"/orders/{paid_pickup.number}/pickup-code"), 404)
    problem(send(client, "post", f"/orders/{paid_pickup.number}/cancel", {}), 404)
    assert snapshot() == before


def test_the_shopper_cancels_through_the_api(as_shopper, paid_pickup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = send(as_shopper, "post", f"/orders/{paid_pickup.number}/cancel", {"reason": "行程有变"}).json()
    assert body["state"] in ("cancelled", "refunded")
    assert Order.objects.get().state == "refunded"


def test_the_timeline_speaks_the_requests_language(as_shopper, paid_pickup):
    """The history was written once (here in Chinese, the default); each request reads it in its own language."""
    english = send(as_shopper, "get", f"/orders/{paid_pickup.number}", HTTP_ACCEPT_LANGUAGE="en").json()
    chinese = send(as_shopper, "get", f"/orders/{paid_pickup.number}", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert [(t["reason_code"], t["reason"]) for t in english["timeline"]] == [
        ("order_placed", "Order placed."), ("payment_received", "Payment received.")]
    assert [t["reason"] for t in chinese["timeline"]] == ["已下单。", "已收到付款。"]


def test_a_seller_cancellation_without_a_reason_reads_cancelled_by_the_seller(
        as_owner, paid_pickup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(as_owner, "post", f"/seller/orders/{paid_pickup.number}/cancel", {}, HTTP_ACCEPT_LANGUAGE="en")
    timeline = send(as_owner, "get", f"/seller/orders/{paid_pickup.number}",
                    HTTP_ACCEPT_LANGUAGE="zh-hans").json()["timeline"]
    cancelled = next(t for t in timeline if t["to_state"] == "cancelled")
    assert (cancelled["reason_code"], cancelled["reason"]) == ("cancelled_by_seller", "商家取消。")


# Seller -----------------------------------------------------------------------------------------------------

def test_the_seller_lists_orders_to_pack_and_moves_them_on(as_owner, paid_pickup, shop):
    listed = send(as_owner, "get", "/seller/orders?state=paid").json()
    assert [o["number"] for o in listed["items"]] == [paid_pickup.number]
    assert send(as_owner, "post", f"/seller/orders/{paid_pickup.number}/pack").json()["state"] == "packed"
    assert send(as_owner, "post", f"/seller/orders/{paid_pickup.number}/ready-for-pickup").json()["state"] == \
        "ready_for_pickup"
    code = PickupCode.objects.get().code
    found = send(as_owner, "get", f"/seller/pickups/{code}?location_id={shop.pk}").json()
    assert found["number"] == paid_pickup.number
    done = send(as_owner, "post", f"/seller/pickups/{code}/complete", {"location_id": shop.pk})
    assert done.json()["state"] == "picked_up"
    body = problem(send(as_owner, "post", f"/seller/pickups/{code}/complete", {"location_id": shop.pk}), 409)
    assert body["type"].endswith("pickup_code_used")


def test_another_sellers_staff_get_404_and_nothing_changes(client, rival, paid_pickup, shop):
    client.force_login(rival)
    before = snapshot()
    assert send(client, "get", "/seller/orders").json()["count"] == 0
    for action in ("pack", "ship", "ready-for-pickup", "deliver", "cancel"):
        problem(send(client, "post", f"/seller/orders/{paid_pickup.number}/{action}", {}), 404)
    code = PickupCode.objects.get().code
    problem(send(client, "post", f"/seller/pickups/{code}/complete", {"location_id": shop.pk}), 404)
    assert snapshot() == before


def test_shoppers_are_told_to_apply_to_sell(as_shopper):
    problem(send(as_shopper, "get", "/seller/orders"), 403)


def test_shipping_a_delivery(as_owner, shopper, address, stocked, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 1, address=address))
    pay(checkout, django_capture_on_commit_callbacks)
    number = checkout.orders.get().number
    send(as_owner, "post", f"/seller/orders/{number}/pack")
    shipped = send(as_owner, "post", f"/seller/orders/{number}/ship", {"tracking_number": "SF100"}).json()
    assert (shipped["state"], shipped["tracking_number"]) == ("shipped", "SF100")
    problem(send(as_owner, "post", f"/seller/orders/{number}/ready-for-pickup"), 409)
    assert send(as_owner, "post", f"/seller/orders/{number}/deliver").json()["state"] == "delivered"


# Addresses --------------------------------------------------------------------------------------------------

def test_addresses_crud(as_shopper):
    created = send(as_shopper, "post", "/addresses", {"name": "李阿婆", "mobile": "13712345678",
                                                      "region_code": "522601", "detail": "韶山南路18号"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["region"]["path"] == ["贵州省", "黔东南苗族侗族自治州", "凯里市"] and body["is_default"]
    updated = send(as_shopper, "put", f"/addresses/{body['id']}", {"name": "李阿婆", "mobile": "13712345678",
                                                                   "region_code": "522636", "detail": "龙泉镇"})
    assert updated.json()["region"]["code"] == "522636"
    assert send(as_shopper, "get", "/addresses").json()["count"] == 1
    assert send(as_shopper, "delete", f"/addresses/{body['id']}").status_code == 204
    assert not Address.objects.exists()


@pytest.mark.parametrize("body,field", [
    ({"region_code": "999999"}, "region_code"),
    ({"region_code": "520000"}, "region"),
    ({"mobile": "12345"}, "mobile"),
])
def test_bad_addresses_get_a_422(as_shopper, body, field):
    payload = {"name": "李阿婆", "mobile": "13712345678", "region_code": "522601", "detail": "x", **body}
    assert field in problem(send(as_shopper, "post", "/addresses", payload), 422)["errors"]
    assert not Address.objects.exists()


def test_another_shoppers_address_is_not_found(client, stranger, address):
    client.force_login(stranger)
    problem(send(client, "get", f"/addresses/{address.pk}"), 404)
    problem(send(client, "delete", f"/addresses/{address.pk}"), 404)
    assert Address.objects.filter(pk=address.pk).exists()


def test_pay_again_for_a_waiting_checkout(as_shopper, shopper, stocked, address):
    checkout = place(shopper, line(stocked, 1, address=address))
    body = send(as_shopper, "post", f"/checkouts/{checkout.number}/pay", {"provider": "sandbox"}).json()
    assert body["amount"] == "100.00" and body["state"] == "pending"
    assert Payment.objects.count() == 1
    assert send(as_shopper, "get", f"/checkouts/{checkout.number}").json()["total"] == "100.00"
    assert Decimal(body["amount"]) == checkout.total
