"""Races over real PostgreSQL connections: duplicates pay once, starts make one payment, refunds never
exceed what was paid, an idempotent POST runs once."""

import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from chushan.core import events
from chushan.core.errors import ApplicationError
from chushan.payments import services
from chushan.payments.models import Payment, PaymentNotification, Refund
from chushan.payments.services.sandbox import sandbox_notifications_deliver, sandbox_trade_pay
from chushan.payments.tests.support import as_http_headers, sandbox_body, signed

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True)]


def race(work, count: int) -> list:
    """Run work(i) in `count` threads released together, each on its own database connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def one(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread met
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.fixture
def heard():
    """Events as a subscriber hears them: after commit, for real."""
    seen, lock = [], threading.Lock()

    def listener(name):
        def handle(**payload):
            with lock:
                seen.append((name, payload))
        return handle

    handlers = {name: listener(name) for name in (events.PAYMENT_SUCCEEDED, events.REFUND_SUCCEEDED)}
    for name, handler in handlers.items():
        events.subscribe(name, handler)
    yield seen
    for name, handler in handlers.items():
        events._handlers[name].remove(handler)


@pytest.fixture
def payment(orders, shopper):
    return services.payment_start(actor=shopper, payable_ref=orders.add("1", "99.00", owner=shopper),
                                  provider="sandbox")


def test_one_notification_delivered_five_times_at_once_pays_once(payment, heard):
    body = sandbox_body(payment, event_id="SN-RACE")

    def deliver(_index):
        # Each copy freshly signed, as a provider's resends are.
        return Client().post("/api/v1/payments/notify/sandbox", body, content_type="application/json",
                             **as_http_headers(signed(body)))

    answers = race(deliver, 5)
    assert [(a.status_code, a.content) for a in answers] == [(200, b"success")] * 5
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID
    assert PaymentNotification.objects.count() == 1
    assert heard == [(events.PAYMENT_SUCCEEDED, {"payable_ref": payment.payable_ref, "payment_id": payment.pk})]


def test_one_captured_delivery_replayed_five_times_at_once_pays_once(payment, heard):
    body = sandbox_body(payment)
    headers = as_http_headers(signed(body))
    answers = race(lambda _i: Client().post("/api/v1/payments/notify/sandbox", body,
                                            content_type="application/json", **headers), 5)
    assert sorted(a.status_code for a in answers) == [200, 409, 409, 409, 409]
    assert PaymentNotification.objects.count() == 1
    assert len(heard) == 1


def test_five_distinct_paid_notifications_at_once_still_announce_once(payment, heard):
    bodies = [sandbox_body(payment) for _ in range(5)]  # five ids, one meaning
    race(lambda i: services.payment_notify(provider="sandbox", body=bodies[i], headers=signed(bodies[i])), 5)
    assert PaymentNotification.objects.count() == 5
    assert len(heard) == 1


def test_five_starts_for_one_payable_make_one_payment(orders, shopper):
    ref = orders.add("2", "10", owner=shopper)
    results = race(lambda _i: services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox"), 5)
    assert not [r for r in results if isinstance(r, Exception)]
    assert len({r.pk for r in results}) == 1
    assert Payment.objects.filter(payable_ref=ref).count() == 1


def test_refunds_racing_never_add_up_to_more_than_was_paid(payment, staff):
    sandbox_trade_pay(out_trade_no=payment.reference)
    sandbox_notifications_deliver()
    results = race(lambda _i: services.refund_request(actor=staff, payment=payment, amount="30", reason="退货"), 5)
    made = [r for r in results if isinstance(r, Refund)]
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert (len(made), len(refused)) == (3, 2)
    assert all(r.code == "refund_over_limit" for r in refused)
    payment.refresh_from_db()
    assert payment.refund_committed_amount == Decimal("90.00")


def test_an_idempotent_start_sent_five_times_at_once_runs_once(orders, shopper):
    ref = orders.add("3", "10", owner=shopper)
    key = str(uuid.uuid4())

    def start(_index):
        client = Client()
        client.force_login(shopper)
        return client.post("/api/v1/payments", {"payable_ref": ref, "provider": "sandbox"},
                           content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)

    answers = race(start, 5)
    assert [a.status_code for a in answers] == [201] * 5
    assert len({a.content for a in answers}) == 1
    assert Payment.objects.filter(payable_ref=ref).count() == 1
