"""Page data for the public pages; each returns a template context or None when absent."""

from chushan.catalog.models import Product
from chushan.heritage import selectors as heritage
from chushan.sellers import selectors as sellers
from chushan.sellers.models import Seller


def _published_products():
    return (Product.objects.published().select_related("seller", "region")
            .prefetch_related("skus", "images"))


def home_page() -> dict:
    return {
        "brands": list(heritage.brand_list()[:8]),
        "heritage_items": list(heritage.heritage_item_list()[:12]),
        "makers": list(Seller.objects.admitted().select_related("region").order_by("-credit_score", "name")[:8]),
    }


def heritage_list_page() -> dict:
    return {"items": heritage.heritage_item_list()}


def heritage_page(*, slug: str) -> dict | None:
    item = heritage.heritage_item_get(slug=slug)
    if item is None:
        return None
    return {"item": item, "products": _published_products().filter(heritage_item=item)[:24]}


def brand_list_page() -> dict:
    return {"brands": heritage.brand_list()}


def brand_page(*, slug: str) -> dict | None:
    brand = heritage.brand_get(slug=slug)
    if brand is None:
        return None
    return {"brand": brand, "products": _published_products().filter(brand=brand)[:24]}


def seller_page(*, slug: str) -> dict | None:
    seller = sellers.seller_get_public(slug=slug)
    if seller is None:
        return None
    return {"seller": seller, "badges": sellers.seller_badges(seller=seller),
            "products": _published_products().filter(seller=seller)[:48]}
