from django.urls import path

from chushan.pos import views

app_name = "pos"
urlpatterns = [
    path("pos/", views.counter_list, name="counters"),
    path("pos/<int:location_id>/", views.counter, name="counter"),
    path("pos/<int:location_id>/scan/", views.basket_scan, name="scan"),
    path("pos/<int:location_id>/basket/<str:action>/", views.basket_line, name="basket"),
    path("pos/<int:location_id>/search/", views.search, name="search"),
    path("pos/<int:location_id>/pay/cash/", views.pay_cash, name="pay_cash"),
    path("pos/<int:location_id>/pay/qr/", views.pay_qr, name="pay_qr"),
    path("pos/<int:location_id>/receipts/<str:number>/", views.receipt, name="receipt"),
    path("pos/<int:location_id>/receipts/<str:number>/status/", views.sale_status, name="sale_status"),
    path("pos/<int:location_id>/receipts/<str:number>/cancel/", views.sale_cancel, name="sale_cancel"),
    path("pos/<int:location_id>/receipts/<str:number>/return/", views.return_new, name="return_new"),
    path("pos/<int:location_id>/returns/", views.returns, name="returns"),
    path("pos/<int:location_id>/pickups/", views.pickups, name="pickups"),
    path("pos/<int:location_id>/shelf-labels/", views.shelf_labels, name="shelf_labels"),
]
