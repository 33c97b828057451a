"""The only place order rows are locked. Order: a checkout before its orders, orders in primary-key order,
then (inside the inventory and payments services) reservations, stock rows and the payment. Every writer
takes them in this order, so a payment, a cancellation and a sweep never wait on each other in a circle."""

from chushan.orders.models import Checkout, Order, PickupCode


def checkout_for_update(pk: int) -> Checkout:
    return Checkout.objects.select_for_update().get(pk=pk)


def orders_for_update(pks) -> list[Order]:
    return list(Order.objects.filter(pk__in=sorted(set(pks))).order_by("pk").select_for_update(of=("self",)))


def order_for_update(pk: int) -> Order:
    return Order.objects.select_for_update(of=("self",)).get(pk=pk)


def checkout_orders_for_update(checkout_pk: int) -> list[Order]:
    return list(Order.objects.filter(checkout_id=checkout_pk).order_by("pk").select_for_update(of=("self",)))


def pickup_code_for_update(*, code: str, location_id: int) -> PickupCode | None:
    return (PickupCode.objects.select_for_update(of=("self",)).select_related("order")
            .filter(code=code, location_id=location_id).first())
