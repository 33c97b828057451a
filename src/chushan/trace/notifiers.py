"""Telling shoppers about a recall: a pluggable notifier, chosen by ``settings.CHUSHAN_RECALL_NOTIFIER``.

The default writes to the log; a deployment plugs in SMS or in-app messages (the accounts app's SMS sender,
or the orders app's messages once it exists) with a class that has the same ``notify`` method.
"""

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class RecallNotifier(Protocol):
    def notify(self, *, shopper, recall, lots: list) -> None:
        """Tell one shopper that goods they bought are recalled (``lots``: the lots of theirs affected)."""


class LogNotifier:
    def notify(self, *, shopper, recall, lots: list) -> None:
        log.warning("recall %s: shopper %s bought lot(s) %s", recall.pk, shopper.pk,
                    ", ".join(f"{lot.gtin}/{lot.code}" for lot in lots))


def get_notifier() -> RecallNotifier:
    path = getattr(settings, "CHUSHAN_RECALL_NOTIFIER", "chushan.trace.notifiers.LogNotifier")
    return import_string(path)()
