"""Public pages that bring several domains together: home, heritage items, brands, makers."""

from django.http import Http404
from django.shortcuts import render

from chushan.storefront import selectors


def home(request):
    return render(request, "storefront/home.html", selectors.home_page())


def heritage_list(request):
    return render(request, "storefront/heritage_list.html", selectors.heritage_list_page())


def heritage_detail(request, slug):
    page = selectors.heritage_page(slug=slug)
    if page is None:
        raise Http404
    return render(request, "storefront/heritage_detail.html", page)


def brand_list(request):
    return render(request, "storefront/brand_list.html", selectors.brand_list_page())


def brand_detail(request, slug):
    page = selectors.brand_page(slug=slug)
    if page is None:
        raise Http404
    return render(request, "storefront/brand_detail.html", page)


def seller_detail(request, slug):
    page = selectors.seller_page(slug=slug)
    if page is None:
        raise Http404
    return render(request, "storefront/seller_detail.html", page)
