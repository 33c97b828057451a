"""After-sales pages. Shoppers: the return request form (from the order page), their requests and tickets.
Sellers (console): requests to decide, tickets they own. Operators (/ops/): tickets the platform owns and
escalated requests. Views parse, call one service or selector, and render; refusals become form errors."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chushan.aftersales import forms, rules, selectors, services
from chushan.aftersales.models import ReturnRequest
from chushan.core.errors import ApplicationError
from chushan.sellers.selectors import seller_of


def _or_404(found):
    if found is None:
        raise Http404
    return found


# Shoppers -----------------------------------------------------------------------------------------------------

@login_required
def return_new(request, number: str):
    """Ask for a return, refund or exchange of some units of the order, with photos."""
    order = _or_404(selectors.order_for_shopper(shopper=request.user, number=number))
    form = forms.ReturnRequestForm(request.POST or None, request.FILES or None,
                                   lines=selectors.returnable_lines(order=order))
    if request.method == "POST" and form.is_valid():
        data = services.ReturnRequestData(kind=form.cleaned_data["kind"], reason=form.cleaned_data["reason"],
                                          description=form.cleaned_data["description"], lines=form.lines())
        try:
            created = services.return_request_create(actor=request.user, order=order, data=data,
                                                     photos=form.cleaned_data["photos"])
        except ApplicationError as exc:
            forms.add_service_error(form, exc)
        else:
            messages.success(request, _("Request %(number)s sent; the seller decides by %(when)s.") % {
                "number": created.number, "when": timezone.localtime(created.decide_by).strftime("%Y-%m-%d %H:%M")})
            return redirect("aftersales:return", created.number)
    return render(request, "aftersales/return_form.html", {
        "order": order, "form": form, "hours": f"{settings.CHUSHAN_RETURN_DECISION_HOURS:g}"})


@login_required
def return_list(request):
    return render(request, "aftersales/return_list.html",
                  {"requests": selectors.return_list_for_shopper(shopper=request.user)[:100]})


@login_required
def return_detail(request, number: str):
    found = _or_404(selectors.return_get_for_shopper(shopper=request.user, number=number))
    return render(request, "aftersales/return_detail.html", {"req": found, "side": "shopper"})


@login_required
@require_POST
def return_cancel(request, number: str):
    found = _or_404(selectors.return_get_for_shopper(shopper=request.user, number=number))
    try:
        services.return_request_cancel(actor=request.user, request=found)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Request withdrawn."))
    return redirect("aftersales:return", found.number)


@login_required
def ticket_list(request):
    return render(request, "aftersales/ticket_list.html",
                  {"tickets": selectors.ticket_list_for_shopper(shopper=request.user)[:100], "side": "shopper"})


@login_required
def ticket_new(request, number: str):
    """Report a problem with an order."""
    order = _or_404(selectors.order_for_shopper(shopper=request.user, number=number))
    form = forms.TicketForm(request.POST or None, initial={"category": request.GET.get("about", "other")})
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.ticket_open(actor=request.user, order=order, **form.cleaned_data)
        except ApplicationError as exc:
            forms.add_service_error(form, exc)
        else:
            return redirect("aftersales:ticket", ticket.number)
    return render(request, "aftersales/ticket_form.html", {
        "order": order, "form": form, "hours": f"{settings.CHUSHAN_TICKET_RESPONSE_HOURS:g}"})


@login_required
def ticket_detail(request, number: str):
    """The timeline; the shopper writes, asks the platform to step in, or withdraws."""
    ticket = _or_404(selectors.ticket_get_for_shopper(shopper=request.user, number=number))
    action = request.POST.get("action", "message")
    form = _ticket_action_form(request, action)
    if request.method == "POST" and form.is_valid():
        try:
            if action == "escalate":
                services.ticket_reassign(actor=request.user, ticket=ticket, to_kind=rules.OWNER_PLATFORM,
                                         reason=form.cleaned_data["reason"])
            elif action == "withdraw":
                services.ticket_resolve(actor=request.user, ticket=ticket, outcome=rules.WITHDRAWN,
                                        note=form.cleaned_data["reason"])
            else:
                services.ticket_message_post(actor=request.user, ticket=ticket, body=form.cleaned_data["body"])
        except ApplicationError as exc:
            forms.add_service_error(form, exc)
        else:
            return redirect("aftersales:ticket", ticket.number)
    return render(request, "aftersales/ticket_detail.html", {
        "ticket": ticket, "form": form if action == "message" else forms.MessageForm(),
        "reason_form": form if action != "message" else forms.ReasonForm(), "side": "shopper"})


def _ticket_action_form(request, action: str):
    data = request.POST if request.method == "POST" else None
    return forms.MessageForm(data) if action == "message" else forms.ReasonForm(data)


# Sellers (console) ---------------------------------------------------------------------------------------------

def seller_page(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seller = seller_of(request.user)
        if seller is None:
            return redirect("sellers:application")
        return view(request, seller, *args, **kwargs)
    return wrapped


@seller_page
def console_returns(request, seller):
    state = request.GET.get("state") or None
    state = state if state in dict(ReturnRequest.State.choices) else None
    return render(request, "aftersales/console/return_list.html", {
        "seller": seller, "state": state, "states": ReturnRequest.State.choices,
        "requests": selectors.return_list_for_seller(seller=seller, state=state)[:200]})


def _return_forms(request, seller, action):
    locations = list(selectors.seller_locations(seller=seller))
    data = request.POST if request.method == "POST" else None
    return {
        "decide": forms.DecisionForm(data if action == "decide" else None, locations=locations),
        "receive": forms.LocationForm(data if action == "receive" else None, locations=locations),
        "exchange": forms.LocationForm(data if action == "exchange" else None, locations=locations),
        "refund": forms.ConfirmForm(data if action == "refund" else None),
    }


def _return_act(request, seller, found, action, form):
    location = selectors.location_get_for_seller(seller=seller, location_id=form.cleaned_data.get(
        "restock_location" if action == "decide" else "location"))
    if action == "decide":
        services.return_request_decide(actor=request.user, request=found, approve=form.cleaned_data["approve"],
                                       note=form.cleaned_data["note"], restock_location=location)
    elif action == "receive":
        services.return_request_receive(actor=request.user, request=found, location=location)
    elif action == "exchange":
        services.return_request_exchange_ship(actor=request.user, request=found, location=location,
                                              tracking_number=form.cleaned_data["tracking_number"])
    else:
        services.return_request_refund(actor=request.user, request=found)


@seller_page
def console_return(request, seller, number: str):
    """Decide, receive the goods into a location, refund, or send the replacement."""
    found = _or_404(selectors.return_get_for_seller(seller=seller, number=number))
    action = request.POST.get("action", "")
    all_forms = _return_forms(request, seller, action)
    form = all_forms.get(action)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            _return_act(request, seller, found, action, form)
        except ApplicationError as exc:
            forms.add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("aftersales:console_return", found.number)
    return render(request, "aftersales/console/return_detail.html", {
        "seller": seller, "req": found, "forms": all_forms, "side": "seller",
        "next_step": rules.next_step(kind=found.kind, state=found.state)})


@seller_page
def console_tickets(request, seller):
    everything = request.GET.get("all") == "1"
    return render(request, "aftersales/console/ticket_list.html", {
        "seller": seller, "everything": everything, "side": "seller",
        "tickets": selectors.ticket_list_for_seller(seller=seller, owned_only=not everything, state="open")[:200]})


@seller_page
def console_ticket(request, seller, number: str):
    ticket = _or_404(selectors.ticket_get_for_seller(seller=seller, number=number))
    return _staff_ticket_page(request, ticket, side="seller", outcomes=[rules.RESOLVED],
                              locations=list(selectors.seller_locations(seller=seller)),
                              template="aftersales/console/ticket_detail.html", extra={"seller": seller},
                              url="aftersales:console_ticket")


# Operators ----------------------------------------------------------------------------------------------------

@staff_member_required
def ops_tickets(request):
    escalated = request.GET.get("all") != "1"
    return render(request, "aftersales/ops/ticket_list.html", {
        "tickets": selectors.ticket_list_for_platform(escalated_only=escalated)[:200], "escalated": escalated,
        "returns": selectors.return_list_escalated()[:100], "side": "platform"})


@staff_member_required
def ops_ticket(request, number: str):
    ticket = _or_404(selectors.ticket_get_for_platform(number=number))
    return _staff_ticket_page(request, ticket, side="platform",
                              outcomes=[rules.UPHELD, rules.NOT_UPHELD, rules.RESOLVED],
                              locations=list(selectors.seller_locations(seller=ticket.seller)),
                              template="aftersales/ops/ticket_detail.html", extra={}, url="aftersales:ops_ticket")


@staff_member_required
def ops_return(request, number: str):
    """An escalated request: the operator approves or rejects it in the seller's place."""
    found = _or_404(selectors.return_get_for_platform(number=number))
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_request_decide(actor=request.user, request=found, approve=form.cleaned_data["approve"],
                                           note=form.cleaned_data["note"])
        except ApplicationError as exc:
            forms.add_service_error(form, exc)
        else:
            return redirect("aftersales:ops_tickets")
    return render(request, "aftersales/ops/return_detail.html", {"req": found, "form": form, "side": "platform"})


def _staff_ticket_page(request, ticket, *, side, outcomes, locations, template, extra, url):
    """Write, reassign or resolve, for the owner's side (seller staff) and for operators."""
    action = request.POST.get("action", "")
    data = request.POST if request.method == "POST" else None
    page_forms = {"message": forms.MessageForm(data if action == "message" else None),
                  "reassign": forms.ReassignForm(data if action == "reassign" else None, locations=locations),
                  "resolve": forms.ResolveForm(data if action == "resolve" else None, outcomes=outcomes)}
    form = page_forms.get(action)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            _ticket_act(request, ticket, action, form.cleaned_data, locations)
        except ApplicationError as exc:
            forms.add_service_error(form, exc)
        else:
            return redirect(url, ticket.number)
    return render(request, template, {"ticket": ticket, "forms": page_forms, "side": side, **extra})


def _ticket_act(request, ticket, action, data, locations):
    if action == "message":
        services.ticket_message_post(actor=request.user, ticket=ticket, body=data["body"])
    elif action == "reassign":
        location = next((loc for loc in locations if loc.pk == data["location"]), None)
        services.ticket_reassign(actor=request.user, ticket=ticket, to_kind=data["to"], location=location,
                                 reason=data["reason"])
    else:
        services.ticket_resolve(actor=request.user, ticket=ticket, outcome=data["outcome"], note=data["note"])
