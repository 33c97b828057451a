"""The after-sales API: shoppers' return requests and tickets, sellers' decisions and answers; problem+json for
every refusal; another shopper's or seller's request or ticket is a 404 and nothing changes."""

import json

import pytest

from chushan.aftersales.models import ReturnRequest, Ticket
from chushan.aftersales.tests.support import ask, not_a_photo, photo, snapshot

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


def _request_body(order, units=1, **overrides):
    return {"order_number": order.number, "kind": "return", "reason": "changed_mind", "description": "不合适",
            "lines": [{"order_line_id": order.lines.get().pk, "quantity": units}], **overrides}


def test_after_sales_needs_sign_in(client):
    problem(send(client, "get", "/returns"), 401)
    problem(send(client, "get", "/seller/tickets"), 401)


def test_a_shopper_asks_for_a_return_and_adds_a_photo(client, shopper, delivered):
    client.force_login(shopper)
    response = send(client, "post", "/returns", _request_body(delivered), HTTP_IDEMPOTENCY_KEY="ask-1")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["lines"][0]["quantity"], body["order_number"]) == ("requested", 1, delivered.number)
    again = send(client, "post", "/returns", _request_body(delivered), HTTP_IDEMPOTENCY_KEY="ask-1")
    assert again.json()["number"] == body["number"] and ReturnRequest.objects.count() == 1
    added = client.post(f"{API}/returns/{body['number']}/photos", {"file": photo()})
    assert added.status_code == 201 and len(added.json()["photos"]) == 1
    assert send(client, "get", "/returns").json()["count"] == 1


def test_a_file_that_is_not_a_picture_is_a_422(client, shopper, delivered):
    request = ask(shopper, delivered)
    client.force_login(shopper)
    before = snapshot()
    body = problem(client.post(f"{API}/returns/{request.number}/photos", {"file": not_a_photo()}), 422)
    assert body["type"].endswith("not_an_image") and "photos" in body["errors"]
    assert snapshot() == before


@pytest.mark.parametrize("units", [0, -1, 1.5, "1", 3])
def test_bad_units_are_refused(client, shopper, delivered, units):
    client.force_login(shopper)
    before = snapshot()
    problem(send(client, "post", "/returns", _request_body(delivered, units=units)), 422)
    assert snapshot() == before


def test_another_shoppers_order_is_a_404(client, stranger, delivered):
    client.force_login(stranger)
    before = snapshot()
    problem(send(client, "post", "/returns", _request_body(delivered)), 404)
    problem(send(client, "post", "/tickets", {"order_number": delivered.number, "subject": "x", "body": "y"}), 404)
    assert snapshot() == before


def test_another_shoppers_request_and_ticket_are_404(client, shopper, stranger, delivered):
    request = ask(shopper, delivered)
    client.force_login(shopper)
    ticket = send(client, "post", "/tickets",
                  {"order_number": delivered.number, "subject": "慢", "body": "很慢"}).json()
    client.force_login(stranger)
    before = snapshot()
    problem(send(client, "get", f"/returns/{request.number}"), 404)
    problem(send(client, "post", f"/returns/{request.number}/cancel"), 404)
    problem(send(client, "get", f"/tickets/{ticket['number']}"), 404)
    problem(send(client, "post", f"/tickets/{ticket['number']}/messages", {"body": "hi"}), 404)
    assert snapshot() == before
    assert send(client, "get", "/tickets").json()["count"] == 0


def test_the_seller_decides_receives_and_refunds(client, shopper, owner, delivered, shop):
    request = ask(shopper, delivered, units=2)
    client.force_login(owner)
    listed = send(client, "get", "/seller/returns?state=requested").json()
    assert [r["number"] for r in listed["items"]] == [request.number]
    body = send(client, "post", f"/seller/returns/{request.number}/decision",
                {"approve": True, "restock_location_id": shop.pk}).json()
    assert body["state"] == "approved" and body["restock_location_id"] == shop.pk
    body = send(client, "post", f"/seller/returns/{request.number}/receive", {"location_id": shop.pk}).json()
    assert body["state"] == "received"
    body = send(client, "post", f"/seller/returns/{request.number}/refund").json()
    assert (body["state"], body["refund_amount"]) == ("refunded", "200.00")
    problem(send(client, "post", f"/seller/returns/{request.number}/refund"), 409)


def test_another_seller_cannot_see_or_decide(client, shopper, rival, delivered, shop):
    request = ask(shopper, delivered)
    client.force_login(rival)
    before = snapshot()
    problem(send(client, "get", f"/seller/returns/{request.number}"), 404)
    problem(send(client, "post", f"/seller/returns/{request.number}/decision", {"approve": True}), 404)
    assert send(client, "get", "/seller/returns").json()["count"] == 0
    assert snapshot() == before


def test_a_seller_cannot_restock_into_another_sellers_location(client, shopper, owner, delivered):
    from chushan.inventory.tests.factories import ShopFactory

    request = ask(shopper, delivered)
    client.force_login(owner)
    send(client, "post", f"/seller/returns/{request.number}/decision", {"approve": True})
    before = snapshot()
    problem(send(client, "post", f"/seller/returns/{request.number}/receive", {"location_id": ShopFactory().pk}),
            422)
    assert snapshot() == before


def test_tickets_shopper_and_seller_talk_reassign_and_resolve(client, shopper, owner, delivered, shop):
    client.force_login(shopper)
    created = send(client, "post", "/tickets", {"order_number": delivered.number, "subject": "少了配件",
                                                 "body": "盒子里没有说明书", "category": "quality"})
    assert created.status_code == 201
    number = created.json()["number"]
    assert created.json()["owner"]["kind"] == "seller"
    client.force_login(owner)
    assert [t["number"] for t in send(client, "get", "/seller/tickets").json()["items"]] == [number]
    body = send(client, "post", f"/seller/tickets/{number}/messages", {"body": "马上补寄"}).json()
    assert [m["role"] for m in body["messages"]] == ["shopper", "seller"] and not body["waiting_on_owner"]
    problem(send(client, "post", f"/seller/tickets/{number}/reassign", {"to": "location", "reason": "门店处理"}), 422)
    body = send(client, "post", f"/seller/tickets/{number}/reassign",
                {"to": "location", "location_id": shop.pk, "reason": "门店处理"}).json()
    assert body["owner"] == {"kind": "location", "seller_id": None, "location_id": shop.pk, "name": shop.name}
    assert body["assignments"][0]["reason"] == "门店处理"
    body = send(client, "post", f"/seller/tickets/{number}/resolve", {"note": "已补寄"}).json()
    assert (body["state"], body["outcome"]) == ("resolved", "resolved")


def test_the_shopper_asks_the_platform_to_step_in(client, shopper, delivered):
    client.force_login(shopper)
    number = send(client, "post", "/tickets", {"order_number": delivered.number, "subject": "x", "body": "y"}).json()[
        "number"]
    body = send(client, "post", f"/tickets/{number}/escalate", {"reason": "商家不回复"}).json()
    assert body["owner"]["kind"] == "platform"
    assert Ticket.objects.get().owner_kind == "platform"


@pytest.mark.parametrize("body", [{"subject": "", "body": "y"}, {"subject": "x", "body": ""},
                                  {"subject": "x", "body": "y", "category": "weather"},
                                  {"subject": "x", "body": "y", "owner": "platform"}])
def test_bad_ticket_input_is_a_422(client, shopper, delivered, body):
    client.force_login(shopper)
    problem(send(client, "post", "/tickets", {"order_number": delivered.number, **body}), 422)
    assert not Ticket.objects.exists()


def test_a_shopper_is_told_to_apply_on_the_seller_endpoints(client, shopper):
    client.force_login(shopper)
    problem(send(client, "get", "/seller/returns"), 403)
