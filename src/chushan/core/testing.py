"""Helpers for the tests of every app: race the same work from several threads, each over its own database
connection (the race tests run on PostgreSQL; see src/chushan/conftest.py)."""

import threading
from collections.abc import Callable

from django.db import close_old_connections, connection


def race(workers: int, work: Callable[[int], object], *, timeout: float = 120) -> list:
    """Start ``workers`` threads at one barrier, each running ``work(i)``; return one outcome per thread, in
    order: ("ok", value) or ("error", exception). Each thread closes its own connection; ``timeout`` bounds the
    wait for each thread."""
    barrier = threading.Barrier(workers)
    outcomes = [None] * workers

    def run(i):
        try:
            barrier.wait()
            outcomes[i] = ("ok", work(i))
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            outcomes[i] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    close_old_connections()
    return outcomes
