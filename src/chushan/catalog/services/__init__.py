"""Every write to the catalogue, one function per use case (see the modules for each group)."""

from chushan.catalog.services.claims import product_claims_set
from chushan.catalog.services.images import ImageTooLarge, image_prepare, product_image_add, product_image_remove
from chushan.catalog.services.products import (
    ProductData,
    product_create,
    product_delist,
    product_publish,
    product_relist,
    product_unpublish,
    product_update,
)
from chushan.catalog.services.skus import SkuData, sku_add, sku_remove, sku_update

__all__ = [
    "ImageTooLarge", "ProductData", "SkuData", "image_prepare", "product_claims_set", "product_create",
    "product_delist", "product_image_add", "product_image_remove", "product_publish", "product_relist",
    "product_unpublish", "product_update", "sku_add", "sku_remove", "sku_update",
]
