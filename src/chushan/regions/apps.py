from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "chushan.regions"
    verbose_name = _("Regions")

    def ready(self):
        # The divisions are reference data: reload them whenever the tables are emptied and migrated again
        # (a test database flush emits post_migrate too), not only in the data migration.
        post_migrate.connect(load_reference_data, sender=self, dispatch_uid="chushan.regions.reference")


def load_reference_data(sender, using="default", **kwargs):
    from chushan.regions.loader import load_regions
    from chushan.regions.models import Region

    if not Region.objects.using(using).exists():
        load_regions(Region, using=using)
