"""Who is acting on an order: the platform (None), an operator (staff), the seller's staff, the shopper."""

from django.utils.translation import gettext as _

from chushan.core.errors import NotFound, PermissionDenied
from chushan.orders import rules
from chushan.sellers.models import Membership


def member_seller_id(actor) -> int | None:
    """The seller the actor works for, or None for shoppers and the platform."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    return Membership.objects.filter(user_id=actor.pk).values_list("seller_id", flat=True).first()


def roles_of(actor, order) -> set[str]:
    if actor is None:
        return {rules.PLATFORM}
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return set()
    roles = set()
    if actor.is_staff:
        roles.add(rules.OPERATOR)
    if actor.pk == order.shopper_id:
        roles.add(rules.SHOPPER)
    if member_seller_id(actor) == order.seller_id:
        roles.add(rules.SELLER)
    return roles


def require_roles(actor, order, allowed: set[str]) -> set[str]:
    """The actor's roles on this order; someone with none gets 404 (an order of another shopper or seller
    does not exist for them), someone with the wrong one gets 403."""
    roles = roles_of(actor, order)
    if not roles:
        raise NotFound(_("There is no such order."), code="order_not_found")
    if not roles & (allowed | {rules.PLATFORM, rules.OPERATOR}):
        raise PermissionDenied(_("You may not do this with this order."), code="not_your_order")
    return roles


def require_counter_staff(actor, location) -> None:
    """A pick-up is handed over by the staff of the shop: its owner's, or the host's at a consignment counter."""
    seller_id = member_seller_id(actor)
    if seller_id is None or seller_id not in {location.seller_id, location.host_seller_id}:
        raise NotFound(_("You have no shop with this number."), code="not_your_counter")


def require_signed_in(actor) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(_("Sign in to shop."), code="sign_in")
