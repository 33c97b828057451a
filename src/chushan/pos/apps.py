from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PosConfig(AppConfig):
    name = "chushan.pos"
    verbose_name = _("Point of sale")

    def ready(self):
        from chushan.core import events, messages
        from chushan.payments import payables as payment_payables
        from chushan.pos import handlers, notes, payables, selectors
        from chushan.pricing import sources

        payment_payables.register(payables.PREFIX, payables.PosSalePayable())
        messages.register(notes.NAMESPACE, notes.MESSAGES)
        events.subscribe(events.PAYMENT_SUCCEEDED, handlers.payment_succeeded)
        events.subscribe(events.PAYMENT_CLOSED, handlers.payment_closed)
        sources.register("pos", selectors.counter_line_prices)
