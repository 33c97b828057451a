"""The price the counter charges: the same effective price the web shop computes (一物一价), from the pricing
app, on the counter's channel, so any difference from the web is an explicit channel promotion.

A walk-in customer is anonymous, so a promotion's per-shopper limit is applied per sale: the first units are
sold at the promotion's price and the rest at the list price, exactly as pricing.line_prices splits a web line.
"""

import datetime

from chushan.catalog.models import Sku
from chushan.pos.rules import PricedUnits
from chushan.pricing import selectors as pricing


def counter_units(*, sku: Sku, channel: str, quantity: int, at: datetime.datetime) -> list[PricedUnits]:
    """``quantity`` units of ``sku`` priced for a walk-in customer on a counter channel at ``at``."""
    return [PricedUnits(quantity=part.quantity, unit_price=part.unit_price, list_price=part.list_price,
                        promotion_id=part.promotion_id)
            for part in pricing.line_prices(sku=sku, channel=channel, quantity=quantity, at=at, shopper=None)]


def unit_prices(*, skus: list[Sku], channel: str, at: datetime.datetime) -> dict:
    """The price of one unit of each SKU on the channel (search results, the basket): sku id → amount."""
    return {pk: price.amount for pk, price in pricing.effective_prices(skus=skus, channel=channel, at=at).items()}
