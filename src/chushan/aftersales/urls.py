from django.urls import path

from chushan.aftersales import views

app_name = "aftersales"
urlpatterns = [
    path("aftersales/orders/<str:number>/return/", views.return_new, name="return_new"),
    path("aftersales/orders/<str:number>/ticket/", views.ticket_new, name="ticket_new"),
    path("aftersales/returns/", views.return_list, name="returns"),
    path("aftersales/returns/<str:number>/", views.return_detail, name="return"),
    path("aftersales/returns/<str:number>/cancel/", views.return_cancel, name="return_cancel"),
    path("aftersales/tickets/", views.ticket_list, name="tickets"),
    path("aftersales/tickets/<str:number>/", views.ticket_detail, name="ticket"),
    path("console/returns/", views.console_returns, name="console_returns"),
    path("console/returns/<str:number>/", views.console_return, name="console_return"),
    path("console/tickets/", views.console_tickets, name="console_tickets"),
    path("console/tickets/<str:number>/", views.console_ticket, name="console_ticket"),
    path("ops/tickets/", views.ops_tickets, name="ops_tickets"),
    path("ops/tickets/<str:number>/", views.ops_ticket, name="ops_ticket"),
    path("ops/returns/<str:number>/", views.ops_return, name="ops_return"),
]
