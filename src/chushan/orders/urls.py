from django.urls import path

from chushan.orders import views

app_name = "orders"
urlpatterns = [
    path("cart/", views.cart, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/lines/<int:line_id>/", views.cart_line_update, name="cart_line"),
    path("cart/lines/<int:line_id>/remove/", views.cart_line_remove, name="cart_line_remove"),
    path("checkout/", views.checkout, name="checkout_new"),
    path("checkout/<str:number>/", views.checkout_detail, name="checkout"),
    path("checkout/<str:number>/pay/", views.checkout_pay, name="checkout_pay"),
    path("orders/", views.order_list, name="orders"),
    path("orders/<str:number>/", views.order_detail, name="order"),
    path("orders/<str:number>/pickup/", views.pickup_code, name="pickup_code"),
    path("orders/<str:number>/<str:action>/", views.order_act, name="order_act"),
    path("addresses/", views.address_list, name="addresses"),
    path("addresses/<int:address_id>/delete/", views.address_delete, name="address_delete"),
    path("console/orders/", views.console_orders, name="console_orders"),
    path("console/orders/<str:number>/", views.console_order, name="console_order"),
    path("console/orders/<str:number>/<str:action>/", views.console_order_act, name="console_order_act"),
    path("console/pickups/", views.console_pickups, name="console_pickups"),
    path("console/pickups/complete/", views.console_pickup_complete, name="console_pickup_complete"),
]
