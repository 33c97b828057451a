"""Deadlines: a seller that does not decide a return in time loses credit once, and the platform approves it or
takes it over with a ticket; a ticket owner that does not answer in time loses credit once and the platform
takes the ticket."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from chushan.aftersales import services, tasks
from chushan.aftersales.models import ReturnRequest, Ticket, TicketAssignment
from chushan.aftersales.tests.support import ask
from chushan.sellers.models import CreditEvent, Seller

pytestmark = pytest.mark.django_db
LATER = datetime.timedelta(hours=49)


def _overdue(request):
    ReturnRequest.objects.filter(pk=request.pk).update(decide_by=timezone.now() - datetime.timedelta(seconds=1),
                                                       created_at=timezone.now() - LATER)


def test_a_missed_decision_is_approved_by_the_platform_and_costs_credit_once(shopper, delivered, seller):
    request = ask(shopper, delivered, kind="refund_only", reason="missing_parts")
    score = Seller.objects.get(pk=seller.pk).credit_score
    assert services.return_decisions_overdue() == 0  # not yet due
    _overdue(request)
    assert tasks.return_decisions_overdue() == 1
    request.refresh_from_db()
    assert (request.state, request.deadline_missed, request.decided_by) == ("refunded", True, None)
    assert request.refund_amount == Decimal("100.00")
    event = CreditEvent.objects.get(seller=seller)
    assert (event.kind, event.reference) == ("missed_deadline", f"return:{request.number}")
    assert Seller.objects.get(pk=seller.pk).credit_score == score - 20
    services.return_request_decision_missed(request_id=request.pk)  # a retried task changes nothing
    assert CreditEvent.objects.filter(seller=seller).count() == 1


def test_or_it_is_escalated_to_the_platform_with_a_ticket(shopper, delivered, seller, operator, settings,
                                                          django_capture_on_commit_callbacks):
    settings.CHUSHAN_RETURN_MISSED_DECISION = "escalate"
    request = ask(shopper, delivered)
    _overdue(request)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_decisions_overdue()
    request.refresh_from_db()
    assert request.state == "escalated"
    ticket = Ticket.objects.get(return_request=request)
    assert (ticket.owner_kind, ticket.opened_by, ticket.category) == ("platform", None, "return")
    assert ticket.messages.get().role == "system"
    from chushan.core.errors import PermissionDenied

    owner = seller.memberships.first()
    if owner is not None:
        with pytest.raises(PermissionDenied):
            services.return_request_decide(actor=owner.user, request=request, approve=True)
    request = services.return_request_decide(actor=operator, request=request, approve=True)
    assert request.state == "approved"


def test_a_decision_in_time_costs_nothing(shopper, owner, delivered, seller):
    request = ask(shopper, delivered)
    services.return_request_decide(actor=owner, request=request, approve=True)
    _overdue(request)
    assert services.return_decisions_overdue() == 0
    assert not CreditEvent.objects.filter(seller=seller).exists()


def test_a_ticket_not_answered_in_time_costs_credit_once_and_goes_to_the_platform(shopper, delivered, seller):
    ticket = services.ticket_open(actor=shopper, order=delivered, subject="没收到发票", body="请补开发票",
                                  category="other")
    Ticket.objects.filter(pk=ticket.pk).update(respond_by=timezone.now() - datetime.timedelta(seconds=1))
    assert tasks.ticket_deadlines_check() == 1
    ticket.refresh_from_db()
    assert ticket.owner_kind == "platform" and ticket.respond_by > timezone.now()
    assignment = TicketAssignment.objects.get(ticket=ticket)
    assert (assignment.from_kind, assignment.to_kind, assignment.actor) == ("seller", "platform", None)
    event = CreditEvent.objects.get(seller=seller)
    assert (event.kind, event.reference) == ("missed_deadline", f"ticket:{ticket.number}")
    # The platform misses too, a day later: operators are told, the seller is not charged again.
    Ticket.objects.filter(pk=ticket.pk).update(respond_by=timezone.now() - datetime.timedelta(seconds=1),
                                               deadline_missed_at=timezone.now() - datetime.timedelta(hours=24))
    assert services.ticket_deadlines_check() == 1
    assert services.ticket_deadlines_check() == 0
    assert CreditEvent.objects.filter(seller=seller).count() == 1


def test_an_answered_ticket_is_not_overdue(shopper, owner, delivered, seller):
    ticket = services.ticket_open(actor=shopper, order=delivered, subject="包装破损", body="盒子压坏了")
    services.ticket_message_post(actor=owner, ticket=ticket, body="抱歉，马上处理")
    Ticket.objects.filter(pk=ticket.pk).update(respond_by=timezone.now() - datetime.timedelta(seconds=1))
    assert services.ticket_deadlines_check() == 0
    assert not CreditEvent.objects.exists()
