"""Concurrent captures for one seller over real PostgreSQL connections: the chain stays one line."""

import threading

import pytest
from django.db import connection

from chushan.regions.tests.support import restore_regions
from chushan.trace.models import ChainRecord, TraceEvent
from chushan.trace.services import document_capture, verify_trace
from chushan.trace.tests.documents import body, document, harvest, shipping


@pytest.fixture(autouse=True)
def regions(transactional_db):
    """Transactional tests empty every table; put back the divisions the seller factory stands on."""
    restore_regions({"522636"})


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_parallel_captures_append_one_unbroken_chain(regions, tea):
    errors = []
    start = threading.Barrier(4)

    def capture(n: int) -> None:
        try:
            start.wait()
            for round_ in range(3):
                lot = f"T{n}-{round_}"
                document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, lot, tea.site.gln),
                                                                    shipping(tea.gtin, lot, tea.site.gln))))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=capture, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert TraceEvent.objects.count() == 24
    assert list(ChainRecord.objects.filter(seller=tea.seller).order_by("seq").values_list("seq", flat=True)) == \
        list(range(1, 25))
    assert verify_trace().intact


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_the_same_event_captured_twice_at_once_is_stored_once(regions, tea):
    results = []
    start = threading.Barrier(2)
    doc = body(document(harvest(tea.gtin, "SAME", tea.site.gln)))

    def capture() -> None:
        try:
            start.wait()
            document_capture(actor=tea.user, body=doc)
            results.append(202)
        except Exception as exc:  # noqa: BLE001 - the status is what matters
            results.append(getattr(exc, "status", exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=capture) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [202, 409]
    assert TraceEvent.objects.count() == 1 and verify_trace().intact
