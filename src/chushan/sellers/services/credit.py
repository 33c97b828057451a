"""The credit record (信用): operators and other services record events; the score moves with them."""

from django.db import transaction
from django.utils.translation import gettext as _

from chushan.core.errors import Unprocessable
from chushan.sellers import rules
from chushan.sellers.models import CreditEvent, Seller
from chushan.sellers.services._common import RECORD_CREDIT, credit_apply, require_perm, seller_changed


def credit_event_record(*, actor, seller: Seller, kind: str, reference: str = "", note: str = "") -> CreditEvent:
    """Add an event with the points the rules give its kind; a repeated (kind, reference) changes nothing.

    ``actor`` is an operator, or None when another service records it (an upheld complaint, a late shipment).
    Admission and certificate points are awarded only by the admission services.
    """
    with transaction.atomic():
        if actor is not None:
            require_perm(actor, RECORD_CREDIT)
        reference, note = (reference or "").strip(), (note or "").strip()
        errors = {}
        if kind not in CreditEvent.Kind.values or (actor is not None and kind in rules.SYSTEM_CREDIT_KINDS):
            errors["kind"] = [_("Choose one of: %(kinds)s.") % {"kinds": ", ".join(_operator_kinds())}]
        if len(reference) > 80:
            errors["reference"] = [_("At most %(n)d characters.") % {"n": 80}]
        if len(note) > 300:
            errors["note"] = [_("At most %(n)d characters.") % {"n": 300}]
        for field, value in (("reference", reference), ("note", note)):
            if rules.has_control_characters(value):
                errors[field] = [_("Remove the control characters.")]
        if errors:
            raise Unprocessable(_("Please correct the marked fields."), errors=errors)
        event, created = credit_apply(seller_id=seller.pk, kind=kind, reference=reference, note=note, actor=actor)
        if created:
            seller_changed(seller.pk)
    return event


def _operator_kinds() -> list[str]:
    return [k for k in CreditEvent.Kind.values if k not in rules.SYSTEM_CREDIT_KINDS]
