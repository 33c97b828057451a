from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HeritageConfig(AppConfig):
    name = "chushan.heritage"
    verbose_name = _("Heritage and brands")

    def ready(self):
        # The 56 ethnic groups are reference data: reload them after a flush as well as in the migration.
        post_migrate.connect(load_reference_data, sender=self, dispatch_uid="chushan.heritage.reference")


def load_reference_data(sender, using="default", **kwargs):
    from chushan.heritage.ethnic_groups import ETHNIC_GROUPS
    from chushan.heritage.models import EthnicGroup

    if EthnicGroup.objects.using(using).count() < len(ETHNIC_GROUPS):
        EthnicGroup.objects.using(using).bulk_create(
            [EthnicGroup(code=code, name=name, name_en=name_en) for code, name, name_en in ETHNIC_GROUPS],
            ignore_conflicts=True)
