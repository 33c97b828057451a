"""Who may change which stock: the owner's staff everywhere, a host's staff at the counters it hosts."""

from django.utils.translation import gettext as _

from chushan.core.errors import PermissionDenied
from chushan.inventory.models import Location
from chushan.sellers.models import Membership


def member_seller_id(actor) -> int | None:
    """The seller the actor works for, or None for shoppers and the platform."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    return Membership.objects.filter(user_id=actor.pk).values_list("seller_id", flat=True).first()


def require_owner_staff(actor, location: Location) -> None:
    """Receipts, transfers, counts and location settings belong to the owner of the goods."""
    if member_seller_id(actor) != location.seller_id or location.seller_id is None:
        raise PermissionDenied(_("Only the staff of the seller who owns this stock may change it."),
                               code="not_your_stock")


def require_counter_staff(actor, location: Location) -> None:
    """A counter sale or a return at the counter: the owner's staff, or the host's at a consignment counter."""
    seller_id = member_seller_id(actor)
    if seller_id is None or seller_id not in {location.seller_id, location.host_seller_id}:
        raise PermissionDenied(_("Only the staff of this shop may sell or take returns at its counter."),
                               code="not_your_counter")


def require_signed_in_or_platform(actor) -> None:
    """Online holds are made for a signed-in shopper, or by the platform itself (actor None)."""
    if actor is not None and not (getattr(actor, "is_authenticated", False) and actor.is_active):
        raise PermissionDenied(_("Sign in to buy."), code="sign_in")
