"""Who is acting in after-sales: the shopper of the order, the seller's staff, an operator, or the platform
(None, a periodic task). Someone with no part in an order finds nothing (404); the wrong part gets 403."""

from django.utils.translation import gettext as _

from chushan.aftersales import rules
from chushan.core.errors import NotFound, PermissionDenied
from chushan.sellers.models import Membership


def member_seller_id(actor) -> int | None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    return Membership.objects.filter(user_id=actor.pk).values_list("seller_id", flat=True).first()


def is_operator(actor) -> bool:
    return bool(actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active
                and actor.is_staff)


def roles_on(actor, *, shopper_id: int, seller_ids: set[int]) -> set[str]:
    """The actor's parts: shopper (their own order), seller (staff of one of ``seller_ids``), platform
    (an operator, or None for the platform itself)."""
    if actor is None:
        return {rules.PLATFORM}
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return set()
    roles = set()
    if actor.pk == shopper_id:
        roles.add(rules.SHOPPER)
    if member_seller_id(actor) in seller_ids:
        roles.add(rules.SELLER)
    if actor.is_staff:
        roles.add(rules.PLATFORM)
    return roles


def require(actor, *, shopper_id: int, seller_ids: set[int], allowed: set[str], what: str) -> set[str]:
    roles = roles_on(actor, shopper_id=shopper_id, seller_ids=seller_ids)
    if not roles:
        raise NotFound(_("There is no such %(what)s.") % {"what": what}, code="not_found")
    if not roles & (allowed | {rules.PLATFORM}):
        raise PermissionDenied(_("You may not do this with this %(what)s.") % {"what": what}, code="not_yours")
    return roles
