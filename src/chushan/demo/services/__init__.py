"""Use cases of the demo app (see each module): the market and its trade, pictures, the synthetic catalogue."""

from chushan.demo.services.market import (
    LoadReport,
    SynthesisReport,
    demo_catalogue_synthesize,
    demo_market_load,
    demo_pictures_draw,
    search_refresh,
)

__all__ = [
    "LoadReport", "SynthesisReport", "demo_catalogue_synthesize", "demo_market_load", "demo_pictures_draw",
    "search_refresh",
]
