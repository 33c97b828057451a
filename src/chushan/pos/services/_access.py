"""Who may work a counter: the staff of the seller who owns the location, or of the seller whose shop hosts
it (a consignment counter: the host's clerks sell the owner's goods)."""

from django.utils.translation import gettext as _

from chushan.core.errors import PermissionDenied
from chushan.sellers.models import Membership


def member_seller_id(actor) -> int | None:
    """The seller the actor works for, or None for shoppers, strangers and the platform."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    return Membership.objects.filter(user_id=actor.pk).values_list("seller_id", flat=True).first()


def works_at(actor, location) -> bool:
    seller_id = member_seller_id(actor)
    return seller_id is not None and seller_id in {location.seller_id, location.host_seller_id}


def require_counter_staff(actor, location) -> None:
    if not works_at(actor, location):
        raise PermissionDenied(_("Only the staff of this shop may use its counter."), code="not_your_counter")
