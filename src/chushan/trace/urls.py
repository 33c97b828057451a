from django.urls import path, re_path

from chushan.trace.views import console, inspect, public

app_name = "trace"
urlpatterns = [
    # GS1 Digital Link resolver at the site root: the QR code on the package points here.
    re_path(r"^01/(?P<gtin>[^/]+)/10/(?P<lot>[^/]+)/21/(?P<serial>[^/]+)/?$", public.scan, name="scan_lot_serial"),
    re_path(r"^01/(?P<gtin>[^/]+)/10/(?P<lot>[^/]+)/?$", public.scan, name="scan_lot"),
    re_path(r"^01/(?P<gtin>[^/]+)/21/(?P<serial>[^/]+)/?$", public.scan, name="scan_serial"),
    path("trace/anchors/", public.anchors, name="anchors"),
    # Seller console
    path("console/trace/", console.home, name="console_home"),
    path("console/trace/lots/new/", console.lot_new, name="console_lot_new"),
    path("console/trace/lots/<int:lot_id>/", console.lot_detail, name="console_lot"),
    path("console/trace/lots/<int:lot_id>/events/<slug:kind>/", console.lot_event, name="console_lot_event"),
    path("console/trace/lots/<int:lot_id>/serials/", console.lot_serials, name="console_lot_serials"),
    re_path(r"^console/trace/lots/(?P<lot_id>[0-9]+)/label\.(?P<fmt>png|pdf)$", console.lot_label,
            name="console_lot_label"),
    path("console/trace/lots/<int:lot_id>/recall/", console.lot_recall, name="console_lot_recall"),
    path("console/trace/sites/", console.sites, name="console_sites"),
    path("console/trace/inspectors/", inspect.inspectors, name="console_inspectors"),
    path("console/trace/inspectors/<int:access_id>/revoke/", inspect.inspector_revoke, name="console_inspector_revoke"),
    # Inspectors and laboratories a seller lets in (their own accounts, not the seller's members)
    path("inspect/", inspect.inspect_home, name="inspect_home"),
    path("inspect/lots/<int:lot_id>/", inspect.inspect_lot, name="inspect_lot"),
]
