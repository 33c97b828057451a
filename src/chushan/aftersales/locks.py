"""The only place after-sales rows are locked. Order: a return request or ticket first, then (inside the orders,
inventory and payments services) the checkout, the order, stock rows and the payment."""

from chushan.aftersales.models import ReturnRequest, Ticket
from chushan.orders.models import Order


def order_for_request(order_pk: int) -> Order:
    """The order a new request is about, locked so two requests cannot both take its last returnable units."""
    return Order.objects.select_for_update(of=("self",)).select_related("channel").get(pk=order_pk)


def request_for_update(pk: int) -> ReturnRequest:
    return ReturnRequest.objects.select_for_update(of=("self",)).select_related("order__channel").get(pk=pk)


def ticket_for_update(pk: int) -> Ticket:
    return Ticket.objects.select_for_update(of=("self",)).select_related("order", "owner_location").get(pk=pk)
