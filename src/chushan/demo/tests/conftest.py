"""One demo market per test module: loaded once inside a transaction that is rolled back at the end,
so each test sees it (in its own savepoint) and no other app's tests ever do."""

import pytest
from django.db import transaction
from django.test import TestCase

from chushan.demo import services


@pytest.fixture(scope="module")
def demo_market(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        report = services.demo_market_load(with_images=False)
        yield report
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def traded_market(django_db_setup, django_db_blocker):
    """The market as `chushan seed_demo` leaves it: what runs once a transaction commits (the traceability
    events of stock receipts and sales, the search index) runs here too, before the rollback."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            report = services.demo_market_load(with_images=False)
        yield report
        transaction.set_rollback(True)
