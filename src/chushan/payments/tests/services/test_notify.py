"""payment_notify: signatures checked first, each notification applied once, state never goes back."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chushan.core import events
from chushan.core.errors import NotFound
from chushan.payments import services
from chushan.payments.models import Payment, PaymentNotification
from chushan.payments.providers.base import BadSignature, MalformedNotification, StaleNotification
from chushan.payments.services.notifications import ReplayedNotification
from chushan.payments.tests.support import old_timestamp, refund_body, sandbox_body, signed, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def payment(orders, shopper):
    return services.payment_start(actor=shopper, payable_ref=orders.add("1", "66.60", owner=shopper),
                                  provider="sandbox")


def notify(body: bytes, **sign):
    return services.payment_notify(provider="sandbox", body=body, headers=signed(body, **sign))


def test_a_paid_notification_marks_the_payment_paid_and_announces_it_once(payment, published):
    record = notify(sandbox_body(payment))
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID
    assert payment.paid_amount == Decimal("66.60") and payment.paid_at is not None
    assert payment.provider_trade_no.startswith("SBTEST")
    assert record.outcome == PaymentNotification.Outcome.APPLIED
    assert published == [(events.PAYMENT_SUCCEEDED, {"payable_ref": payment.payable_ref, "payment_id": payment.pk})]


def test_a_copy_of_the_same_notification_changes_nothing(payment, published):
    body = sandbox_body(payment, event_id="SN-ONE")
    notify(body)
    assert notify(body) is None  # resent with a fresh signature, as providers resend
    assert PaymentNotification.objects.count() == 1
    assert len(published) == 1


def test_a_second_paid_notification_with_another_id_changes_nothing(payment, published):
    notify(sandbox_body(payment))
    record = notify(sandbox_body(payment))
    assert record.outcome == PaymentNotification.Outcome.NO_CHANGE
    assert len(published) == 1


def test_paid_ignores_a_later_closed(payment):
    notify(sandbox_body(payment))
    notify(sandbox_body(payment, "trade.closed"))
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID


def test_a_late_paid_after_closed_still_counts(payment, published):
    notify(sandbox_body(payment, "trade.closed"))
    notify(sandbox_body(payment))
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID
    assert [e for e, _p in published] == [events.PAYMENT_CLOSED, events.PAYMENT_SUCCEEDED]


def test_a_late_paid_while_another_payment_is_live_is_flagged(orders, shopper, payment, published):
    notify(sandbox_body(payment, "trade.closed"))
    other = services.payment_start(actor=shopper, payable_ref=payment.payable_ref, provider="sandbox")
    notify(sandbox_body(payment))
    payment.refresh_from_db()
    assert payment.state == Payment.State.FLAGGED and payment.flag_reason
    assert other.pk != payment.pk
    assert events.PAYMENT_SUCCEEDED not in [e for e, _p in published]


def test_an_amount_mismatch_is_flagged_not_paid(payment, published):
    record = notify(sandbox_body(payment, amount="0.01"))
    payment.refresh_from_db()
    assert payment.state == Payment.State.FLAGGED
    assert payment.paid_amount == Decimal("0.01")
    assert record.outcome == PaymentNotification.Outcome.FLAGGED
    assert published == []


@pytest.mark.parametrize("tamper", ["signature", "body", "secret", "missing"])
def test_a_bad_signature_is_refused_and_nothing_changes(payment, tamper):
    body = sandbox_body(payment)
    headers = signed(body)
    if tamper == "signature":
        headers["X-Sandbox-Signature"] = "0" * 64
    elif tamper == "body":
        body = sandbox_body(payment, amount="0.01")
    elif tamper == "secret":
        from chushan.payments import rules

        headers["X-Sandbox-Signature"] = rules.sandbox_signature(
            "guessed", timestamp=headers["X-Sandbox-Timestamp"], nonce=headers["X-Sandbox-Nonce"], body=body)
    else:
        del headers["X-Sandbox-Signature"]
    before = snapshot()
    with pytest.raises(BadSignature) as refused:
        services.payment_notify(provider="sandbox", body=body, headers=headers)
    assert refused.value.status == 401
    assert snapshot() == before


def test_a_stale_signature_is_refused(payment):
    before = snapshot()
    with pytest.raises(StaleNotification):
        notify(sandbox_body(payment), timestamp=old_timestamp())
    assert snapshot() == before


def test_a_replayed_delivery_is_refused_and_nothing_changes(payment, published):
    body = sandbox_body(payment)
    headers = signed(body)
    services.payment_notify(provider="sandbox", body=body, headers=headers)
    before = snapshot()
    with pytest.raises(ReplayedNotification) as refused:
        services.payment_notify(provider="sandbox", body=body, headers=headers)
    assert refused.value.status == 409
    assert snapshot() == before
    assert len(published) == 1


def test_a_notification_for_an_unknown_payment_writes_nothing_so_it_is_resent(payment):
    payment.reference = "CSNOSUCHTRADE"
    before = snapshot()
    with pytest.raises(NotFound):
        notify(sandbox_body(payment))
    assert snapshot() == before


@pytest.mark.parametrize("body", [b"not json", b"{}", b'{"id": "x", "event": "trade.exploded"}', b"[]"])
def test_an_unreadable_notification_is_refused(payment, body):
    before = snapshot()
    with pytest.raises(MalformedNotification):
        notify(body)
    assert snapshot() == before


def test_an_unknown_provider_is_not_found(payment):
    with pytest.raises(NotFound):
        services.payment_notify(provider="paypal", body=b"{}", headers={})


_numbers = itertools.count(1)


def _paid_with_refunds(orders, shopper, staff, amounts):
    ref = orders.add(f"r{next(_numbers)}", "100", owner=shopper)
    payment = services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox")
    notify(sandbox_body(payment))
    refunds = [services.refund_request(actor=staff, payment=payment, amount=a, reason="退货") for a in amounts]
    return payment, refunds


def test_a_refund_notification_settles_the_refund(orders, shopper, staff, published):
    payment, [refund] = _paid_with_refunds(orders, shopper, staff, ["40"])
    notify(refund_body(refund))
    payment.refresh_from_db()
    refund.refresh_from_db()
    assert (refund.state, payment.state, payment.refunded_amount) == ("succeeded", "paid", Decimal("40"))
    assert published[-1] == (events.REFUND_SUCCEEDED, {"payable_ref": payment.payable_ref, "payment_id": payment.pk,
                                                       "refund_id": refund.pk})


def test_a_refund_notice_before_a_late_duplicate_pay_notice_ends_refunded(orders, shopper, staff, published):
    payment, [refund] = _paid_with_refunds(orders, shopper, staff, ["100"])
    notify(refund_body(refund))
    notify(sandbox_body(payment))  # the pay notice again, late
    payment.refresh_from_db()
    assert (payment.state, payment.refunded_amount) == (Payment.State.REFUNDED, Decimal("100"))
    assert [e for e, _p in published].count(events.PAYMENT_SUCCEEDED) == 1


# Any order and multiplicity, through the real service and database ---------------------------------------

@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_notifications_in_any_order_and_number_end_like_the_sensible_order(orders, shopper, staff, data):
    amounts = data.draw(st.sampled_from([["100"], ["30", "70"], ["30", "20"], ["10", "20", "30"]]))
    outcomes = [data.draw(st.sampled_from(["refund.success", "refund.failed"])) for _ in amounts]
    payment, refunds = _paid_with_refunds(orders, shopper, staff, amounts)
    sensible = ([sandbox_body(payment, event_id=f"P{payment.pk}")]
                + [refund_body(r, e, event_id=f"R{r.pk}") for r, e in zip(refunds, outcomes, strict=True)]
                + [sandbox_body(payment, "trade.closed", event_id=f"C{payment.pk}")])
    copies = [body for body in sensible for _ in range(data.draw(st.integers(1, 3)))]
    for body in data.draw(st.permutations(copies)):
        notify(body)
    payment.refresh_from_db()
    paid_back = sum((Decimal(a) for a, e in zip(amounts, outcomes, strict=True) if e == "refund.success"), Decimal(0))
    expected_state = Payment.State.REFUNDED if paid_back == Decimal("100") else Payment.State.PAID
    assert (payment.state, payment.refunded_amount, payment.refund_committed_amount) == (
        expected_state, paid_back, paid_back)
    assert [r.state for r in payment.refunds.order_by("pk")] == [
        "succeeded" if e == "refund.success" else "failed" for e in outcomes]
