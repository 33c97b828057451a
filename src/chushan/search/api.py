"""GET /api/v1/search: the same search as the page, as JSON."""

from django.http import HttpRequest
from ninja import Query, Router

from chushan.search import schemas, selectors

router = Router(tags=["search"])


def _item(hit: selectors.Hit) -> dict:
    product = hit.product
    return {
        "id": product.pk, "name": product.name, "display_name": product.display_name,
        "url": product.get_absolute_url(), "price": f"{hit.price:.2f}",
        "seller": {"slug": product.seller.slug, "name": product.seller.name, "url": product.seller.url},
        "category": {"id": product.category.id, "slug": product.category.slug,
                     "name": product.category.display_name},
        "image": product.image_url, "heritage_level": hit.heritage_level or None,
        "badges": hit.badges, "score": round(hit.score, 6),
    }


@router.get("/search", response=schemas.SearchOut, url_name="search")
def search(request: HttpRequest, params: Query[schemas.SearchIn]):
    """Products on sale by admitted sellers, ranked by text relevance blended with authenticity (backed
    certificates, heritage level) and seller credit; never by price or sales alone. Facet counts cover
    every match. See docs/ranking.md."""
    filters = selectors.search_filters_build(
        category=params.category, region=params.region, ethnic_group=params.ethnic_group,
        heritage_level=params.heritage_level, certified=params.certified, price_min=params.price_min,
        price_max=params.price_max)
    result = selectors.product_search(query=params.q, filters=filters, sort=params.sort, limit=params.limit,
                                      offset=params.offset)
    return {
        "items": [_item(hit) for hit in result.hits], "count": result.total, "count_exact": result.total_exact,
        "limit": result.limit,
        "offset": result.offset, "q": result.query, "words": result.words, "relaxed": result.relaxed,
        "facets": {f.name: {"label": f.label, "values": [
            {"value": v.key, "label": v.label, "count": v.count, "selected": v.selected} for v in f.values]}
            for f in result.facets},
        "suggestions": [{"q": s.text, "count": s.count} for s in result.suggestions],
    }
