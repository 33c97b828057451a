"""Prices charged by the apps above this one (orders, the counter), so the consistency report can check them
without importing those apps. An app registers a source in its AppConfig.ready():

    sources.register("orders", order_line_prices)   # (*, since, seller_id) -> Iterable[PriceObservation]
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PriceObservation:
    """One unit price a shopper was charged, with the list price and promotion it was computed from."""

    sku_id: int
    channel_code: str
    price: Decimal
    list_price: Decimal
    at: datetime.datetime
    promotion_id: int | None = None
    reference: str = ""
    location_id: int | None = None


Source = Callable[..., Iterable[PriceObservation]]
_sources: dict[str, Source] = {}


def register(name: str, source: Source) -> None:
    _sources[name] = source


def unregister(name: str) -> None:
    _sources.pop(name, None)


def all_sources() -> dict[str, Source]:
    return dict(_sources)
