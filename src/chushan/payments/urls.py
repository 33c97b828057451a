from django.urls import path

from chushan.payments import views

app_name = "payments"
urlpatterns = [
    path("payments/sandbox/<str:reference>/", views.sandbox_pay, name="sandbox_pay"),
]
