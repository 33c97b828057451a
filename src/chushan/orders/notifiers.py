"""Telling a shopper their order is ready for pick-up, through ``settings.CHUSHAN_PICKUP_NOTIFIER``.

The default writes to the log; a deployment plugs in SMS or app messages with a class that has the same
``ready`` method. Tests use ``OutboxNotifier``.
"""

import logging
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class PickupNotifier(Protocol):
    def ready(self, *, order, code: str, location, expires_at) -> None:
        """Tell the shopper of ``order`` it waits at ``location`` under ``code`` until ``expires_at``."""


class LogNotifier:
    def ready(self, *, order, code: str, location, expires_at) -> None:
        log.warning("pick-up ready: order %s for shopper %s at %s until %s (code not logged)", order.number,
                    order.shopper_id, location.name, expires_at.isoformat() if expires_at else "-")


class OutboxNotifier:
    """Keeps what would be sent, for tests and the demo."""

    outbox: ClassVar[list[dict]] = []

    def ready(self, *, order, code: str, location, expires_at) -> None:
        self.outbox.append({"order": order.number, "shopper_id": order.shopper_id, "code": code,
                            "location": location.name, "expires_at": expires_at})


def get_notifier() -> PickupNotifier:
    return import_string(getattr(settings, "CHUSHAN_PICKUP_NOTIFIER", "chushan.orders.notifiers.LogNotifier"))()
