"""The only place catalogue rows are locked for update; always one product, then its rows in pk order."""

from chushan.catalog.models import Product, Sku


def product_lock_for_seller(*, seller, product_id: int) -> Product | None:
    """The seller's own product, locked; None for another seller's or a missing one."""
    return Product.objects.for_seller(seller).select_for_update().filter(pk=product_id).first()


def product_lock(*, product_id: int) -> Product | None:
    """Any product, locked: for operators acting across sellers."""
    return Product.objects.select_for_update().filter(pk=product_id).first()


def sku_lock(*, product: Product, sku_id: int) -> Sku | None:
    return Sku.objects.select_for_update().filter(product=product, pk=sku_id).first()
