"""Inspectors: a seller lets an inspector or laboratory record inspections of its lots from the phone console.

The inspector signs in with their own account (not a member of the seller) and records the result; the event
joins the seller's chain with the organisation's name as the seller granted it, so a seller cannot type a
laboratory's name into an inspection the laboratory never made, and the scan page says who recorded it.
"""

from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.sellers.selectors import seller_of
from chushan.trace import builders
from chushan.trace.models import InspectorAccess, Lot, TraceEvent
from chushan.trace.services.capture import event_capture
from chushan.trace.services.console import lot_facts
from chushan.trace.services.identifiers import member_seller


def inspector_access_grant(*, actor, mobile: str, organisation: str) -> InspectorAccess:
    """A seller member lets the account with this mobile number record inspections of the seller's lots."""
    seller = member_seller(actor)
    mobile, organisation = (mobile or "").replace(" ", "").strip(), (organisation or "").strip()
    errors = {}
    if not organisation:
        errors["organisation"] = [_("Give the inspector's organisation or laboratory.")]
    inspector = get_user_model().objects.filter(mobile=mobile).first() if mobile else None
    if inspector is None:
        errors["mobile"] = [_("No account has this mobile number; ask the inspector to sign up first.")]
    elif seller_of(inspector) is not None and seller_of(inspector).pk == seller.pk:
        errors["mobile"] = [_("This is a member of your own seller: members record inspections on the lot page.")]
    if errors:
        raise Unprocessable(next(iter(errors.values()))[0], errors=errors)
    try:
        with transaction.atomic():
            return InspectorAccess.objects.create(seller=seller, inspector=inspector, organisation=organisation[:80],
                                                  granted_by=actor)
    except IntegrityError:  # the partial unique constraint: one active access per seller and inspector
        raise Conflict(_("This inspector can already record inspections of your lots."),
                       errors={"mobile": [_("Already granted.")]}) from None


def inspector_access_revoke(*, actor, access_id: int) -> InspectorAccess:
    """A seller member withdraws an inspector's access; inspections already recorded stay in the chain."""
    seller = member_seller(actor)
    with transaction.atomic():
        access = (InspectorAccess.objects.for_seller(seller).select_for_update()
                  .filter(pk=access_id, revoked_at__isnull=True).first())
        if access is None:
            raise NotFound(_("No such inspector access."))
        access.revoked_at = timezone.now()
        access.save(update_fields=["revoked_at"])
    return access


def lot_inspection_record(*, actor, lot: Lot, data: Mapping) -> TraceEvent:
    """An inspector with the seller's access records an inspection of one of its lots (the form's data)."""
    access = (InspectorAccess.objects.filter(seller_id=lot.seller_id, inspector=actor, revoked_at__isnull=True)
              .first() if getattr(actor, "is_authenticated", False) else None)
    if access is None:
        raise PermissionDenied(_("The seller of this lot has not let you record inspections."))
    if data.get("result") not in builders.INSPECTION_RESULTS:
        raise Unprocessable(_("Choose passed or failed."), errors={"result": [_("Choose passed or failed.")]})
    # The seller's sites are not the inspector's to choose: an inspection is placed by its organisation only.
    event = builders.console_event("inspection", lot_facts(lot), {**data, "site_gln": None,
                                                                   "inspector": access.organisation})
    return event_capture(actor=actor, seller=lot.seller, event=event, source=TraceEvent.Source.INSPECTOR)
