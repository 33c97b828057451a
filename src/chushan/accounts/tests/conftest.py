"""Accounts test setup: texts go to an in-memory outbox, never the log or a provider."""

import pytest
from django.core.cache import cache

from chushan.accounts.sms import OutboxSender


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.CHUSHAN_SMS_SENDER = "chushan.accounts.sms.OutboxSender"
    OutboxSender.outbox.clear()
    yield OutboxSender.outbox
    OutboxSender.outbox.clear()


@pytest.fixture
def clean_cache():
    """For transactional tests: the database cache table is not rolled back with the test."""
    cache.clear()
    yield
    cache.clear()
