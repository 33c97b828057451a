"""Concurrent sales of one GTIN in one shop over real PostgreSQL connections: no unit is attributed twice."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum

from chushan.trace.models import LotBalance, LotSale
from chushan.trace.services import platform_event_record, verify_trace
from chushan.trace.tests.services.test_race import regions  # noqa: F401 - the fixture transactional tests need


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_parallel_sales_never_take_more_than_was_received(regions, tea):  # noqa: F811
    for code, quantity, day in (("LS-A", 4, 1), ("LS-B", 6, 2)):
        platform_event_record(kind="received", seller_id=tea.seller.pk, reference=f"SM{day}",
                              occurred_at=f"2024-05-0{day}T09:00:00+08:00", location_gln=tea.shop.gln,
                              lines=[{"gtin": tea.gtin, "lot": code, "quantity": quantity}])
    errors = []
    start = threading.Barrier(8)

    def sell(n: int) -> None:
        try:
            start.wait()
            platform_event_record(kind="sold", seller_id=tea.seller.pk, reference=f"S-{n}", location_gln=tea.shop.gln,
                                  lines=[{"gtin": tea.gtin, "lot": None, "quantity": 2}])
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sell, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert LotSale.objects.aggregate(total=Sum("quantity"))["total"] == Decimal(10)
    assert LotSale.objects.values("reference").distinct().count() == 5  # 5 sales of 2 took the 10 units
    assert all(row.attributed == row.received for row in LotBalance.objects.all())
    assert verify_trace().intact
