from django.urls import path

from chushan.sellers import views

app_name = "sellers"
urlpatterns = [
    path("console/", views.dashboard, name="console"),
    path("console/application/", views.application_edit, name="application"),
    path("console/application/submit/", views.application_submit, name="application_submit"),
    path("console/regions/<str:level>/", views.region_options, name="region_options"),
    path("console/certificates/", views.certificate_list, name="certificates"),
    path("console/certificates/new/", views.certificate_new, name="certificate_new"),
    path("console/certificates/fields/", views.certificate_kind_fields, name="certificate_kind_fields"),
    path("console/certificates/<int:pk>/document/", views.certificate_document, name="certificate_document"),
    path("console/staff/", views.staff, name="staff"),
    path("console/staff/<int:pk>/remove/", views.staff_remove, name="staff_remove"),
]
