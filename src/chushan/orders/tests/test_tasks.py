"""The periodic tasks call their services; the event handlers never break the payment that called them."""

import datetime
import logging

import pytest
from django.utils import timezone

from chushan.orders import handlers, tasks
from chushan.orders.models import Checkout, Order
from chushan.orders.tests.support import line, place
from chushan.payments.models import Payment

pytestmark = pytest.mark.django_db


def test_the_expiry_task_expires_unpaid_checkouts(shopper, address, stocked):
    checkout = place(shopper, line(stocked, 1, address=address))
    Checkout.objects.filter(pk=checkout.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    Payment.objects.filter(payable_ref=checkout.payable_ref).update(expires_at=timezone.now())
    assert tasks.checkouts_expire.delay().get() == 1
    assert Checkout.objects.get().state == "expired"


def test_the_reconcile_and_release_tasks_run_with_nothing_to_do(db):
    assert tasks.checkouts_reconcile.delay().get() == 0
    assert tasks.pickups_release_uncollected.delay().get() == 0


def test_a_failing_settlement_is_logged_not_raised(shopper, address, stocked, monkeypatch, caplog):
    checkout = place(shopper, line(stocked, 1, address=address))

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("chushan.orders.services.checkout_payment_settle", broken)
    with caplog.at_level(logging.ERROR):
        handlers.payment_succeeded(payable_ref=checkout.payable_ref, payment_id=1)
    assert "reconcile" in caplog.text
    assert Order.objects.get().state == "pending_payment"


def test_other_payables_are_not_ours(db, monkeypatch):
    called = []
    monkeypatch.setattr("chushan.orders.services.checkout_payment_settle", lambda **kw: called.append(kw))
    handlers.payment_succeeded(payable_ref="pos_sale:4", payment_id=1)
    handlers.refund_succeeded(payable_ref="pos_sale:4", refund_id=1)
    assert called == []
