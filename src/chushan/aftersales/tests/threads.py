"""Races for the tests of this app and the apps above it: start threads at one barrier over their own PostgreSQL
connections, and put back the reference rows transactional tests empty (sales channels, a few regions)."""

import importlib
import threading

import pytest
from django.db import close_old_connections, connection


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests empty every table; put back the sales channels and the regions the factories use."""
    from django.apps import apps

    from chushan.regions.loader import read_divisions
    from chushan.regions.models import Region

    importlib.import_module("chushan.inventory.migrations.0002_seed_sales_channels").seed(apps, None)
    wanted = {"522636", "522601", "522634"}
    wanted |= {code[:4] + "00" for code in wanted} | {code[:2] + "0000" for code in wanted}
    for row in read_divisions():
        if row["code"] in wanted:
            Region.objects.get_or_create(code=row["code"], defaults={
                "name": row["name"], "name_en": row["name_en"], "level": row["level"],
                "parent_id": row["parent_code"], "longitude": row["longitude"], "latitude": row["latitude"]})


def race(workers: int, work) -> list:
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
        thread.join(timeout=120)
    close_old_connections()
    return outcomes
