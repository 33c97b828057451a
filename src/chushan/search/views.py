"""The search page. With htmx a facet, sort or page link swaps only the results (the same template's
fragment) and pushes the URL; without JavaScript the same links load the whole page."""

from decimal import Decimal
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from chushan.core.errors import ApplicationError
from chushan.search import rules, selectors
from chushan.search.forms import SearchForm

CENT = Decimal("0.01")
PARAMS = ("q", "category", "region", "ethnic_group", "heritage_level", "certified", "price_min", "price_max", "sort")


def _link(state: dict, **changes) -> str:
    """/search with the current state, some parameters changed (None removes one); back to page 1."""
    merged = {**state, "page": None, **changes}
    return "/search?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def search_page(request):
    form = SearchForm(request.GET)
    form.is_valid()
    errors = [f"{form.fields[name].label or name}: {' '.join(msgs)}" for name, msgs in form.errors.items()]
    data = form.cleaned_data
    try:
        filters = selectors.search_filters_build(**form.filter_values())
    except ApplicationError as exc:
        errors.append(str(exc.message))
        filters = selectors.SearchFilters()
    page = data.get("page") or 1
    result = selectors.product_search(query=data.get("q", ""), filters=filters, sort=data.get("sort") or "relevance",
                                      limit=selectors.PAGE_SIZE, offset=(page - 1) * selectors.PAGE_SIZE)
    fragment = bool(request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"))
    context = {**_context(request, form, result, page=page, errors=errors), "fragment": fragment}
    response = render(request, "search/_results.html" if fragment else "search/search.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _context(request, form, result: selectors.SearchResult, *, page: int, errors: list[str]) -> dict:
    state = {name: request.GET.get(name, "") for name in PARAMS if name in form.cleaned_data}
    state["q"] = result.query
    for facet in result.facets:
        for value in facet.values:
            if facet.name == "price":
                low, high = rules.PRICE_RANGES[int(value.key)]
                value.url = _link(state, price_min=low, price_max=(high - CENT) if high else None)
            else:
                value.url = _link(state, **{facet.name: None if value.selected else value.key})
    active = [{"label": label, "url": _link(state, **({"price_min": None, "price_max": None} if name == "price"
                                                      else {name: None}))}
              for name, label in selectors.search_filters_describe(result.filters).items()]
    pages = -(-min(result.total, selectors.MAX_OFFSET + selectors.PAGE_SIZE) // selectors.PAGE_SIZE)
    return {
        "form": form, "result": result, "query": result.query, "errors": errors, "active_filters": active,
        "clear_url": _link({"q": result.query}), "page": page, "pages": pages,
        "previous_url": _link(state, page=page - 1) if page > 1 else None,
        "next_url": _link(state, page=page + 1) if page < pages else None,
        "sorts": [{"label": label, "url": _link(state, sort=None if key == "relevance" else key),
                   "selected": key == result.sort} for key, label in selectors.SORTS.items()],
        "suggestions": [{"text": s.text, "count": s.count, "url": _link({"q": s.text})} for s in result.suggestions],
        "hidden": {k: v for k, v in state.items() if k not in ("price_min", "price_max") and v},
        "title": _("Search") if not result.query else _("“%(q)s” · Search") % {"q": result.query},
    }
