from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "chushan.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from chushan.accounts.roles import ensure_roles

        # After every app's permissions exist (auth creates them in its own post_migrate handler).
        post_migrate.connect(ensure_roles, dispatch_uid="chushan.accounts.ensure_roles")
