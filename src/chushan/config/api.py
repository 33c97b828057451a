"""The JSON API under /api/v1: one NinjaAPI, one router per domain, problem+json errors."""

from chushan.accounts.api import router as accounts_router
from chushan.aftersales.api import router as aftersales_router
from chushan.catalog.api import router as catalog_router
from chushan.core.openapi import ProblemDocumentedAPI
from chushan.core.problem import install_handlers
from chushan.heritage.api import router as heritage_router
from chushan.inventory.api import router as inventory_router
from chushan.orders.api import router as orders_router
from chushan.orders.api import seller_router as seller_orders_router
from chushan.payments.api import router as payments_router
from chushan.pos.api import router as pos_router
from chushan.pricing.api import router as pricing_router
from chushan.search.api import router as search_router
from chushan.sellers.api import router as sellers_router

api = ProblemDocumentedAPI(
    title="Chushan API",
    version="1",
    description="出山 — heritage crafts, farm goods and halal foods of China's mountain regions.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_handlers(api)
api.add_router("/auth", accounts_router)
api.add_router("/", search_router)
api.add_router("/", catalog_router)
api.add_router("/", heritage_router)
api.add_router("/", sellers_router)
api.add_router("/", payments_router)
api.add_router("/", inventory_router)
api.add_router("/", pricing_router)
api.add_router("/", orders_router)
api.add_router("/", seller_orders_router)
api.add_router("/", aftersales_router)
api.add_router("/", pos_router)
