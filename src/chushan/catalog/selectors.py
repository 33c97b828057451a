"""Reads of the catalogue."""

from django.db.models import QuerySet

from chushan.catalog.models import Category, Product


def product_get_public(*, product_id: int) -> Product | None:
    return (Product.objects.published()
            .select_related("seller", "seller__region", "category", "heritage_item", "brand", "region",
                            "ethnic_group")
            .prefetch_related("skus", "images")
            .filter(pk=product_id).first())


def category_tree() -> QuerySet[Category]:
    return Category.objects.filter(parent__isnull=True).prefetch_related("children")
