"""Reactions to other apps' events."""

from chushan.catalog.models import Product
from chushan.core import events


def seller_changed(*, seller_id: int, **payload) -> None:
    """A seller's certificates or status changed: its products' displayed claims may have too, so tell search."""
    product_ids = list(Product.objects.filter(seller_id=seller_id).values_list("pk", flat=True))
    if product_ids:
        events.publish(events.PRODUCT_CHANGED, product_ids=product_ids)
