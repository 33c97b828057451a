"""Prepared hot statements on PostgreSQL: planner settings last for the statement alone, and an error leaves
the connection usable."""

import pytest
from django.db import DatabaseError, connection, transaction

from chushan.core.prepared import fetchall_prepared, fetchall_prepared_with, fetchone_prepared

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("server-side prepared statements are PostgreSQL's")


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_a_statement_is_prepared_once_and_then_only_executed():
    for value in (1, 2, 3):
        assert fetchone_prepared("SELECT %s::integer + 1", [value]) == (value + 1,)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%$1::integer + 1%"])
        assert cursor.fetchone()[0] == 1


def test_settings_hold_for_the_statement_in_its_own_transaction_and_end_with_it():
    before = _setting("enable_seqscan")
    rows = fetchall_prepared_with({"enable_seqscan": "off", "jit": "off"},
                                  "SELECT current_setting('enable_seqscan'), current_setting('jit'), %s::text", ["x"])
    assert rows == [("off", "off", "x")]
    assert _setting("enable_seqscan") == before
    assert not connection.in_atomic_block


def test_inside_the_callers_transaction_the_settings_are_reset_after_the_statement():
    before = _setting("enable_seqscan")
    with transaction.atomic():
        rows = fetchall_prepared_with({"enable_seqscan": "off"}, "SELECT current_setting('enable_seqscan')", [])
        assert rows == [("off",)]
        assert _setting("enable_seqscan") == before


def test_a_failing_statement_rolls_its_transaction_back_and_the_connection_goes_on():
    before = _setting("jit")
    with pytest.raises(DatabaseError):
        fetchall_prepared_with({"jit": "off"}, "SELECT 1 / %s::integer", [0])
    assert fetchall_prepared("SELECT %s::integer", [7]) == [(7,)]
    assert _setting("jit") == before
