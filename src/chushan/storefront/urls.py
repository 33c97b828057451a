from django.urls import path

from chushan.storefront import views

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("heritage/", views.heritage_list, name="heritage_items"),
    path("heritage/<slug:slug>/", views.heritage_detail, name="heritage_item"),
    path("brands/", views.brand_list, name="brands"),
    path("brands/<slug:slug>/", views.brand_detail, name="brand"),
    path("makers/", views.seller_list, name="sellers"),
    path("makers/<slug:slug>/", views.seller_detail, name="seller"),
]
