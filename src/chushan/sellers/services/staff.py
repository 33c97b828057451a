"""A seller's owner adds and removes staff (店员)."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, Unprocessable
from chushan.sellers import rules
from chushan.sellers.models import Membership, Seller
from chushan.sellers.services._common import require_member


def staff_add(*, actor, seller: Seller, mobile: str) -> Membership:
    """The owner adds someone who has already signed up, by their mobile number."""
    with transaction.atomic():
        require_member(actor, seller, owner=True)
        mobile = (mobile or "").strip()
        if not rules.mobile_is_valid(mobile):
            raise Unprocessable(_("Enter an 11-digit mainland mobile number."),
                                errors={"mobile": [_("Enter an 11-digit mainland mobile number.")]})
        user = get_user_model().objects.filter(mobile=mobile, is_active=True).first()
        if user is None:
            raise Unprocessable(_("No one has signed up with this number; ask them to sign up first."),
                                errors={"mobile": [_("No account with this number.")]})
        if Membership.objects.filter(user=user).exists():
            raise Conflict(_("This person already works for a seller."),
                           errors={"mobile": [_("Already a member of a seller.")]})
        try:
            with transaction.atomic():
                return Membership.objects.create(user=user, seller=seller, role=Membership.Role.STAFF)
        except IntegrityError as exc:
            raise Conflict(_("This person already works for a seller."),
                           errors={"mobile": [_("Already a member of a seller.")]}) from exc


def staff_remove(*, actor, membership: Membership) -> None:
    """The owner removes a staff member; the owner cannot be removed."""
    with transaction.atomic():
        require_member(actor, membership.seller, owner=True)
        if membership.role == Membership.Role.OWNER:
            raise Unprocessable(_("The owner cannot be removed."))
        Membership.objects.filter(pk=membership.pk).delete()
