"""Concurrent transfers out of a warehouse, shipments from it and sales at the shop the transfers feed, over real
PostgreSQL connections: no unit of a lot is attributed twice, and none goes missing on the way."""

import json
import threading
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum

from chushan.trace.models import LotBalance, LotSale, TraceEvent
from chushan.trace.services import platform_event_record, platform_transfer_record, verify_trace
from chushan.trace.tests.factories import gln
from chushan.trace.tests.services.test_race import regions  # noqa: F401 - the fixture transactional tests need

WAREHOUSE = gln(location="00031")
RECEIVED = {"LS-A": Decimal(4), "LS-B": Decimal(6)}


def _line(tea, quantity):
    return [{"gtin": tea.gtin, "lot": None, "serial": None, "quantity": quantity, "uom": "EA"}]


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_parallel_transfers_and_sales_never_attribute_more_than_was_received(regions, tea):  # noqa: F811
    for day, (code, quantity) in enumerate(RECEIVED.items(), start=1):
        platform_event_record(kind="received", seller_id=tea.seller.pk, reference=f"SM{day}",
                              occurred_at=f"2024-05-0{day}T09:00:00+08:00", location_gln=WAREHOUSE,
                              location_name="丹寨仓库", lines=[{"gtin": tea.gtin, "lot": code, "quantity": quantity}])
    jobs = [("transfer", n) for n in range(4)] + [("sold", n) for n in range(4)] + [("shipped", n) for n in range(2)]
    errors = []
    start = threading.Barrier(len(jobs))

    def work(kind: str, n: int) -> None:
        try:
            start.wait()
            if kind == "transfer":
                platform_transfer_record(seller_id=tea.seller.pk, reference=f"TR{n}", lines=_line(tea, 2),
                                         from_gln=WAREHOUSE, from_name="丹寨仓库", to_gln=tea.shop.gln,
                                         to_name="西江千户苗寨店")
            else:
                platform_event_record(kind=kind, seller_id=tea.seller.pk, reference=f"{kind}-{n}",
                                      location_gln=tea.shop.gln if kind == "sold" else WAREHOUSE,
                                      lines=_line(tea, 2))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors

    # Every unit of a lot is still on a shelf (its balances) or with a shopper (its sales): never both, never lost.
    sold = dict(LotSale.objects.values_list("lot__code").annotate(total=Sum("quantity")))
    on_shelves = defaultdict(Decimal)
    for row in LotBalance.objects.select_related("lot"):
        assert 0 <= row.attributed <= row.received
        on_shelves[row.lot.code] += row.rest
    assert {code: on_shelves[code] + sold.get(code, 0) for code in RECEIVED} == RECEIVED
    assert sum(sold.values(), Decimal(0)) <= sum(RECEIVED.values())

    # What each transfer shipped is what arrived, and the shop never sold more than arrived.
    moved = defaultdict(Decimal)
    for event in TraceEvent.objects.filter(biz_step__endswith="shipping", body__contains="urn:chushan:transfer:"):
        for element in json.loads(event.body)["quantityList"]:
            moved[element["epcClass"]] += Decimal(str(element["quantity"]))
    arrived = LotBalance.objects.filter(location_gln=tea.shop.gln).aggregate(total=Sum("received"))["total"] or 0
    assert sum(moved.values(), Decimal(0)) == arrived <= 8
    at_shop = LotSale.objects.filter(location_gln=tea.shop.gln).aggregate(total=Sum("quantity"))["total"] or 0
    assert at_shop <= arrived
    assert verify_trace().intact
