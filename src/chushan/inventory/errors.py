"""Refusals of the stock use cases; each says what to do and carries the data a client needs."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chushan.core.errors import Conflict


class InsufficientStock(Conflict):
    """Not enough available stock; ``extra["items"]`` lists every short line, not just the first:
    ``{"sku", "location", "requested", "available", "sku_name", "location_name"}``."""

    code = "insufficient_stock"

    def __init__(self, items: list[dict]):
        if len(items) == 1:
            item = items[0]
            message = ngettext(
                "Only %(available)d unit of %(sku_name)s is available at %(location_name)s; lower the quantity.",
                "Only %(available)d units of %(sku_name)s are available at %(location_name)s; lower the quantity.",
                item["available"]) % item
        else:
            message = _("%(count)d lines ask for more than is available; lower their quantities.") % {
                "count": len(items)}
        super().__init__(message, extra={"items": items})


class ReservationClosed(Conflict):
    code = "reservation_closed"


class ReservationExpired(Conflict):
    code = "reservation_expired"
