"""Template helpers: what a shopper would pay (for the product page), and an address's divisions."""

from django import template
from django.utils import translation

from chushan.inventory import rules as stock_rules
from chushan.orders import selectors as order_selectors
from chushan.pricing import selectors as price_selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def web_promotions(context, skus) -> list:
    """(SKU, price) for the SKUs a promotion lowers on the web shop now, for this visitor."""
    skus = list(skus or [])
    request = context.get("request")
    prices = price_selectors.effective_prices(skus=skus, channel=stock_rules.WEB,
                                              shopper=getattr(request, "user", None))
    return [(sku, prices[sku.pk]) for sku in skus if prices[sku.pk].promotion_id is not None]


@register.filter
def region_path(region) -> str:
    """An address's divisions as people write them: 贵州省黔东南苗族侗族自治州凯里市 run together in Chinese,
    "Kaili City, Qiandongnan …, Guizhou Province" smallest first with commas in English."""
    if region is None:
        return ""
    names = [r.display_name for r in region.path()]
    if (translation.get_language() or "").startswith("en"):
        return ", ".join(reversed(names))
    return "".join(names)


@register.simple_tag(takes_context=True)
def cart_count(context) -> int:
    """Units in the signed-in visitor's cart, for the header."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return order_selectors.cart_count(shopper=user)
