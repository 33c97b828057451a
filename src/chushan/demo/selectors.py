"""Reads for the demo's welcome: where a newcomer can scan a trace, collect an order and work a counter."""

from dataclasses import dataclass, field

from django.conf import settings

from chushan.demo.data.sellers import DEMO_USERS
from chushan.demo.data.trade import BEEF_STORY, CLERK, TEA_STORY
from chushan.demo.services.stories import story_marker_gln
from chushan.inventory.models import Location
from chushan.orders.models import PickupCode
from chushan.trace.models import Lot
from chushan.trace.story import scan_url


@dataclass
class Highlights:
    traces: list[tuple[str, str]] = field(default_factory=list)  # (product name, absolute scan URL)
    pickup: PickupCode | None = None
    counter: Location | None = None


def demo_highlights() -> Highlights:
    """The story lots' scan URLs, the shopper's pick-up waiting at the clerk's shop, and that shop."""
    base = settings.CHUSHAN_PUBLIC_BASE_URL.rstrip("/")
    found = Highlights()
    for story in (TEA_STORY, BEEF_STORY):
        lot = (Lot.objects.filter(origin__gln=story_marker_gln(story), sku__isnull=False)
               .select_related("sku__product").order_by("pk").first())
        if lot is not None:
            found.traces.append((lot.sku.product.name, base + scan_url(lot.gtin, lot.code)))
    found.pickup = (PickupCode.objects.filter(order__shopper__mobile=DEMO_USERS[2][0], used_at__isnull=True,
                                              ready_at__isnull=False)
                    .select_related("order", "location").order_by("pk").first())
    found.counter = Location.objects.filter(seller__slug=CLERK["seller"], name=CLERK["shop"]).first()
    return found
