"""Transactional (race) tests empty every table when they finish; put back what the factories stand on."""

import importlib

from chushan.regions.tests.support import restore_regions

WANTED_REGIONS = {"522636", "522601", "522634"}


def restore_reference_data() -> None:
    """The sales channels (seeded by a migration) and the few regions the factories use."""
    from django.apps import apps

    importlib.import_module("chushan.inventory.migrations.0002_seed_sales_channels").seed(apps, None)
    restore_regions(WANTED_REGIONS)
