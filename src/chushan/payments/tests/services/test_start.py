"""payment_start: one live payment per payable, the amount from the payable, refusals write nothing."""

from decimal import Decimal

import pytest

from chushan.core import events
from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.payments import services
from chushan.payments.models import Payment, SandboxTrade
from chushan.payments.tests.support import sandbox_body, signed, snapshot

pytestmark = pytest.mark.django_db


def test_a_payment_takes_the_amount_the_payable_says(orders, shopper):
    ref = orders.add("1", "128.50", owner=shopper)
    payment = services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox")
    assert (payment.amount, payment.state, payment.payer, payment.provider) == (
        Decimal("128.50"), Payment.State.PENDING, shopper, "sandbox")
    assert payment.pay_url == f"/payments/sandbox/{payment.reference}/"
    assert payment.qr_content.endswith(payment.pay_url)
    trade = SandboxTrade.objects.get(out_trade_no=payment.reference)
    assert (trade.amount, trade.status) == (Decimal("128.50"), SandboxTrade.Status.WAITING)


def test_a_second_start_returns_the_same_pending_payment(orders, shopper):
    ref = orders.add("1", "20", owner=shopper)
    first = services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox")
    again = services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox")
    assert again.pk == first.pk
    assert Payment.objects.count() == 1


def test_the_same_idempotency_key_returns_the_same_payment(orders, shopper):
    ref = orders.add("1", "20", owner=shopper)
    first = services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox", idempotency="k1")
    assert services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox", idempotency="k1").pk == first.pk


def test_a_stale_waiting_payment_is_closed_before_a_new_one_starts(orders, shopper, published):
    ref = orders.add("1", "20", owner=shopper)
    first = services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox")
    orders.amounts["1"] = Decimal("25")  # the cart changed: the waiting payment is stale
    second = services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox")
    first.refresh_from_db()
    assert first.state == Payment.State.CLOSED
    assert SandboxTrade.objects.get(out_trade_no=first.reference).status == SandboxTrade.Status.CLOSED
    assert (second.state, second.amount) == (Payment.State.PENDING, Decimal("25"))
    assert published == [(events.PAYMENT_CLOSED, {"payable_ref": ref, "payment_id": first.pk})]


def test_a_paid_payable_cannot_be_paid_again(orders, shopper):
    ref = orders.add("1", "20", owner=shopper)
    payment = services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox")
    body = sandbox_body(payment)
    services.payment_notify(provider="sandbox", body=body, headers=signed(body))
    before = snapshot()
    with pytest.raises(Conflict) as refused:
        services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox")
    assert refused.value.code == "already_paid"
    assert snapshot() == before


def test_an_unknown_provider_is_refused_and_nothing_is_written(orders, shopper):
    ref = orders.add("1", "20", owner=shopper)
    with pytest.raises(Unprocessable) as refused:
        services.payment_start(actor=shopper, payable_ref=ref, provider="paypal")
    assert "provider" in refused.value.errors
    assert not Payment.objects.exists() and not SandboxTrade.objects.exists()


def test_a_switched_off_provider_is_refused(orders, shopper):
    ref = orders.add("1", "20", owner=shopper)
    with pytest.raises(Unprocessable):
        services.payment_start(actor=shopper, payable_ref=ref, provider="alipay")  # no app id in tests
    assert not Payment.objects.exists()


@pytest.mark.parametrize("payable_ref", ["", "checkout", "checkout:", "Checkout:1", "a:b:c", "order:1 OR 1=1",
                                         "x" * 80])
def test_a_malformed_payable_reference_is_refused(orders, shopper, payable_ref):
    with pytest.raises(Unprocessable):
        services.payment_start(actor=shopper, payable_ref=payable_ref, provider="sandbox")
    assert not Payment.objects.exists()


def test_an_unknown_payable_is_refused(orders, shopper):
    with pytest.raises(NotFound):
        services.payment_start(actor=shopper, payable_ref="order:404", provider="sandbox")
    with pytest.raises(Unprocessable):
        services.payment_start(actor=shopper, payable_ref="nothing:1", provider="sandbox")
    assert not Payment.objects.exists()


def test_someone_else_cannot_pay_my_order(orders, shopper, stranger):
    ref = orders.add("1", "20", owner=shopper)
    with pytest.raises(PermissionDenied):
        services.payment_start(actor=stranger, payable_ref=ref, provider="sandbox")
    assert not Payment.objects.exists()


def test_an_amount_that_no_longer_matches_the_payable_is_refused(orders, shopper):
    ref = orders.add("1", "20", owner=shopper)
    with pytest.raises(Unprocessable):
        services.payment_start(actor=shopper, payable_ref=ref, provider="sandbox", amount=Decimal("19.99"))
    assert not Payment.objects.exists()


def test_an_app_that_owns_the_payable_may_pass_the_amount(shopper):
    payment = services.payment_start(actor=shopper, payable_ref="pos:77", provider="sandbox", amount="36.00")
    assert payment.amount == Decimal("36.00")


@pytest.mark.parametrize("amount", ["0", "-5", "1.001", "abc"])
def test_a_bad_amount_is_refused(shopper, amount):
    with pytest.raises(Unprocessable):
        services.payment_start(actor=shopper, payable_ref="pos:77", provider="sandbox", amount=amount)
    assert not Payment.objects.exists()


def test_signing_in_is_needed(orders):
    from django.contrib.auth.models import AnonymousUser

    ref = orders.add("1", "20")
    with pytest.raises(PermissionDenied):
        services.payment_start(actor=AnonymousUser(), payable_ref=ref, provider="sandbox")
    assert not Payment.objects.exists()
