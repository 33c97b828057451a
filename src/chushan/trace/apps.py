from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceConfig(AppConfig):
    name = "chushan.trace"
    verbose_name = _("Traceability")

    def ready(self):
        from chushan.core import events
        from chushan.trace import handlers

        # The platform records the EPCIS events its own operations imply (see core/events.py for payloads).
        events.subscribe(events.STOCK_RECEIVED, handlers.stock_received)
        events.subscribe(events.ORDER_SHIPPED, handlers.order_shipped)
        events.subscribe(events.ORDER_PICKED_UP, handlers.order_picked_up)
        events.subscribe(events.SALE_RECORDED, handlers.sale_recorded)
        events.subscribe(events.STOCK_TRANSFERRED, handlers.stock_transferred)
        events.subscribe(events.STOCK_RETURNED, handlers.stock_returned)
