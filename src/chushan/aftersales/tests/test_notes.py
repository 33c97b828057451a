"""The platform's own words in after-sales (ticket subjects and notes, the reason it takes a ticket over, its
decision on a return) are stored as codes and read in each reader's language, whichever language was active when
they were written. What people typed is shown as typed; rows stored as text before codes existed, as stored."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from chushan.aftersales import notes, services
from chushan.aftersales.models import ReturnRequest, Ticket, TicketMessage
from chushan.aftersales.tests.support import ask
from chushan.sellers.models import Seller

pytestmark = pytest.mark.django_db
PARAMS = {"number": "RT20261126-000001", "when": "2026-11-26 10:00", "owner": "丹寨蜡染", "reason": "商家不回复"}
SHOP = "丹寨蜡染"


def _page(client, user, name, number, language) -> str:
    client.force_login(user)
    page = client.get(reverse(f"aftersales:{name}", args=[number]), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    return page.content.decode()


def _api(client, user, path, language) -> dict:
    client.force_login(user)
    response = client.get(f"/api/v1{path}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    return response.json()


def _overdue_ticket(shopper, delivered, seller) -> Ticket:
    Seller.objects.filter(pk=seller.pk).update(name=SHOP)
    ticket = services.ticket_open(actor=shopper, order=delivered, subject="没收到发票", body="请补开发票")
    Ticket.objects.filter(pk=ticket.pk).update(respond_by=timezone.now() - datetime.timedelta(seconds=1))
    return ticket


@pytest.mark.parametrize("code", sorted(notes.MESSAGES))
def test_every_note_reads_in_english_and_in_chinese(code):
    with translation.override("en"):
        english = notes.render(code, PARAMS)
    with translation.override("zh-hans"):
        chinese = notes.render(code, PARAMS)
    assert english and chinese and english != chinese and "%(" not in english + chinese


def test_a_ticket_note_written_in_english_reads_in_chinese(client, shopper, operator, delivered, seller):
    ticket = _overdue_ticket(shopper, delivered, seller)
    with translation.override("en"):
        assert services.ticket_deadlines_check() == 1
    note = ticket.messages.last()
    assert (note.role, note.body, note.body_code) == ("system", "", "given_to")
    assignment = ticket.assignments.get()
    assert (assignment.reason, assignment.reason_code, assignment.reason_params) == (
        "", "not_answered_by_deadline", {"owner": SHOP})

    page = _page(client, shopper, "ticket", ticket.number, "zh-hans")
    assert f"已转给平台：{SHOP} 未在期限内答复。" in page
    assert "did not answer" not in page and "Given to" not in page
    staff_page = _page(client, operator, "ops_ticket", ticket.number, "zh-hans")
    assert f"{SHOP} 未在期限内答复。" in staff_page and "did not answer" not in staff_page

    body = _api(client, shopper, f"/tickets/{ticket.number}", "zh-hans")
    assert body["messages"][-1]["body"] == f"已转给平台：{SHOP} 未在期限内答复。"
    assert (body["assignments"][0]["reason"], body["assignments"][0]["reason_code"]) == (
        f"{SHOP} 未在期限内答复。", "not_answered_by_deadline")
    english = _api(client, shopper, f"/tickets/{ticket.number}", "en")
    assert english["messages"][-1]["body"] == f"Given to the platform: {SHOP} did not answer by the deadline."


def test_a_ticket_the_platform_opened_in_chinese_reads_in_english(client, shopper, delivered, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.CHUSHAN_RETURN_MISSED_DECISION = "escalate"
    request = ask(shopper, delivered)
    ReturnRequest.objects.filter(pk=request.pk).update(decide_by=timezone.now() - datetime.timedelta(seconds=1),
                                                       created_at=timezone.now() - datetime.timedelta(hours=49))
    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
        services.return_decisions_overdue()
    ticket = Ticket.objects.get(return_request=request)
    assert (ticket.subject, ticket.subject_code, ticket.subject_params) == (
        "", "return_not_decided", {"number": request.number})

    subject = f"Return request {request.number} was not decided in time"
    page = _page(client, shopper, "ticket", ticket.number, "en")
    assert subject in page and f"The seller did not decide return request {request.number} by " in page
    assert "未在期限内" not in page
    listing = client.get(reverse("aftersales:tickets"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert subject in listing and "未在期限内" not in listing
    body = _api(client, shopper, f"/tickets/{ticket.number}", "en")
    assert (body["subject"], body["subject_code"]) == (subject, "return_not_decided")
    assert body["messages"][0]["body_code"] == "return_not_decided_note"
    assert body["messages"][0]["body"].endswith("; the platform decides it now.")
    chinese = _api(client, shopper, f"/tickets/{ticket.number}", "zh-hans")
    assert chinese["subject"] == f"售后申请 {request.number} 未在期限内处理"


def test_a_typed_reason_stays_as_typed_inside_the_platforms_note(client, shopper, delivered):
    ticket = services.ticket_open(actor=shopper, order=delivered, subject="假货", body="与描述不符")
    with translation.override("zh-hans"):
        services.ticket_reassign(actor=shopper, ticket=ticket, to_kind="platform", reason="商家不回复")
    assert ticket.assignments.get().reason == "商家不回复"
    body = _api(client, shopper, f"/tickets/{ticket.number}", "en")
    assert [m["body"] for m in body["messages"]] == ["与描述不符", "Given to the platform: 商家不回复"]
    assert (body["subject"], body["subject_code"]) == ("假货", "")
    assert (body["assignments"][0]["reason"], body["assignments"][0]["reason_code"]) == ("商家不回复", "")


def test_the_platforms_decision_note_reads_in_the_readers_language(client, shopper, delivered):
    request = ask(shopper, delivered, kind="refund_only", reason="missing_parts")
    ReturnRequest.objects.filter(pk=request.pk).update(decide_by=timezone.now() - datetime.timedelta(seconds=1),
                                                       created_at=timezone.now() - datetime.timedelta(hours=49))
    with translation.override("en"):
        services.return_decisions_overdue()
    request.refresh_from_db()
    assert (request.decision_note, request.decision_note_code) == ("", "approved_by_platform")
    body = _api(client, shopper, f"/returns/{request.number}", "zh-hans")
    assert (body["decision_note"], body["decision_note_code"]) == ("平台已同意：商家未在期限内处理。",
                                                                   "approved_by_platform")
    page = _page(client, shopper, "return", request.number, "zh-hans")
    assert "平台已同意：商家未在期限内处理。" in page and "Approved by the platform" not in page


def test_rows_stored_as_text_before_codes_are_shown_as_stored(client, shopper, delivered):
    ticket = services.ticket_open(actor=shopper, order=delivered, subject="假货", body="与描述不符")
    TicketMessage.objects.create(ticket=ticket, role="system", body="已转给平台：商家不回复")
    TicketMessage.objects.create(ticket=ticket, role="system", body_code="no_longer_exists")
    body = _api(client, shopper, f"/tickets/{ticket.number}", "en")
    assert [m["body"] for m in body["messages"]] == ["与描述不符", "已转给平台：商家不回复", ""]
    assert "已转给平台：商家不回复" in _page(client, shopper, "ticket", ticket.number, "en")


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError):
        notes.check("made_up")
    with pytest.raises(ValueError):
        notes.nested("made_up")
