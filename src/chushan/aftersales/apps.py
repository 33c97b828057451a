from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftersalesConfig(AppConfig):
    name = "chushan.aftersales"
    verbose_name = _("After-sales")

    def ready(self):
        from chushan.aftersales import notes
        from chushan.core import messages

        messages.register(notes.NAMESPACE, notes.MESSAGES)
