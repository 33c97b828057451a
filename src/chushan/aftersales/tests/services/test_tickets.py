"""Tickets: opened by the shopper on any order problem, always exactly one owner (enforced by the database),
reassigned explicitly with a reason, a timeline of messages, upheld complaints cost the seller credit once."""

import pytest
from django.db import IntegrityError, transaction

from chushan.aftersales import services
from chushan.aftersales.models import Ticket, TicketAssignment
from chushan.aftersales.tests.support import snapshot
from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.inventory.tests.factories import ShopFactory
from chushan.sellers.models import CreditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(shopper, delivered):
    return services.ticket_open(actor=shopper, order=delivered, subject="快递太慢", body="等了十天",
                                category="delivery")


def test_the_seller_owns_a_new_ticket_with_a_deadline(ticket, delivered, settings):
    assert (ticket.owner_kind, ticket.owner_seller_id, ticket.state) == ("seller", delivered.seller_id, "open")
    assert ticket.number.startswith("TK") and ticket.waiting_on_owner
    hours = (ticket.respond_by - ticket.created_at).total_seconds() / 3600
    assert hours == settings.CHUSHAN_TICKET_RESPONSE_HOURS
    assert [(m.role, m.body) for m in ticket.messages.all()] == [("shopper", "等了十天")]


def test_a_pickup_problem_goes_to_the_pickup_shop(shopper, collected, shop):
    ticket = services.ticket_open(actor=shopper, order=collected, subject="店员态度", body="...", category="pickup")
    assert (ticket.owner_kind, ticket.owner_location) == ("location", shop)


def test_the_database_refuses_a_ticket_with_no_owner_or_two(ticket, shop):
    for fields in ({"owner_kind": "seller", "owner_seller": None},
                   {"owner_kind": "seller", "owner_location": shop},
                   {"owner_kind": "platform"},
                   {"owner_kind": "location", "owner_seller": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Ticket.objects.filter(pk=ticket.pk).update(**fields)


def test_the_seller_answers_and_its_clock_stops_until_the_shopper_writes(ticket, clerk, shopper):
    services.ticket_message_post(actor=clerk, ticket=ticket, body="已催快递")
    ticket.refresh_from_db()
    assert not ticket.waiting_on_owner
    services.ticket_message_post(actor=shopper, ticket=ticket, body="还没到")
    ticket.refresh_from_db()
    assert ticket.waiting_on_owner
    assert [m.role for m in ticket.messages.all()] == ["shopper", "seller", "shopper"]


def test_reassignment_needs_a_reason_and_is_kept(ticket, owner, shop):
    with pytest.raises(Unprocessable):
        services.ticket_reassign(actor=owner, ticket=ticket, to_kind="location", location=shop, reason=" ")
    ticket = services.ticket_reassign(actor=owner, ticket=ticket, to_kind="location", location=shop,
                                      reason="门店负责这一单")
    assert (ticket.owner_kind, ticket.owner_location, ticket.owner_seller) == ("location", shop, None)
    moved = TicketAssignment.objects.get()
    assert (moved.from_kind, moved.to_kind, moved.actor, moved.reason) == ("seller", "location", owner,
                                                                           "门店负责这一单")
    assert ticket.messages.last().role == "system"


def test_a_ticket_cannot_go_to_another_sellers_shop(ticket, owner):
    before = snapshot()
    with pytest.raises(Unprocessable):
        services.ticket_reassign(actor=owner, ticket=ticket, to_kind="location", location=ShopFactory(),
                                 reason="x")
    assert snapshot() == before


def test_the_shopper_may_ask_the_platform_to_step_in_but_not_choose_a_shop(ticket, shopper, shop):
    with pytest.raises(PermissionDenied):
        services.ticket_reassign(actor=shopper, ticket=ticket, to_kind="location", location=shop, reason="x")
    ticket = services.ticket_reassign(actor=shopper, ticket=ticket, to_kind="platform", reason="商家不理我")
    assert ticket.owner_kind == "platform"


def test_an_operator_upholds_a_complaint_and_the_seller_loses_credit_once(ticket, operator, seller):
    ticket = services.ticket_resolve(actor=operator, ticket=ticket, outcome="upheld", note="商家延误发货属实")
    assert (ticket.state, ticket.outcome, ticket.resolved_by) == ("resolved", "upheld", operator)
    event = CreditEvent.objects.get(seller=seller)
    assert (event.kind, event.reference, event.points) == ("complaint_upheld", f"ticket:{ticket.number}", -50)
    with pytest.raises(Conflict):
        services.ticket_resolve(actor=operator, ticket=ticket, outcome="upheld", note="again")
    assert CreditEvent.objects.filter(seller=seller).count() == 1


def test_only_an_operator_upholds_the_seller_resolves_the_shopper_withdraws(ticket, owner, shopper):
    for actor in (owner, shopper):
        with pytest.raises(PermissionDenied):
            services.ticket_resolve(actor=actor, ticket=ticket, outcome="upheld", note="x")
    with pytest.raises(PermissionDenied):
        services.ticket_resolve(actor=shopper, ticket=ticket, outcome="resolved", note="x")
    assert services.ticket_resolve(actor=owner, ticket=ticket, outcome="resolved", note="已补发").outcome == "resolved"
    assert not CreditEvent.objects.exists()


def test_strangers_and_other_sellers_cannot_see_or_touch_a_ticket(ticket, stranger, rival):
    before = snapshot()
    for actor in (stranger, rival):
        with pytest.raises(NotFound):
            services.ticket_message_post(actor=actor, ticket=ticket, body="hi")
        with pytest.raises(NotFound):
            services.ticket_reassign(actor=actor, ticket=ticket, to_kind="platform", reason="x")
        with pytest.raises(NotFound):
            services.ticket_resolve(actor=actor, ticket=ticket, outcome="resolved", note="x")
    assert snapshot() == before


def test_only_the_shopper_opens_a_ticket_about_their_order(delivered, stranger, owner):
    with pytest.raises(NotFound):
        services.ticket_open(actor=stranger, order=delivered, subject="x", body="y")
    with pytest.raises(NotFound):
        services.ticket_open(actor=owner, order=delivered, subject="x", body="y")
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("subject,body,category", [("", "b", "other"), ("s", "", "other"), ("s", "b", "weather"),
                                                   ("s" * 121, "b", "other"), ("s", "b\x00", "other")])
def test_bad_ticket_input_is_refused(shopper, delivered, subject, body, category):
    with pytest.raises(Unprocessable):
        services.ticket_open(actor=shopper, order=delivered, subject=subject, body=body, category=category)
    assert not Ticket.objects.exists()


def test_a_resolved_ticket_takes_no_more_messages(ticket, owner, shopper):
    services.ticket_resolve(actor=owner, ticket=ticket, outcome="resolved", note="好了")
    with pytest.raises(Conflict):
        services.ticket_message_post(actor=shopper, ticket=ticket, body="还有问题")
