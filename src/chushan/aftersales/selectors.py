"""Reads for after-sales: the shopper's requests and tickets, the seller's (always through ``for_seller``), the
platform's queue, and what an order still allows. ``*_get`` returns None when the reader may not see it."""

from django.db.models import Q, QuerySet, Sum

from chushan.aftersales import rules
from chushan.aftersales.models import ReturnLine, ReturnRequest, Ticket
from chushan.inventory.models import Location
from chushan.orders.models import Order

NUMBER_MAX = 40


def _number(value) -> str:
    return (value or "").strip().upper()[:NUMBER_MAX] if isinstance(value, str) else ""


def _requests() -> QuerySet[ReturnRequest]:
    return (ReturnRequest.objects.select_related("order", "seller", "shopper", "restock_location", "order_refund",
                                                 "decided_by")
            .prefetch_related("lines__order_line", "photos"))


def _tickets() -> QuerySet[Ticket]:
    return (Ticket.objects.select_related("order", "seller", "shopper", "owner_seller", "owner_location",
                                          "return_request")
            .prefetch_related("messages__author", "assignments__actor"))


# Shoppers ---------------------------------------------------------------------------------------------------

def order_for_shopper(*, shopper, number: str) -> Order | None:
    return (Order.objects.for_shopper(shopper).select_related("seller", "pickup_location")
            .prefetch_related("lines").filter(number=_number(number)).first())


def return_list_for_shopper(*, shopper) -> QuerySet[ReturnRequest]:
    return _requests().filter(pk__in=ReturnRequest.objects.for_shopper(shopper).values("pk")).order_by(
        "-created_at", "-pk")


def return_get_for_shopper(*, shopper, number: str) -> ReturnRequest | None:
    return return_list_for_shopper(shopper=shopper).filter(number=_number(number)).first()


def returns_for_order(*, order: Order) -> QuerySet[ReturnRequest]:
    return _requests().filter(order=order).order_by("-created_at", "-pk")


def ticket_list_for_shopper(*, shopper) -> QuerySet[Ticket]:
    return _tickets().filter(pk__in=Ticket.objects.for_shopper(shopper).values("pk")).order_by("-updated_at", "-pk")


def ticket_get_for_shopper(*, shopper, number: str) -> Ticket | None:
    return ticket_list_for_shopper(shopper=shopper).filter(number=_number(number)).first()


def tickets_for_order(*, order: Order) -> QuerySet[Ticket]:
    return _tickets().filter(order=order).order_by("-updated_at", "-pk")


def returnable_lines(*, order: Order) -> list[tuple]:
    """Each line of the order with the units that may still be asked for."""
    lines = list(order.lines.all())
    asked = dict(ReturnLine.objects.filter(order_line__in=lines, request__state__in=rules.LIVE)
                 .values("order_line_id").annotate(n=Sum("quantity")).values_list("order_line_id", "n"))
    return [(line, rules.units_left(quantity=line.quantity, refunded=line.refunded_quantity,
                                    requested=asked.get(line.pk, 0))) for line in lines]


# Sellers ----------------------------------------------------------------------------------------------------

def return_list_for_seller(*, seller, state: str | None = None) -> QuerySet[ReturnRequest]:
    requests = ReturnRequest.objects.for_seller(seller)
    if state:
        requests = requests.filter(state=state)
    return _requests().filter(pk__in=requests.values("pk")).order_by("decide_by", "-pk")


def return_get_for_seller(*, seller, number: str) -> ReturnRequest | None:
    return _requests().filter(pk__in=ReturnRequest.objects.for_seller(seller).values("pk"),
                              number=_number(number)).first()


def ticket_list_for_seller(*, seller, owned_only: bool = True, state: str | None = "open") -> QuerySet[Ticket]:
    tickets = Ticket.objects.owned_by_seller(seller) if owned_only else Ticket.objects.for_seller(seller)
    if state:
        tickets = tickets.filter(state=state)
    return _tickets().filter(pk__in=tickets.values("pk")).order_by("respond_by", "-pk")


def ticket_get_for_seller(*, seller, number: str) -> Ticket | None:
    return _tickets().filter(pk__in=Ticket.objects.for_seller(seller).values("pk"), number=_number(number)).first()


def seller_locations(*, seller) -> QuerySet[Location]:
    return Location.objects.for_seller(seller).active().order_by("name", "pk")


def location_get_for_seller(*, seller, location_id) -> Location | None:
    if not isinstance(location_id, int) or not 0 < location_id < 2**63:
        return None
    return Location.objects.for_seller(seller).filter(pk=location_id).first()


# The platform -----------------------------------------------------------------------------------------------

def ticket_list_for_platform(*, escalated_only: bool = False) -> QuerySet[Ticket]:
    """Open tickets the platform owns (escalations first), or every open one."""
    tickets = Ticket.objects.open()
    if escalated_only:
        tickets = tickets.filter(owner_kind=rules.OWNER_PLATFORM)
    return _tickets().filter(pk__in=tickets.values("pk")).order_by("respond_by", "-pk")


def ticket_get_for_platform(*, number: str) -> Ticket | None:
    return _tickets().filter(number=_number(number)).first()


def return_list_escalated() -> QuerySet[ReturnRequest]:
    return _requests().filter(Q(state=rules.ESCALATED)).order_by("decide_by", "-pk")


def return_get_for_platform(*, number: str) -> ReturnRequest | None:
    return _requests().filter(number=_number(number)).first()
