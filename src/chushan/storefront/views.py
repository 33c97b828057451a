"""Public pages that bring several domains together: home, heritage items, brands, makers."""

from django.http import Http404
from django.shortcuts import render

from chushan.storefront import labels, selectors


def _choice(value: str, allowed) -> str:
    """A query parameter kept only when it is one of the allowed values (anything else means "all")."""
    return value if value in allowed else ""


def home(request):
    return render(request, "storefront/home.html", selectors.home_page())


def heritage_list(request):
    kind = _choice(request.GET.get("kind", ""), ("crafts", "living"))
    level = _choice(request.GET.get("level", ""), ("1", "2", "3", "4"))
    page = selectors.heritage_list_page(kind=kind, level=int(level) if level else None)
    return render(request, "storefront/heritage_list.html", page)


def heritage_detail(request, slug):
    page = selectors.heritage_page(slug=slug, page=request.GET.get("page", 1))
    if page is None:
        raise Http404
    return render(request, "storefront/heritage_detail.html", page)


def brand_list(request):
    return render(request, "storefront/brand_list.html", selectors.brand_list_page())


def brand_detail(request, slug):
    page = selectors.brand_page(slug=slug, page=request.GET.get("page", 1))
    if page is None:
        raise Http404
    return render(request, "storefront/brand_detail.html", page)


def seller_list(request):
    page = selectors.maker_list_page(province=_choice(request.GET.get("province", ""), ("52", "62")),
                                     entity=_choice(request.GET.get("entity", ""), labels.ENTITY_TYPES),
                                     page=request.GET.get("page", 1))
    return render(request, "storefront/seller_list.html", page)


def seller_detail(request, slug):
    page = selectors.seller_page(slug=slug, page=request.GET.get("page", 1))
    if page is None:
        raise Http404
    return render(request, "storefront/seller_detail.html", page)
