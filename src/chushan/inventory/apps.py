import importlib

from django.apps import AppConfig
from django.apps import apps as registry
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "chushan.inventory"
    verbose_name = _("Stock and locations")

    def ready(self):
        # The sales channels are reference data, like the regions: reload them whenever the tables are emptied
        # and migrated again (a test database flush between browser tests emits post_migrate too), not only in
        # the data migration. Without them every location created after a flush sells on no channel.
        post_migrate.connect(load_sales_channels, sender=self, dispatch_uid="chushan.inventory.channels")


def load_sales_channels(sender, using="default", **kwargs):
    from chushan.inventory.models import SalesChannel

    if not SalesChannel.objects.using(using).exists():
        importlib.import_module("chushan.inventory.migrations.0002_seed_sales_channels").seed(registry, None)
