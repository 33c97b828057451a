"""The JSON API under /api/v1: one NinjaAPI, one router per domain, problem+json errors."""

from ninja import NinjaAPI

from chushan.accounts.api import router as accounts_router
from chushan.catalog.api import router as catalog_router
from chushan.core.problem import install_handlers
from chushan.heritage.api import router as heritage_router
from chushan.search.api import router as search_router
from chushan.sellers.api import router as sellers_router

api = NinjaAPI(
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
