"""Hot statements on PostgreSQL, prepared once per connection and then only executed.

Django's cursors bind parameters on the client, so the server parses and plans every statement anew; for a
many-table statement run thousands of times that planning costs more than the work. These helpers run a
statement with server-side binding (``%s`` placeholders become ``$1``…), prepared on first use.
"""

import psycopg
from django.db import connection


def _raw_connection() -> psycopg.Connection:
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns automatic preparing off; an explicit prepare=True would then be ignored too. A threshold
        # nobody reaches keeps Django's own queries unprepared and lets these be prepared.
        raw.prepare_threshold = 2**31 - 1
    return raw


def fetchall_prepared(sql: str, params: dict | list) -> list[tuple]:
    """The rows of one prepared statement."""
    raw = _raw_connection()
    with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchall()


def fetchone_prepared(sql: str, params: dict | list) -> tuple | None:
    rows = fetchall_prepared(sql, params)
    return rows[0] if rows else None


def fetchall_prepared_with(settings: dict[str, str], sql: str, params: dict | list) -> list[tuple]:
    """The rows of one prepared statement run under planner ``settings`` that last for it alone: in its own
    transaction, or reset to their defaults after it inside the caller's. One round trip (pipelined)."""
    raw = _raw_connection()
    own = not connection.in_atomic_block
    on = "SELECT " + ", ".join(f"set_config('{name}', '{value}', true)" for name, value in settings.items())
    with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
        try:
            with raw.pipeline():
                if own:
                    raw.execute("BEGIN")
                raw.execute(on, prepare=True)
                cursor.execute(sql, params, prepare=True)
                if own:
                    raw.execute("COMMIT")
                else:
                    for name in settings:
                        raw.execute(f"SET LOCAL {name} TO DEFAULT", prepare=True)
        except psycopg.Error:
            if own and raw.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
                raw.rollback()
            raise
        return cursor.fetchall()
