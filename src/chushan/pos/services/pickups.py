"""Pick-ups handed over at the counter: the clerk types or scans the shopper's code; the orders app checks that
the order waits at this shop and that the code works once."""

import unicodedata

from chushan.inventory.models import Location
from chushan.orders import services as orders
from chushan.orders.models import Order
from chushan.pos.services._access import require_counter_staff


def _code(raw) -> str:
    """A code as the clerk typed it (spaces, full-width digits) or the scanner read it off the shopper's QR."""
    text = unicodedata.normalize("NFKC", raw if isinstance(raw, str) else "")
    return "".join(ch for ch in text if not ch.isspace())[:40]


def pos_pickup_find(*, actor, location: Location, code: str) -> Order:
    """The order this code collects at this counter (to check the goods before handing them over)."""
    require_counter_staff(actor, location)
    return orders.order_pickup_find(actor=actor, location=location, code=_code(code))


def pos_pickup_hand_over(*, actor, location: Location, code: str) -> Order:
    """Hand the order over; the code works exactly once (a second use gets 409)."""
    require_counter_staff(actor, location)
    return orders.order_pickup_complete(actor=actor, location=location, code=_code(code))
