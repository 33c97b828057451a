from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "chushan.search"
    verbose_name = _("Search")

    def ready(self):
        from chushan.core import events
        from chushan.search import handlers

        events.subscribe(events.PRODUCT_CHANGED, handlers.on_product_changed)
        events.subscribe(events.SELLER_CHANGED, handlers.on_seller_changed)
