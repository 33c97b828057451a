"""The shopper's one cart across sellers: add, change and remove lines. Prices are never stored here; the
server prices the cart whenever it is shown and again at checkout."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.catalog.models import Sku
from chushan.core.errors import NotFound, Unprocessable
from chushan.inventory.models import Location
from chushan.orders import rules
from chushan.orders.models import Address, Cart, CartLine
from chushan.orders.services._access import require_signed_in
from chushan.orders.services.checkout import pickup_problem, sale_problem

UNSET = object()


def _cart(actor) -> Cart:
    try:
        with transaction.atomic():
            cart, _created = Cart.objects.get_or_create(shopper=actor)
    except IntegrityError:  # created by a twin request at the same moment
        cart = Cart.objects.get(shopper=actor)
    return cart


def _check_place(actor, sku: Sku, fulfilment: str, pickup_location: Location | None, address: Address | None):
    if fulfilment not in rules.FULFILMENTS:
        message = _("Choose delivery, pick-up at a shop, or delivery from a shop.")
        raise Unprocessable(message, code="invalid_fulfilment", errors={"fulfilment": [message]})
    if fulfilment == rules.PICKUP and pickup_location is not None and (problem := pickup_problem(sku, pickup_location)):
        raise Unprocessable(problem, code="invalid_pickup_location", errors={"pickup_location_id": [problem]})
    if address is not None and address.shopper_id != actor.pk:
        message = _("Choose one of your delivery addresses.")
        raise Unprocessable(message, code="invalid_address", errors={"address_id": [message]})


def cart_line_add(*, actor, sku: Sku, quantity: int, fulfilment: str = rules.DELIVER,
                  pickup_location: Location | None = None, address: Address | None = None) -> CartLine:
    """Put units of a SKU in the cart; a SKU already there gets the units added."""
    require_signed_in(actor)
    quantity = rules.check_line_quantity(quantity)
    if problem := sale_problem(sku):
        raise Unprocessable(problem, code="not_for_sale", errors={"sku_id": [problem]})
    _check_place(actor, sku, fulfilment, pickup_location, address)
    with transaction.atomic():
        cart = Cart.objects.select_for_update().get(pk=_cart(actor).pk)
        line = cart.lines.filter(sku=sku).first()
        if line is None:
            if cart.lines.count() >= rules.MAX_CART_LINES:
                raise Unprocessable(_("A cart holds at most %(max)d lines.") % {"max": rules.MAX_CART_LINES},
                                    code="cart_full")
            line = CartLine.objects.create(cart=cart, sku=sku, quantity=quantity, fulfilment=fulfilment,
                                           pickup_location=pickup_location, address=address)
        else:
            total = rules.check_line_quantity(line.quantity + quantity)
            line.quantity, line.fulfilment = total, fulfilment
            line.pickup_location = pickup_location or line.pickup_location
            line.address = address or line.address
            line.save(update_fields=["quantity", "fulfilment", "pickup_location", "address"])
        Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())
    return line


def _own_line(actor, line: CartLine) -> CartLine:
    locked = (CartLine.objects.select_for_update(of=("self",)).select_related("sku__product__seller")
              .filter(pk=line.pk, cart__shopper_id=getattr(actor, "pk", None)).first())
    if locked is None:
        raise NotFound(_("There is no such line in your cart."))
    return locked


def cart_line_update(*, actor, line: CartLine, quantity=UNSET, fulfilment=UNSET, pickup_location=UNSET,
                     address=UNSET) -> CartLine:
    """Change what is given (quantity, fulfilment, pick-up shop, address); the rest stays."""
    require_signed_in(actor)
    with transaction.atomic():
        locked = _own_line(actor, line)
        if quantity is not UNSET:
            locked.quantity = rules.check_line_quantity(quantity)
        if fulfilment is not UNSET:
            locked.fulfilment = fulfilment
        if pickup_location is not UNSET:
            locked.pickup_location = pickup_location
        if address is not UNSET:
            locked.address = address
        _check_place(actor, locked.sku, locked.fulfilment, locked.pickup_location, locked.address)
        locked.save(update_fields=["quantity", "fulfilment", "pickup_location", "address"])
        Cart.objects.filter(pk=locked.cart_id).update(updated_at=timezone.now())
    return locked


def cart_line_remove(*, actor, line: CartLine) -> None:
    require_signed_in(actor)
    with transaction.atomic():
        _own_line(actor, line).delete()
