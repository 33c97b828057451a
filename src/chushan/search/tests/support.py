"""Building blocks for search tests: products with a price, indexed, and searched."""

import itertools
from decimal import Decimal

from chushan.catalog.tests.factories import CategoryFactory, ProductFactory, SkuFactory
from chushan.search import services
from chushan.search.models import SearchDocument
from chushan.search.selectors import SearchFilters, product_search
from chushan.sellers.tests.factories import SellerFactory

_n = itertools.count()


def neutral_seller(**fields):
    """A seller whose name shares no word with the test products (the factory's name says 蜡染)."""
    return SellerFactory(**{"name": f"山里手艺人{next(_n)}号", **fields})


def neutral_category(**fields):
    return CategoryFactory(**{"name": f"好物{next(_n)}", "name_en": "", **fields})


def product(name: str, *, price: str = "168.00", seller=None, category=None, index: bool = True, **fields):
    """A product on sale with one SKU, indexed unless told otherwise."""
    made = ProductFactory(name=name, seller=seller or neutral_seller(), category=category or neutral_category(),
                          **fields)
    SkuFactory(product=made, price=Decimal(price))
    if index:
        services.search_index_products(product_ids=[made.pk])
    return made


def ids(query: str = "", *, sort: str = "relevance", limit: int = 50, **filters) -> list[int]:
    result = product_search(query=query, filters=SearchFilters(**filters), sort=sort, limit=limit)
    return [hit.product.pk for hit in result.hits]


def document(p) -> SearchDocument | None:
    return SearchDocument.objects.filter(pk=p.pk).first()
