"""payments_expire: unpaid payments past their limit are closed at the provider and here, unless paid."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chushan.core import events
from chushan.core.errors import PermissionDenied
from chushan.payments import services
from chushan.payments.models import Payment, SandboxTrade
from chushan.payments.providers.base import ProviderError
from chushan.payments.services.sandbox import sandbox_trade_pay
from chushan.payments.tests.support import sandbox_body, signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def payment(orders, shopper):
    return services.payment_start(actor=shopper, payable_ref=orders.add("1", "18", owner=shopper),
                                  provider="sandbox")


def later(minutes=16):
    return timezone.now() + timedelta(minutes=minutes)


def test_an_unpaid_payment_past_its_limit_is_closed_here_and_at_the_provider(payment, published):
    assert services.payments_expire(now=later(10)) == 0
    assert services.payments_expire(now=later()) == 1
    payment.refresh_from_db()
    assert payment.state == Payment.State.CLOSED and payment.closed_at is not None
    assert SandboxTrade.objects.get(out_trade_no=payment.reference).status == SandboxTrade.Status.CLOSED
    assert published == [(events.PAYMENT_CLOSED, {"payable_ref": payment.payable_ref, "payment_id": payment.pk})]
    assert services.payments_expire(now=later()) == 0


def test_a_payment_paid_but_not_yet_notified_is_recorded_paid_not_closed(payment, published):
    sandbox_trade_pay(out_trade_no=payment.reference)  # its notification has not arrived
    services.payments_expire(now=later())
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID
    assert [e for e, _p in published] == [events.PAYMENT_SUCCEEDED]


def test_the_late_notification_after_the_close_changes_nothing_more(payment, published):
    sandbox_trade_pay(out_trade_no=payment.reference)
    services.payments_expire(now=later())
    body = sandbox_body(payment)
    services.payment_notify(provider="sandbox", body=body, headers=signed(body))
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID
    assert len(published) == 1


def test_a_closed_trade_cannot_be_paid_on_the_sandbox_page(payment):
    services.payments_expire(now=later())
    from chushan.core.errors import Unprocessable

    with pytest.raises(Unprocessable):
        sandbox_trade_pay(out_trade_no=payment.reference)


def test_a_provider_that_cannot_be_reached_is_tried_again_later(payment, monkeypatch):
    from chushan.payments.providers.sandbox import SandboxProvider

    def down(self, payment):
        raise ProviderError("down")

    monkeypatch.setattr(SandboxProvider, "query", down)
    assert services.payments_expire(now=later()) == 0
    payment.refresh_from_db()
    assert payment.state == Payment.State.PENDING


def test_only_the_payer_may_cancel(payment, stranger, shopper):
    with pytest.raises(PermissionDenied):
        services.payment_close(actor=stranger, payment=payment)
    assert services.payment_close(actor=shopper, payment=payment).state == Payment.State.CLOSED


def test_sync_records_what_the_provider_knows(payment, shopper):
    assert services.payment_sync(actor=shopper, payment=payment).state == Payment.State.PENDING
    sandbox_trade_pay(out_trade_no=payment.reference)
    assert services.payment_sync(actor=shopper, payment=payment).state == Payment.State.PAID
