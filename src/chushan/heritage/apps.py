from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeritageConfig(AppConfig):
    name = "chushan.heritage"
    verbose_name = _("Heritage and brands")
