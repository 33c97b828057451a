"""The public product page."""

from django.http import Http404
from django.shortcuts import render

from chushan.catalog import selectors


def product_detail(request, product_id: int):
    page = selectors.product_page(product_id=product_id)
    if page is None:
        raise Http404
    return render(request, "catalog/product_detail.html", {"page": page, "product": page.product})
