from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from chushan.config.api import api
from chushan.core.views import api_not_found
from chushan.trace.api import epcis_api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/.*$", api_not_found),
    path("epcis/", epcis_api.urls),
    re_path(r"^epcis/.*$", api_not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("chushan.accounts.urls")),
    path("", include("chushan.sellers.urls")),
    path("", include("chushan.catalog.urls")),
    path("", include("chushan.inventory.urls")),
    path("", include("chushan.payments.urls")),
    path("", include("chushan.orders.urls")),
    path("", include("chushan.aftersales.urls")),
    path("", include("chushan.pos.urls")),
    path("", include("chushan.trace.urls")),
    path("", include("chushan.search.urls")),
    path("", include("chushan.storefront.urls")),
]

if settings.CHUSHAN_SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

handler400 = "chushan.core.views.bad_request"
handler403 = "chushan.core.views.permission_denied"
handler404 = "chushan.core.views.page_not_found"
handler500 = "chushan.core.views.server_error"
