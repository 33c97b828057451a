from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "chushan.orders"
    verbose_name = _("Orders")

    def ready(self):
        from chushan.core import events, messages
        from chushan.orders import handlers, payables, reasons, selectors
        from chushan.payments import payables as payment_payables
        from chushan.pricing import sources

        payment_payables.register(payables.PREFIX, payables.CheckoutPayable())
        messages.register(reasons.NAMESPACE, reasons.MESSAGES)
        events.subscribe(events.PAYMENT_SUCCEEDED, handlers.payment_succeeded)
        events.subscribe(events.REFUND_SUCCEEDED, handlers.refund_succeeded)
        events.subscribe(events.REFUND_FAILED, handlers.refund_failed)
        sources.register("orders", selectors.order_line_prices)
