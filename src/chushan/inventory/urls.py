from django.urls import path

from chushan.inventory import views

app_name = "inventory"
urlpatterns = [
    path("console/stock/", views.stock_home, name="home"),
    path("console/stock/locations/new/", views.location_new, name="location_new"),
    path("console/stock/locations/<int:location_id>/", views.location_detail, name="location"),
    path("console/stock/locations/<int:location_id>/edit/", views.location_edit, name="location_edit"),
    path("console/stock/locations/<int:location_id>/count/", views.count_new, name="count_new"),
    path("console/stock/receive/", views.receive, name="receive"),
    path("console/stock/transfers/", views.transfer_list, name="transfers"),
    path("console/stock/transfers/new/", views.transfer_new, name="transfer_new"),
    path("console/stock/counts/", views.count_list, name="counts"),
]
