"""Telling shoppers about a recall: a pluggable notifier, chosen by ``settings.CHUSHAN_RECALL_NOTIFIER``.

``SmsNotifier`` (the default) texts each shopper through the accounts app's SMS sender (which itself only logs
until a provider is configured); ``LogNotifier`` only writes to the log. A deployment may plug in in-app
messages with a class that has the same ``notify`` method.
"""

import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from chushan.accounts.sms import SmsMessage, sms_send

log = logging.getLogger(__name__)

LOT_RECALL = "lot_recall"  # SMS template: product, lots, seller, reason


class RecallNotifier(Protocol):
    def notify(self, *, shopper, recall, lots: list) -> None:
        """Tell one shopper that goods they bought are recalled (``lots``: the lots of theirs affected)."""


class LogNotifier:
    def notify(self, *, shopper, recall, lots: list) -> None:
        log.warning("recall %s: shopper %s bought lot(s) %s", recall.pk, shopper.pk,
                    ", ".join(f"{lot.gtin}/{lot.code}" for lot in lots))


@dataclass(frozen=True)
class RecallSms(SmsMessage):
    """The recall text; SMS providers deliver their approved copy of the ``lot_recall`` template instead."""

    def render(self) -> str:
        return _("Chushan recall notice: %(product)s (lot %(lots)s) from %(seller)s is recalled: %(reason)s. "
                 "Stop using it and contact the seller for a refund.") % self.params


def _product(lot) -> str:
    return lot.sku.product.name if lot.sku_id else lot.gtin


class SmsNotifier:
    def notify(self, *, shopper, recall, lots: list) -> None:
        first = lots[0]
        sms_send(RecallSms(mobile=shopper.mobile, template=LOT_RECALL, params={
            "product": _product(first), "lots": ", ".join(lot.code for lot in lots), "seller": first.seller.name,
            "reason": recall.reason[:60]}))


def get_notifier() -> RecallNotifier:
    path = getattr(settings, "CHUSHAN_RECALL_NOTIFIER", "chushan.trace.notifiers.SmsNotifier")
    return import_string(path)()
