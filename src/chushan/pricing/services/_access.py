"""Who may change a seller's prices: its staff, or platform operators (staff users)."""

from django.utils.translation import gettext as _

from chushan.core.errors import PermissionDenied
from chushan.sellers.models import Membership


def member_seller_id(actor) -> int | None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    return Membership.objects.filter(user_id=actor.pk).values_list("seller_id", flat=True).first()


def require_seller_staff(actor, seller_id: int) -> None:
    """The seller's own staff only: the platform does not set a seller's prices."""
    if member_seller_id(actor) != seller_id:
        raise PermissionDenied(_("Only the seller's staff may change its prices."), code="not_your_prices")
