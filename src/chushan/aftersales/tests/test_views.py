"""After-sales pages: the return form on the order page (with photos), tickets for the shopper, the seller's
console and the operators' escalations. Others get 404 and change nothing."""

import pytest
from django.urls import reverse

from chushan.aftersales import services
from chushan.aftersales.models import ReturnRequest, Ticket
from chushan.aftersales.tests.support import ask, not_a_photo, photo, snapshot
from chushan.sellers.models import CreditEvent

pytestmark = pytest.mark.django_db


def test_the_order_page_offers_a_return_and_a_ticket(client, shopper, delivered):
    client.force_login(shopper)
    page = client.get(reverse("orders:order", args=[delivered.number])).content.decode()
    assert 'data-testid="aftersales-panel"' in page
    assert reverse("aftersales:return_new", args=[delivered.number]) in page


def test_a_shopper_sends_a_return_with_photos(client, shopper, delivered, settings):
    client.force_login(shopper)
    line = delivered.lines.get()
    url = reverse("aftersales:return_new", args=[delivered.number])
    assert client.get(url).status_code == 200
    response = client.post(url, {f"line_{line.pk}": "1", "kind": "return", "reason": "damaged",
                                 "description": "碎了", "photos": [photo(), photo("b.png")]})
    request = ReturnRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("aftersales:return", args=[request.number])
    assert request.photos.count() == 2
    page = client.get(response.url).content.decode()
    assert request.number in page and "<img" in page


def test_a_non_image_photo_is_a_form_error_and_nothing_is_written(client, shopper, delivered):
    client.force_login(shopper)
    line = delivered.lines.get()
    before = snapshot()
    page = client.post(reverse("aftersales:return_new", args=[delivered.number]),
                       {f"line_{line.pk}": "1", "kind": "return", "reason": "damaged", "photos": [not_a_photo()]})
    assert page.status_code == 200 and 'class="reason"' in page.content.decode()
    assert snapshot() == before


def test_more_units_than_bought_is_a_form_error(client, shopper, delivered):
    client.force_login(shopper)
    line = delivered.lines.get()
    page = client.post(reverse("aftersales:return_new", args=[delivered.number]),
                       {f"line_{line.pk}": "3", "kind": "return", "reason": "changed_mind"})
    assert page.status_code == 200 and not ReturnRequest.objects.exists()


def test_another_shoppers_order_and_requests_are_404(client, shopper, stranger, delivered):
    request = ask(shopper, delivered)
    client.force_login(stranger)
    before = snapshot()
    for url in (reverse("aftersales:return_new", args=[delivered.number]),
                reverse("aftersales:return", args=[request.number]),
                reverse("aftersales:ticket_new", args=[delivered.number])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("aftersales:return_cancel", args=[request.number])).status_code == 404
    assert snapshot() == before


def test_shopper_opens_a_ticket_writes_and_escalates(client, shopper, delivered):
    client.force_login(shopper)
    response = client.post(reverse("aftersales:ticket_new", args=[delivered.number]),
                           {"category": "delivery", "subject": "太慢", "body": "还没到"})
    ticket = Ticket.objects.get()
    assert response.url == reverse("aftersales:ticket", args=[ticket.number])
    client.post(response.url, {"action": "message", "body": "请尽快"})
    client.post(response.url, {"action": "escalate", "reason": "没人回复"})
    ticket.refresh_from_db()
    assert ticket.owner_kind == "platform" and ticket.messages.count() == 3
    assert ticket.number in client.get(reverse("aftersales:tickets")).content.decode()


def test_the_seller_decides_and_refunds_in_the_console(client, shopper, owner, delivered, shop):
    request = ask(shopper, delivered, units=2)
    client.force_login(owner)
    assert request.number in client.get(reverse("aftersales:console_returns")).content.decode()
    url = reverse("aftersales:console_return", args=[request.number])
    client.post(url, {"action": "decide", "approve": "yes", "restock_location": shop.pk})
    client.post(url, {"action": "receive", "location": shop.pk})
    client.post(url, {"action": "refund"})
    request.refresh_from_db()
    assert request.state == "refunded"


def test_a_rejection_without_a_reason_is_a_form_error(client, shopper, owner, delivered):
    request = ask(shopper, delivered)
    client.force_login(owner)
    page = client.post(reverse("aftersales:console_return", args=[request.number]),
                       {"action": "decide", "approve": "no", "note": ""})
    assert page.status_code == 200 and 'class="reason"' in page.content.decode()
    request.refresh_from_db()
    assert request.state == "requested"


def test_the_seller_answers_and_reassigns_a_ticket(client, shopper, owner, delivered, shop):
    ticket = services.ticket_open(actor=shopper, order=delivered, subject="x", body="y")
    client.force_login(owner)
    assert ticket.number in client.get(reverse("aftersales:console_tickets")).content.decode()
    url = reverse("aftersales:console_ticket", args=[ticket.number])
    client.post(url, {"action": "message", "body": "处理中"})
    client.post(url, {"action": "reassign", "to": "location", "location": shop.pk, "reason": "门店跟进"})
    ticket.refresh_from_db()
    assert (ticket.owner_kind, ticket.owner_location) == ("location", shop)


def test_another_seller_gets_404_in_the_console(client, shopper, rival, delivered):
    request = ask(shopper, delivered)
    ticket = services.ticket_open(actor=shopper, order=delivered, subject="x", body="y")
    client.force_login(rival)
    before = snapshot()
    assert client.get(reverse("aftersales:console_return", args=[request.number])).status_code == 404
    assert client.post(reverse("aftersales:console_return", args=[request.number]),
                       {"action": "decide", "approve": "yes"}).status_code == 404
    assert client.post(reverse("aftersales:console_ticket", args=[ticket.number]),
                       {"action": "message", "body": "hi"}).status_code == 404
    assert snapshot() == before


def test_an_operator_upholds_a_complaint_from_the_escalations_page(client, shopper, operator, delivered, seller):
    ticket = services.ticket_open(actor=shopper, order=delivered, subject="假货", body="与描述不符")
    services.ticket_reassign(actor=shopper, ticket=ticket, to_kind="platform", reason="请平台介入")
    client.force_login(operator)
    assert ticket.number in client.get(reverse("aftersales:ops_tickets")).content.decode()
    client.post(reverse("aftersales:ops_ticket", args=[ticket.number]),
                {"action": "resolve", "outcome": "upheld", "note": "核实属实"})
    ticket.refresh_from_db()
    assert ticket.outcome == "upheld"
    assert CreditEvent.objects.filter(seller=seller, kind="complaint_upheld").count() == 1


def test_the_escalations_page_is_for_operators_only(client, owner, shopper):
    for user in (owner, shopper):
        client.force_login(user)
        assert client.get(reverse("aftersales:ops_tickets")).status_code == 302  # to the admin sign-in


def test_operators_browse_requests_and_tickets_in_the_back_office(client, shopper, delivered, django_user_model):
    ask(shopper, delivered)
    services.ticket_open(actor=shopper, order=delivered, subject="x", body="y")
    admin = django_user_model.objects.create_superuser(mobile="13900009999", password="pw-long-enough-1")
    client.force_login(admin)
    for name in ("returnrequest", "ticket"):
        query = {"overdue": "yes"} if name == "ticket" else {}
        page = client.get(reverse(f"admin:aftersales_{name}_changelist"), query)
        assert page.status_code == 200


def test_a_request_links_back_to_its_order_for_the_shopper_and_the_seller(client, shopper, owner, delivered):
    request = ask(shopper, delivered)
    client.force_login(shopper)
    page = client.get(reverse("aftersales:return", args=[request.number])).content.decode()
    assert f'href="{reverse("orders:order", args=[delivered.number])}" data-testid="return-order-link"' in page
    client.force_login(owner)
    page = client.get(reverse("aftersales:console_return", args=[request.number])).content.decode()
    assert f'href="{reverse("orders:console_order", args=[delivered.number])}"' in page
