"""Payments test setup: a payable kind, the sandbox switched on, shoppers and staff, published events."""

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.core import events
from chushan.payments import payables
from chushan.payments.tests.support import OrderPayable

PAYMENT_EVENTS = (events.PAYMENT_SUCCEEDED, events.PAYMENT_CLOSED, events.REFUND_SUCCEEDED, events.REFUND_FAILED)


@pytest.fixture(autouse=True)
def sandbox_on(settings):
    providers = {**settings.CHUSHAN_PAYMENT_PROVIDERS}
    providers["sandbox"] = {**providers["sandbox"], "enabled": True, "secret": "sandbox-test-secret",
                            "notify_url": "", "duplicates": 1, "delay_seconds": 0}
    settings.CHUSHAN_PAYMENT_PROVIDERS = providers
    settings.CHUSHAN_PAYMENT_TTL_SECONDS = 900


@pytest.fixture
def orders():
    kind = OrderPayable()
    payables.register("order", kind)
    yield kind
    payables.unregister("order")


@pytest.fixture
def shopper(db):
    return UserFactory()


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def published(monkeypatch):
    """Every event the payments services publish, in order (recorded at publish time)."""
    seen = []
    real = events.publish

    def record(event, **payload):
        seen.append((event, payload))
        real(event, **payload)

    monkeypatch.setattr(events, "publish", record)
    return seen
