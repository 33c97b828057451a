from django.urls import path

from chushan.catalog import views

app_name = "catalog"
urlpatterns = [
    path("products/<int:product_id>/", views.product_detail, name="product"),
]
