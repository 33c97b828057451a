"""The sandbox provider's outbox: signed, delivered until acknowledged, resent with backoff, sometimes twice."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from chushan.core.errors import Unprocessable
from chushan.payments import services
from chushan.payments.models import Payment, PaymentNotification, SandboxNotification, SandboxTrade
from chushan.payments.services import sandbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def payment(orders, shopper):
    return services.payment_start(actor=shopper, payable_ref=orders.add("1", "9.90", owner=shopper),
                                  provider="sandbox")


def test_paying_on_the_page_queues_one_notification_that_lands_once(payment, published):
    sandbox.sandbox_trade_pay(out_trade_no=payment.reference)
    sandbox.sandbox_trade_pay(out_trade_no=payment.reference)  # a double click
    note = SandboxNotification.objects.get()
    assert json.loads(note.body)["event"] == "trade.success"
    assert sandbox.sandbox_notifications_deliver() == 1
    assert sandbox.sandbox_notifications_deliver() == 0
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID
    assert len(published) == 1


def test_copies_are_sent_when_the_sandbox_is_set_to_duplicate(payment, settings, published):
    settings.CHUSHAN_PAYMENT_PROVIDERS["sandbox"]["duplicates"] = 3
    sandbox.sandbox_trade_pay(out_trade_no=payment.reference)
    sandbox.sandbox_notifications_deliver()
    assert PaymentNotification.objects.count() == 1
    assert len(published) == 1


def test_an_unacknowledged_notification_is_resent_later(payment, monkeypatch):
    sandbox.sandbox_trade_pay(out_trade_no=payment.reference)
    monkeypatch.setattr(sandbox, "_send", lambda body: "503 down for maintenance")
    assert sandbox.sandbox_notifications_deliver() == 0
    note = SandboxNotification.objects.get()
    assert (note.attempts, note.last_error) == (1, "503 down for maintenance")
    assert note.deliver_after > timezone.now() + timedelta(seconds=50)
    monkeypatch.undo()
    assert sandbox.sandbox_notifications_deliver() == 0  # not due yet
    assert sandbox.sandbox_notifications_deliver(now=note.deliver_after) == 1
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID


def test_a_delayed_sandbox_waits_before_sending(payment, settings):
    settings.CHUSHAN_PAYMENT_PROVIDERS["sandbox"]["delay_seconds"] = 120
    sandbox.sandbox_trade_pay(out_trade_no=payment.reference)
    assert sandbox.sandbox_notifications_deliver() == 0
    assert sandbox.sandbox_notifications_deliver(now=timezone.now() + timedelta(minutes=3)) == 1


def test_over_http_it_posts_to_the_notify_url_and_wants_success(payment, settings, monkeypatch):
    settings.CHUSHAN_PAYMENT_PROVIDERS["sandbox"]["notify_url"] = "http://127.0.0.1:9/api/v1/payments/notify/sandbox"
    sent = []

    class Answer:
        status_code, text = 200, "success"

    def post(url, data, timeout, headers):
        sent.append((url, data, headers))
        return Answer()

    monkeypatch.setattr(sandbox.requests, "post", post)
    sandbox.sandbox_trade_pay(out_trade_no=payment.reference)
    assert sandbox.sandbox_notifications_deliver() == 1
    [(url, data, headers)] = sent
    assert url.endswith("/notify/sandbox") and {"X-Sandbox-Signature", "X-Sandbox-Nonce"} <= headers.keys()


def test_a_failed_payment_is_told_as_failed(payment, published):
    sandbox.sandbox_trade_fail(out_trade_no=payment.reference)
    sandbox.sandbox_notifications_deliver()
    payment.refresh_from_db()
    assert payment.state == Payment.State.FAILED
    with pytest.raises(Unprocessable):
        sandbox.sandbox_trade_pay(out_trade_no=payment.reference)
    assert SandboxTrade.objects.get().status == SandboxTrade.Status.FAILED
