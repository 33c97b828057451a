"""The product page opened from a shop's shelf QR code (?shop=<location>): that shop's stock of each option, and
the choice to buy it here and carry it, or have it delivered."""

from django import template

from chushan.pos import selectors

register = template.Library()


@register.inclusion_tag("pos/_shop_stock_panel.html", takes_context=True)
def shop_stock(context):
    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return {}
    raw = request.GET.get("shop", "")
    shop = selectors.shop_stock_for_page(location_id=int(raw) if raw.isdigit() else None, product=page.product,
                                         skus=page.skus)
    return {"shop": shop, "request": request, "buying_here": request.GET.get("at") == raw and shop is not None}
