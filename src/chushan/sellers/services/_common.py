"""What every admission service shares: permission checks, the audit trail, credit, change events."""

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext as _

from chushan.core import events
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.sellers import rules
from chushan.sellers.models import AdmissionDecision, Certificate, CreditEvent, Membership, Seller

REVIEW = "sellers.review_seller"
SUSPEND = "sellers.suspend_seller"
RECORD_CREDIT = "sellers.record_credit_event"
REASON_MAX = 300


def require_perm(actor, perm: str) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.has_perm(perm):
        raise PermissionDenied(_("You may not do this: it needs the %(role)s role.") % {"role": _role(perm)})


def _role(perm: str) -> str:
    return {REVIEW: _("admission reviewer"), SUSPEND: _("platform operator"),
            RECORD_CREDIT: _("platform operator")}.get(perm, perm)


def require_member(actor, seller: Seller, *, owner: bool = False) -> Membership:
    """The actor's membership of ``seller``; anyone else is refused, whatever seller they belong to."""
    membership = None
    if actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active:
        membership = Membership.objects.filter(user=actor, seller_id=seller.pk).first()
    if membership is None:
        raise PermissionDenied(_("You are not a member of this seller."))
    if owner and membership.role != Membership.Role.OWNER:
        raise PermissionDenied(_("Only the seller's owner may do this."))
    return membership


def clean_reason(reason: str | None, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise Unprocessable(_("Give a reason; the seller will see it."), errors={"reason": [_("Required.")]})
    if rules.has_control_characters(reason):
        message = _("Remove the control characters.")
        raise Unprocessable(message, errors={"reason": [message]})
    if len(reason) > REASON_MAX:
        raise Unprocessable(_("Keep the reason under %(n)d characters.") % {"n": REASON_MAX},
                            errors={"reason": [_("Too long.")]})
    return reason


def decide(*, seller: Seller | None = None, seller_id: int | None = None, action: str, actor=None,
           reason: str = "", certificate: Certificate | None = None) -> AdmissionDecision:
    """Append one row to the audit trail."""
    return AdmissionDecision.objects.create(seller_id=seller_id or seller.pk, action=action, actor=actor,
                                            reason=reason, certificate=certificate)


def seller_changed(seller_id: int) -> None:
    """Badges, credit or status changed: search reindexes, catalog re-checks claims (after commit)."""
    events.publish(events.SELLER_CHANGED, seller_id=seller_id)


def credit_apply(*, seller_id: int, kind: str, reference: str = "", note: str = "",
                 actor=None) -> tuple[CreditEvent, bool]:
    """Record a credit event and move the score, once per (seller, kind, reference).

    Returns the event and whether it is new; a repeated reference changes nothing. Runs inside the
    caller's transaction; the caller publishes the change.
    """
    points = rules.credit_points(kind)
    if reference:
        existing = CreditEvent.objects.filter(seller_id=seller_id, kind=kind, reference=reference).first()
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            event = CreditEvent.objects.create(seller_id=seller_id, kind=kind, points=points, reference=reference,
                                               note=note, actor=actor)
    except IntegrityError:
        # A concurrent retry won the unique constraint: the database refused our copy.
        return CreditEvent.objects.get(seller_id=seller_id, kind=kind, reference=reference), False
    Seller.objects.filter(pk=seller_id).update(
        credit_score=Greatest(Value(rules.CREDIT_MIN), Least(Value(rules.CREDIT_MAX), F("credit_score") + points)))
    return event, True
