"""refund_request: partial and full, never more than was paid, only by those allowed, once per key."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from chushan.core import events
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.payments import services
from chushan.payments.models import Payment, Refund, SandboxRefund
from chushan.payments.providers.base import REFUND_SUCCEEDED, RefundStatus
from chushan.payments.services.sandbox import sandbox_notifications_deliver, sandbox_trade_pay
from chushan.payments.tests.support import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(orders, shopper):
    payment = services.payment_start(actor=shopper, payable_ref=orders.add("1", "100.00", owner=shopper),
                                     provider="sandbox")
    sandbox_trade_pay(out_trade_no=payment.reference)  # the shopper pays on the sandbox page
    assert sandbox_notifications_deliver() == 1
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID
    return payment


def test_a_partial_refund_goes_to_the_provider_and_settles_by_notification(paid, staff, published):
    refund = services.refund_request(actor=staff, payment=paid, amount="30.00", reason="少发一件")
    assert (refund.state, refund.amount) == (Refund.State.PENDING, Decimal("30.00"))
    assert SandboxRefund.objects.get(out_refund_no=refund.reference).status == SandboxRefund.Status.SUCCESS
    paid.refresh_from_db()
    assert (paid.refund_committed_amount, paid.refunded_amount) == (Decimal("30.00"), 0)
    assert sandbox_notifications_deliver() == 1  # the sandbox's refund notice, delivered in-process
    refund.refresh_from_db()
    paid.refresh_from_db()
    assert refund.state == Refund.State.SUCCEEDED and refund.completed_at is not None
    assert (paid.state, paid.refunded_amount) == (Payment.State.PAID, Decimal("30.00"))
    assert published[-1][0] == events.REFUND_SUCCEEDED


def test_refunds_adding_up_to_the_whole_make_it_refunded(paid, staff):
    services.refund_request(actor=staff, payment=paid, amount="60", reason="退货")
    services.refund_request(actor=staff, payment=paid, amount="40", reason="退货")
    sandbox_notifications_deliver()
    paid.refresh_from_db()
    assert (paid.state, paid.refunded_amount) == (Payment.State.REFUNDED, Decimal("100.00"))


def test_a_refund_over_what_is_left_is_refused_and_nothing_is_written(paid, staff):
    services.refund_request(actor=staff, payment=paid, amount="70", reason="退货")
    before = snapshot()
    with pytest.raises(Unprocessable) as refused:
        services.refund_request(actor=staff, payment=paid, amount="30.01", reason="退货")
    assert refused.value.code == "refund_over_limit"
    assert "30.00" in refused.value.errors["amount"][0]
    assert snapshot() == before
    assert not SandboxRefund.objects.filter(amount=Decimal("30.01")).exists()


def test_the_database_refuses_refunds_over_the_amount_even_without_the_service(paid):
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=paid.pk).update(refund_committed_amount=Decimal("100.01"))


def test_an_unpaid_payment_cannot_be_refunded(orders, shopper, staff):
    payment = services.payment_start(actor=shopper, payable_ref=orders.add("2", "10", owner=shopper),
                                     provider="sandbox")
    before = snapshot()
    with pytest.raises(Unprocessable) as refused:
        services.refund_request(actor=staff, payment=payment, amount="1", reason="x")
    assert refused.value.code == "refund_not_paid"
    assert snapshot() == before


@pytest.mark.parametrize(("amount", "reason", "field"), [("0", "ok", "amount"), ("-1", "ok", "amount"),
                                                          ("1.005", "ok", "amount"), ("1", "", "reason"),
                                                          ("1", "x" * 201, "reason")])
def test_bad_input_is_refused_field_by_field(paid, staff, amount, reason, field):
    before = snapshot()
    with pytest.raises(Unprocessable) as refused:
        services.refund_request(actor=staff, payment=paid, amount=amount, reason=reason)
    assert field in refused.value.errors
    assert snapshot() == before


def test_the_payer_may_not_refund_themself(paid, shopper):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.refund_request(actor=shopper, payment=paid, amount="1", reason="想要")
    assert snapshot() == before


def test_the_payable_kind_may_allow_a_seller_to_refund(paid, orders, stranger):
    orders.refunders.add(stranger.pk)
    refund = services.refund_request(actor=stranger, payment=paid, amount="5", reason="破损")
    assert refund.requested_by == stranger


def test_the_same_key_returns_the_same_refund(paid, staff):
    first = services.refund_request(actor=staff, payment=paid, amount="10", reason="x", idempotency="r-1")
    again = services.refund_request(actor=staff, payment=paid, amount="10", reason="x", idempotency="r-1")
    assert again.pk == first.pk
    assert Refund.objects.count() == 1
    with pytest.raises(Unprocessable):
        services.refund_request(actor=staff, payment=paid, amount="11", reason="x", idempotency="r-1")


def test_a_failed_refund_frees_its_amount_again(paid, staff, published):
    refund = services.refund_request(actor=staff, payment=paid, amount="100", reason="x")
    services.refund_record(refund_id=refund.pk, answer=RefundStatus(status="failed", detail="余额不足"))
    paid.refresh_from_db()
    refund.refresh_from_db()
    assert (refund.state, refund.failure_reason, paid.refund_committed_amount) == ("failed", "余额不足", 0)
    assert published[-1][0] == events.REFUND_FAILED
    assert services.refund_request(actor=staff, payment=paid, amount="100", reason="again").amount == 100


def test_a_provider_that_answers_succeeded_at_once_settles_at_once(paid, staff, monkeypatch):
    from chushan.payments.providers.sandbox import SandboxProvider

    monkeypatch.setattr(SandboxProvider, "refund", lambda self, refund: RefundStatus(status=REFUND_SUCCEEDED))
    refund = services.refund_request(actor=staff, payment=paid, amount="100", reason="x")
    paid.refresh_from_db()
    assert (refund.state, paid.state) == (Refund.State.SUCCEEDED, Payment.State.REFUNDED)


def test_a_refund_the_provider_never_got_is_sent_again_by_the_sync(paid, staff, monkeypatch):
    from chushan.payments.providers.base import ProviderError
    from chushan.payments.providers.sandbox import SandboxProvider

    real = SandboxProvider.refund
    monkeypatch.setattr(SandboxProvider, "refund", lambda self, refund: (_ for _ in ()).throw(ProviderError("down")))
    refund = services.refund_request(actor=staff, payment=paid, amount="20", reason="x")
    assert refund.state == Refund.State.PENDING and not SandboxRefund.objects.exists()
    monkeypatch.setattr(SandboxProvider, "refund", real)
    Refund.objects.filter(pk=refund.pk).update(created_at=refund.created_at.replace(year=2020))
    services.refunds_sync()  # asks, hears "unknown", re-sends under the same reference
    assert SandboxRefund.objects.filter(out_refund_no=refund.reference).count() == 1
    services.refunds_sync()  # the sandbox now knows it: settled
    refund.refresh_from_db()
    assert refund.state == Refund.State.SUCCEEDED
