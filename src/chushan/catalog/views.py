from django.http import Http404
from django.shortcuts import render

from chushan.catalog import selectors
from chushan.sellers.selectors import seller_badges


def product_detail(request, product_id: int):
    product = selectors.product_get_public(product_id=product_id)
    if product is None:
        raise Http404
    return render(request, "catalog/product_detail.html",
                  {"product": product, "badges": seller_badges(seller=product.seller)})
