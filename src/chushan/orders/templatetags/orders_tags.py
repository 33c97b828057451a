"""Template helpers for pages outside this app that show what a shopper would pay (the product page)."""

from django import template

from chushan.inventory import rules as stock_rules
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
