"""The counter API: a clerk's counters, lookup, basket, cash and QR checkout (Idempotency-Key), receipts,
returns, pick-ups, settlement; problem+json for every refusal, and another seller's counter is a 404."""

import json
from decimal import Decimal

import pytest

from chushan.inventory.models import Stock, StockMovement
from chushan.payments.services.sandbox import sandbox_notifications_deliver, sandbox_trade_pay
from chushan.pos.models import PosReturn, PosSale, PosSaleLine

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
def as_clerk(client, clerk):
    client.force_login(clerk)
    return client


def _rows():
    return (list(PosSale.objects.order_by("pk").values_list("pk", "state", "total")),
            list(PosSaleLine.objects.order_by("pk").values_list("pk", "quantity")),
            list(Stock.objects.order_by("pk").values_list("on_hand", "reserved")), StockMovement.objects.count(),
            PosReturn.objects.count())


def test_the_counter_api_needs_sign_in(client, stocked):
    problem(send(client, "get", "/pos/counters"), 401)


def test_a_clerk_lists_the_counters_they_work(as_clerk, stocked, warehouse, counter):
    body = send(as_clerk, "get", "/pos/counters").json()
    assert {(c["id"], c["channel"]) for c in body} == {(stocked.pk, "shop_counter"),
                                                       (counter.pk, "consignment_counter")}


def test_scan_basket_and_cash_checkout(as_clerk, stocked, sku, tea):
    base = f"/pos/counters/{stocked.pk}"
    found = send(as_clerk, "get", f"{base}/barcode?code=6901234567892").json()
    assert (found["id"], found["price"], found["available_here"]) == (sku.pk, "100.00", 3)
    send(as_clerk, "post", f"{base}/basket/scan", {"code": "6901234567892"})
    basket = send(as_clerk, "post", f"{base}/basket/lines", {"sku_id": tea.pk, "quantity": 2}).json()
    assert basket["total"] == "173.00" and basket["state"] == "open"
    response = send(as_clerk, "post", f"{base}/basket/checkout", {"method": "cash", "tendered": "200"},
                    HTTP_IDEMPOTENCY_KEY="till-1")
    assert response.status_code == 201, response.content
    sale = response.json()
    assert (sale["state"], sale["method"], sale["change_given"]) == ("paid", "cash", "27.00")
    again = send(as_clerk, "post", f"{base}/basket/checkout", {"method": "cash", "tendered": "200"},
                 HTTP_IDEMPOTENCY_KEY="till-1")
    assert again.json()["number"] == sale["number"] and again["Idempotent-Replayed"] == "true"
    assert Stock.objects.get(sku=sku).on_hand == 2
    receipt = send(as_clerk, "get", f"{base}/sales/{sale['number']}").json()
    assert [line["quantity"] for line in receipt["lines"]] == [1, 2]


def test_qr_checkout_answers_the_code_and_settles_on_payment(as_clerk, stocked, sku,
                                                              django_capture_on_commit_callbacks):
    base = f"/pos/counters/{stocked.pk}"
    send(as_clerk, "post", f"{base}/basket/lines", {"sku_id": sku.pk})
    sale = send(as_clerk, "post", f"{base}/basket/checkout", {"method": "qr", "provider": "sandbox"}).json()
    assert sale["state"] == "awaiting_payment" and sale["payment"]["qr_content"]
    reference = PosSale.objects.get(number=sale["number"]).payment.reference
    with django_capture_on_commit_callbacks(execute=True):
        sandbox_trade_pay(out_trade_no=reference)
        sandbox_notifications_deliver()
    assert send(as_clerk, "get", f"{base}/sales/{sale['number']}").json()["state"] == "paid"


def test_a_return_over_the_api(as_clerk, stocked, sku):
    base = f"/pos/counters/{stocked.pk}"
    send(as_clerk, "post", f"{base}/basket/lines", {"sku_id": sku.pk, "quantity": 2})
    sale = send(as_clerk, "post", f"{base}/basket/checkout", {"method": "cash", "tendered": "200"}).json()
    line_id = sale["lines"][0]["id"]
    response = send(as_clerk, "post", f"{base}/sales/{sale['number']}/returns",
                    {"lines": [{"line_id": line_id, "quantity": 1}], "method": "cash", "reason": "不喜欢"})
    assert response.status_code == 201, response.content
    assert response.json()["amount"] == "100.00"
    before = _rows()
    body = problem(send(as_clerk, "post", f"{base}/sales/{sale['number']}/returns",
                        {"lines": [{"line_id": line_id, "quantity": 2}], "method": "cash", "reason": "不喜欢"}), 422)
    assert "lines.0.quantity" in body["errors"]
    assert _rows() == before


@pytest.mark.parametrize("body", [
    {"sku_id": 1, "quantity": 0}, {"sku_id": 1, "quantity": -2}, {"sku_id": 1, "quantity": 1.5},
    {"sku_id": 1, "quantity": "2"}, {"sku_id": 1, "quantity": 1, "price": "1.00"}])
def test_bad_basket_input_is_a_422_and_nothing_changes(as_clerk, stocked, body):
    before = _rows()
    problem(send(as_clerk, "post", f"/pos/counters/{stocked.pk}/basket/lines", body), 422)
    assert _rows() == before


@pytest.mark.parametrize("body", [{"method": "cash", "tendered": "-1"}, {"method": "cash", "tendered": "1.001"},
                                  {"method": "cash"}, {"method": "card"}, {"method": "cash", "tendered": "50"}])
def test_bad_checkout_input_is_refused_and_nothing_is_sold(as_clerk, stocked, sku, body):
    send(as_clerk, "post", f"/pos/counters/{stocked.pk}/basket/lines", {"sku_id": sku.pk})
    before = _rows()
    problem(send(as_clerk, "post", f"/pos/counters/{stocked.pk}/basket/checkout", body), 422)
    assert _rows() == before


def test_a_misread_barcode_is_a_422_and_an_unknown_one_a_404(as_clerk, stocked):
    problem(send(as_clerk, "post", f"/pos/counters/{stocked.pk}/basket/scan", {"code": "6901234567891"}), 422)
    problem(send(as_clerk, "post", f"/pos/counters/{stocked.pk}/basket/scan", {"code": "4006381333931"}), 404)


def test_another_sellers_counter_and_its_receipts_are_404(client, clerk, stranger, stocked, sku):
    client.force_login(clerk)
    send(client, "post", f"/pos/counters/{stocked.pk}/basket/lines", {"sku_id": sku.pk})
    sale = send(client, "post", f"/pos/counters/{stocked.pk}/basket/checkout",
                {"method": "cash", "tendered": "100"}).json()
    client.force_login(stranger)
    before = _rows()
    base = f"/pos/counters/{stocked.pk}"
    for method, path, body in [("get", f"{base}/basket", None),
                               ("post", f"{base}/basket/scan", {"code": "6901234567892"}),
                               ("get", f"{base}/sales/{sale['number']}", None),
                               ("post", f"{base}/sales/{sale['number']}/returns",
                                {"lines": [{"line_id": sale["lines"][0]["id"], "quantity": 1}], "method": "cash",
                                 "reason": "x"}),
                               ("get", f"{base}/pickups/12345678", None)]:
        problem(send(client, method, path, body), 404)
    assert _rows() == before
    assert send(client, "get", "/pos/counters").json() == []


def test_a_shoppers_request_for_a_counter_is_404(client, shopper, stocked):
    client.force_login(shopper)
    problem(send(client, "get", f"/pos/counters/{stocked.pk}/basket"), 404)
    assert not PosSale.objects.exists()


def test_settlements_for_owner_and_host(client, host_clerk, owner, counter, sku, receive):
    receive(counter, sku, 1)
    client.force_login(host_clerk)
    base = f"/pos/counters/{counter.pk}"
    send(client, "post", f"{base}/basket/lines", {"sku_id": sku.pk})
    send(client, "post", f"{base}/basket/checkout", {"method": "cash", "tendered": "100"})
    for user in (host_clerk, owner):
        client.force_login(user)
        body = send(client, "get", "/pos/settlements").json()
        assert body["count"] == 1
        assert (body["items"][0]["commission"], body["items"][0]["owner_share"]) == ("15.00", "85.00")
    assert Decimal(body["items"][0]["gross"]) == Decimal("100.00")
