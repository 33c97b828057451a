from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "chushan.catalog"
    verbose_name = _("Catalogue")

    def ready(self):
        from chushan.catalog import handlers
        from chushan.core import events

        events.subscribe(events.SELLER_CHANGED, handlers.seller_changed)
