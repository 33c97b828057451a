"""After-sales API: the shopper's return requests (/returns, photos by multipart) and tickets (/tickets); the
seller's requests to decide and tickets to answer (/seller/returns, /seller/tickets). Another shopper's or
seller's request or ticket is a 404; refusals are problem+json."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Path, Router, Status, UploadedFile
from ninja.pagination import paginate

from chushan.accounts.auth import user_auth
from chushan.aftersales import schemas, selectors, services
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable
from chushan.core.idempotency import idempotent
from chushan.sellers.selectors import seller_of

router = Router(tags=["after-sales"], auth=user_auth)
seller_router = Router(tags=["seller after-sales"], auth=user_auth)
NumberPath = Path[schemas.Number]


def _order(request, number: str):
    order = selectors.order_for_shopper(shopper=request.auth, number=number)
    if order is None:
        message = _("You have no order with this number.")
        raise NotFound(message, code="order_not_found", errors={"order_number": [message]})
    return order


def _own_return(request, number: str):
    found = selectors.return_get_for_shopper(shopper=request.auth, number=number)
    if found is None:
        raise NotFound(_("You have no return request with this number."), code="return_not_found")
    return found


def _own_ticket(request, number: str):
    found = selectors.ticket_get_for_shopper(shopper=request.auth, number=number)
    if found is None:
        raise NotFound(_("You have no ticket with this number."), code="ticket_not_found")
    return found


# Shoppers: return requests ----------------------------------------------------------------------------------

@router.get("/returns", response=list[schemas.ReturnOut], url_name="returns")
@paginate(schemas.BoundedPagination)
def return_list(request: HttpRequest):
    return selectors.return_list_for_shopper(shopper=request.auth)


@router.post("/returns", response={201: schemas.ReturnOut}, url_name="return_create")
@idempotent
def return_create(request: HttpRequest, payload: schemas.ReturnIn):
    """Ask for a return, a refund only or an exchange of some units of a delivered order. Faults of the goods
    need a photo: create the request with photos as multipart on the order page, or add them with
    POST /returns/{number}/photos (while the seller has not decided)."""
    created = services.return_request_create(
        actor=request.auth, order=_order(request, payload.order_number),
        data=services.ReturnRequestData(kind=payload.kind, reason=payload.reason, description=payload.description,
                                        lines=[(line.order_line_id, line.quantity) for line in payload.lines]))
    return Status(201, selectors.return_get_for_shopper(shopper=request.auth, number=created.number))


@router.get("/returns/{number}", response=schemas.ReturnOut, url_name="return")
def return_get(request: HttpRequest, number: NumberPath):
    return _own_return(request, number)


@router.post("/returns/{number}/photos", response={201: schemas.ReturnOut}, url_name="return_photo_add")
def return_photo_add(request: HttpRequest, number: NumberPath, file: File[UploadedFile]):
    """A picture of the problem (JPEG, PNG, WebP or GIF, decoded in full); anything else is refused."""
    found = _own_return(request, number)
    services.return_photo_add(actor=request.auth, request=found, upload=file)
    return Status(201, _own_return(request, number))


@router.post("/returns/{number}/cancel", response=schemas.ReturnOut, url_name="return_cancel")
def return_cancel(request: HttpRequest, number: NumberPath):
    services.return_request_cancel(actor=request.auth, request=_own_return(request, number))
    return _own_return(request, number)


# Shoppers: tickets ------------------------------------------------------------------------------------------

@router.get("/tickets", response=list[schemas.TicketOut], url_name="tickets")
@paginate(schemas.BoundedPagination)
def ticket_list(request: HttpRequest):
    return selectors.ticket_list_for_shopper(shopper=request.auth)


@router.post("/tickets", response={201: schemas.TicketOut}, url_name="ticket_create")
@idempotent
def ticket_create(request: HttpRequest, payload: schemas.TicketIn):
    """Report a problem with an order; the seller (or, for a pick-up, the shop) must answer by the deadline."""
    order = _order(request, payload.order_number)
    return_request = None
    if payload.return_number:
        return_request = selectors.return_get_for_shopper(shopper=request.auth, number=payload.return_number)
        if return_request is None:
            message = _("You have no return request with this number.")
            raise Unprocessable(message, code="return_not_found", errors={"return_number": [message]})
    ticket = services.ticket_open(actor=request.auth, order=order, subject=payload.subject, body=payload.body,
                                  category=payload.category, return_request=return_request)
    return Status(201, _own_ticket(request, ticket.number))


@router.get("/tickets/{number}", response=schemas.TicketOut, url_name="ticket")
def ticket_get(request: HttpRequest, number: NumberPath):
    """The ticket with its timeline: every message, and every change of owner with its reason."""
    return _own_ticket(request, number)


@router.post("/tickets/{number}/messages", response={201: schemas.TicketOut}, url_name="ticket_message")
def ticket_message(request: HttpRequest, number: NumberPath, payload: schemas.MessageIn):
    services.ticket_message_post(actor=request.auth, ticket=_own_ticket(request, number), body=payload.body)
    return Status(201, _own_ticket(request, number))


@router.post("/tickets/{number}/escalate", response=schemas.TicketOut, url_name="ticket_escalate")
def ticket_escalate(request: HttpRequest, number: NumberPath, payload: schemas.EscalateIn):
    """Ask the platform to step in (申请平台介入): the platform owns the ticket from now on."""
    services.ticket_reassign(actor=request.auth, ticket=_own_ticket(request, number), to_kind="platform",
                             reason=payload.reason)
    return _own_ticket(request, number)


@router.post("/tickets/{number}/withdraw", response=schemas.TicketOut, url_name="ticket_withdraw")
def ticket_withdraw(request: HttpRequest, number: NumberPath, payload: schemas.MessageIn):
    services.ticket_resolve(actor=request.auth, ticket=_own_ticket(request, number), outcome="withdrawn",
                            note=payload.body)
    return _own_ticket(request, number)


# Sellers ----------------------------------------------------------------------------------------------------

def _seller(request):
    seller = seller_of(request.auth)
    if seller is None:
        raise PermissionDenied(_("Only members of a seller handle after-sales. Apply to sell first."))
    return seller


def _seller_return(seller, number: str):
    found = selectors.return_get_for_seller(seller=seller, number=number)
    if found is None:
        raise NotFound(_("You have no return request with this number."), code="return_not_found")
    return found


def _seller_ticket(seller, number: str):
    found = selectors.ticket_get_for_seller(seller=seller, number=number)
    if found is None:
        raise NotFound(_("You have no ticket with this number."), code="ticket_not_found")
    return found


def _location(seller, location_id: int | None, field: str):
    if location_id is None:
        return None
    location = selectors.location_get_for_seller(seller=seller, location_id=location_id)
    if location is None:
        message = _("You have no location with this number.")
        raise Unprocessable(message, code="unknown_location", errors={field: [message]})
    return location


@seller_router.get("/returns", response=list[schemas.ReturnOut], url_name="seller_returns")
@paginate(schemas.BoundedPagination)
def seller_return_list(request: HttpRequest, state: schemas.ReturnStateName | None = None):
    """Requests about the seller's orders, those to decide soonest first."""
    return selectors.return_list_for_seller(seller=_seller(request), state=state)


@seller_router.get("/returns/{number}", response=schemas.ReturnOut, url_name="seller_return")
def seller_return_get(request: HttpRequest, number: NumberPath):
    return _seller_return(_seller(request), number)


@seller_router.post("/returns/{number}/decision", response=schemas.ReturnOut, url_name="seller_return_decide")
def seller_return_decide(request: HttpRequest, number: NumberPath, payload: schemas.DecisionIn):
    """Approve (naming where the goods should go back, if you like) or reject with a reason. Approving a refund
    only sends the money back at once."""
    seller = _seller(request)
    services.return_request_decide(
        actor=request.auth, request=_seller_return(seller, number), approve=payload.approve, note=payload.note,
        restock_location=_location(seller, payload.restock_location_id, "restock_location_id"))
    return _seller_return(seller, number)


@seller_router.post("/returns/{number}/receive", response=schemas.ReturnOut, url_name="seller_return_receive")
def seller_return_receive(request: HttpRequest, number: NumberPath, payload: schemas.ReceiveIn):
    """The goods came back: they go onto the shelf of the location given."""
    seller = _seller(request)
    services.return_request_receive(actor=request.auth, request=_seller_return(seller, number),
                                    location=_location(seller, payload.location_id, "location_id"))
    return _seller_return(seller, number)


@seller_router.post("/returns/{number}/refund", response=schemas.ReturnOut, url_name="seller_return_refund")
@idempotent
def seller_return_refund(request: HttpRequest, number: NumberPath):
    """Send the money for the returned units back through the order's payment (once)."""
    seller = _seller(request)
    services.return_request_refund(actor=request.auth, request=_seller_return(seller, number))
    return _seller_return(seller, number)


@seller_router.post("/returns/{number}/exchange", response=schemas.ReturnOut, url_name="seller_return_exchange")
def seller_return_exchange(request: HttpRequest, number: NumberPath, payload: schemas.ExchangeIn):
    """Send the replacement out of the location given, with its tracking number."""
    seller = _seller(request)
    services.return_request_exchange_ship(actor=request.auth, request=_seller_return(seller, number),
                                          location=_location(seller, payload.location_id, "location_id"),
                                          tracking_number=payload.tracking_number)
    return _seller_return(seller, number)


@seller_router.get("/tickets", response=list[schemas.TicketOut], url_name="seller_tickets")
@paginate(schemas.BoundedPagination)
def seller_ticket_list(request: HttpRequest, all: bool = False, state: schemas.TicketStateName | None = "open"):
    """Tickets the seller (or one of its shops) owns, soonest deadline first; ``all=true`` adds those about its
    orders that the platform owns now."""
    return selectors.ticket_list_for_seller(seller=_seller(request), owned_only=not all, state=state)


@seller_router.get("/tickets/{number}", response=schemas.TicketOut, url_name="seller_ticket")
def seller_ticket_get(request: HttpRequest, number: NumberPath):
    return _seller_ticket(_seller(request), number)


@seller_router.post("/tickets/{number}/messages", response={201: schemas.TicketOut}, url_name="seller_ticket_message")
def seller_ticket_message(request: HttpRequest, number: NumberPath, payload: schemas.MessageIn):
    """Answer the shopper; an answer from the owner stops its clock until the shopper writes again."""
    seller = _seller(request)
    services.ticket_message_post(actor=request.auth, ticket=_seller_ticket(seller, number), body=payload.body)
    return Status(201, _seller_ticket(seller, number))


@seller_router.post("/tickets/{number}/reassign", response=schemas.TicketOut, url_name="seller_ticket_reassign")
def seller_ticket_reassign(request: HttpRequest, number: NumberPath, payload: schemas.ReassignIn):
    """Give the ticket to the seller, one of its locations, or the platform, saying why (kept on the timeline)."""
    seller = _seller(request)
    services.ticket_reassign(actor=request.auth, ticket=_seller_ticket(seller, number), to_kind=payload.to,
                             location=_location(seller, payload.location_id, "location_id"), reason=payload.reason)
    return _seller_ticket(seller, number)


@seller_router.post("/tickets/{number}/resolve", response=schemas.TicketOut, url_name="seller_ticket_resolve")
def seller_ticket_resolve(request: HttpRequest, number: NumberPath, payload: schemas.ResolveIn):
    seller = _seller(request)
    services.ticket_resolve(actor=request.auth, ticket=_seller_ticket(seller, number), outcome=payload.outcome,
                            note=payload.note)
    return _seller_ticket(seller, number)


router.add_router("/seller", seller_router)
