"""Admission (准入): apply, edit, submit, review; operators suspend and reinstate."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.heritage.models import EthnicGroup
from chushan.regions.models import Region
from chushan.sellers import locks, rules, selectors
from chushan.sellers.models import AdmissionDecision, Certificate, Membership, Seller
from chushan.sellers.services._common import (
    REVIEW,
    SUSPEND,
    clean_reason,
    credit_apply,
    decide,
    require_member,
    require_perm,
    seller_changed,
)

Action = AdmissionDecision.Action
LIMITS = {"name": 100, "address": 200, "contact_name": 50, "story": 4000, "story_en": 4000}


@dataclass
class SellerApplication:
    """What an applicant tells us; the region is a county-level division code."""

    name: str
    entity_type: str
    region_code: str
    address: str
    contact_name: str
    contact_mobile: str
    credit_code: str = ""
    story: str = ""
    story_en: str = ""
    ethnic_group_code: str = ""

    @classmethod
    def of(cls, seller: Seller, **changes) -> "SellerApplication":
        """The seller's current application, with ``changes`` applied (for partial updates)."""
        current = cls(name=seller.name, entity_type=seller.entity_type, region_code=seller.region_id,
                      address=seller.address, contact_name=seller.contact_name,
                      contact_mobile=seller.contact_mobile, credit_code=seller.credit_code or "",
                      story=seller.story, story_en=seller.story_en,
                      ethnic_group_code=seller.ethnic_group.code if seller.ethnic_group_id else "")
        for field, value in changes.items():
            setattr(current, field, value if value is not None else "")
        return current


def seller_apply(*, actor, data: SellerApplication) -> Seller:
    """Start an application: a draft seller, with the actor as its owner."""
    with transaction.atomic():
        if actor is None or not getattr(actor, "is_authenticated", False):
            raise PermissionDenied(_("Sign in before applying."))
        if Membership.objects.filter(user=actor).exists():
            raise Conflict(_("You already belong to a seller; one account works for one seller only."))
        values = _clean_application(data)
        seller = Seller(**values, slug=_unique_slug(values["name"]), status=Seller.Status.DRAFT)
        _save(seller)
        Membership.objects.create(user=actor, seller=seller, role=Membership.Role.OWNER)
    return seller


def seller_update_application(*, actor, seller: Seller, data: SellerApplication) -> Seller:
    """Change the application while it is a draft or after it was rejected."""
    with transaction.atomic():
        require_member(actor, seller)
        seller = locks.seller_for_update(seller.pk)
        if seller.status not in (Seller.Status.DRAFT, Seller.Status.REJECTED):
            raise Conflict(_("The application can be changed only as a draft or after a rejection; it is now "
                             "“%(status)s”.") % {"status": seller.get_status_display()})
        for field, value in _clean_application(data, seller=seller).items():
            setattr(seller, field, value)
        _save(seller)
    return seller


def seller_submit(*, actor, seller: Seller) -> Seller:
    """Send the application to the reviewers once it holds what its kind of seller needs."""
    with transaction.atomic():
        require_member(actor, seller)
        seller = locks.seller_for_update(seller.pk)
        if seller.status not in (Seller.Status.DRAFT, Seller.Status.REJECTED):
            raise Conflict(_("Only a draft or a rejected application can be submitted; it is now “%(status)s”.")
                           % {"status": seller.get_status_display()})
        missing = selectors.application_missing(seller=seller)
        if missing:
            raise Unprocessable(_("Before submitting, add: %(missing)s.") % {"missing": "; ".join(missing)},
                                extra={"missing": missing})
        _refuse_unfit_certificates(seller)
        seller.status, seller.submitted_at = Seller.Status.SUBMITTED, timezone.now()
        seller.save(update_fields=["status", "submitted_at"])
        decide(seller=seller, action=Action.SUBMITTED, actor=actor)
        seller_changed(seller.pk)
    return seller


def seller_review(*, actor, seller: Seller, approve: bool, reason: str = "") -> Seller:
    """A reviewer admits or rejects a submitted application; admission opens the credit record."""
    with transaction.atomic():
        require_perm(actor, REVIEW)
        seller = locks.seller_for_update(seller.pk)
        if Membership.objects.filter(user=actor, seller=seller).exists():
            raise PermissionDenied(_("You cannot review a seller you work for."))
        if seller.status != Seller.Status.SUBMITTED:
            raise Conflict(_("This application is not awaiting review; it is “%(status)s”.")
                           % {"status": seller.get_status_display()})
        reason = clean_reason(reason, required=not approve)
        if not approve:
            seller.status = Seller.Status.REJECTED
            seller.save(update_fields=["status"])
            decide(seller=seller, action=Action.REJECTED, actor=actor, reason=reason)
            seller_changed(seller.pk)
            return seller
        _check_admissible(seller)
        seller.status, seller.admitted_at = Seller.Status.ADMITTED, timezone.now()
        seller.save(update_fields=["status", "admitted_at"])
        decide(seller=seller, action=Action.APPROVED, actor=actor, reason=reason)
        credit_apply(seller_id=seller.pk, kind="admission", reference="admission", actor=actor)
        seller_changed(seller.pk)
    seller.refresh_from_db(fields=["credit_score"])
    return seller


def seller_suspend(*, actor, seller: Seller, reason: str) -> Seller:
    """An operator takes an admitted seller off the market; its products stop showing."""
    return _switch(actor=actor, seller=seller, reason=reason, source=Seller.Status.ADMITTED,
                   target=Seller.Status.SUSPENDED, action=Action.SUSPENDED)


def seller_reinstate(*, actor, seller: Seller, reason: str) -> Seller:
    """An operator lifts a suspension."""
    return _switch(actor=actor, seller=seller, reason=reason, source=Seller.Status.SUSPENDED,
                   target=Seller.Status.ADMITTED, action=Action.REINSTATED)


def _switch(*, actor, seller, reason, source, target, action) -> Seller:
    with transaction.atomic():
        require_perm(actor, SUSPEND)
        seller = locks.seller_for_update(seller.pk)
        if seller.status != source:
            raise Conflict(_("This seller is “%(status)s”, so it cannot be changed that way.")
                           % {"status": seller.get_status_display()})
        reason = clean_reason(reason, required=True)
        seller.status = target
        seller.save(update_fields=["status"])
        decide(seller=seller, action=action, actor=actor, reason=reason)
        seller_changed(seller.pk)
    return seller


def _check_admissible(seller: Seller) -> None:
    pending = list(Certificate.objects.for_seller(seller).filter(status=Certificate.Status.PENDING)
                   .values_list("pk", flat=True))
    if pending:
        raise Unprocessable(_("Review every certificate of this seller first (%(n)d awaiting review).")
                            % {"n": len(pending)}, extra={"pending_certificates": pending})
    missing = selectors.admission_missing(seller=seller)
    if missing:
        raise Unprocessable(_("This seller cannot be admitted without approved, unexpired: %(missing)s.")
                            % {"missing": "; ".join(missing)}, extra={"missing": missing})


def _refuse_unfit_certificates(seller: Seller) -> None:
    kinds = set(Certificate.objects.for_seller(seller).live().values_list("kind", flat=True))
    unfit = sorted(k for k in kinds if not rules.kind_allowed(seller.entity_type, k))
    if unfit:
        labels = ", ".join(str(Certificate.Kind(k).label) for k in unfit)
        raise Unprocessable(_("Sellers registered as “%(entity)s” cannot hold: %(kinds)s. Change the entity type or "
                              "ask a reviewer to reject those certificates.")
                            % {"entity": seller.get_entity_type_display(), "kinds": labels})


def _clean_application(data: SellerApplication, *, seller: Seller | None = None) -> dict:
    """Model values from the application, or one 422 listing every wrong field."""
    errors: dict[str, list[str]] = {}
    values = {f: (getattr(data, f) or "").strip() for f in ("name", "address", "contact_name", "story", "story_en")}
    for field, limit in LIMITS.items():
        if field in ("name", "address", "contact_name") and not values[field]:
            errors[field] = [_("Required.")]
        elif len(values[field]) > limit:
            errors[field] = [_("At most %(n)d characters.") % {"n": limit}]
        elif rules.has_control_characters(values[field]):
            errors[field] = [_("Remove the control characters.")]
    entity_type = data.entity_type
    if entity_type not in Seller.EntityType.values:
        errors["entity_type"] = [_("Choose enterprise, cooperative, inheritor or household.")]
    mobile = (data.contact_mobile or "").strip()
    if not rules.mobile_is_valid(mobile):
        errors["contact_mobile"] = [_("Enter an 11-digit mainland mobile number.")]
    region = Region.objects.filter(code=(data.region_code or "").strip().replace("\x00", "")[:6]).first()
    if region is None or region.level != Region.Level.COUNTY:
        errors["region"] = [_("Choose a county-level division (county, district or county-level city).")]
    ethnic_group = None
    if data.ethnic_group_code:
        ethnic_group = EthnicGroup.objects.filter(code=data.ethnic_group_code.replace("\x00", "")[:30]).first()
        if ethnic_group is None:
            errors["ethnic_group"] = [_("Unknown ethnic group.")]
    credit_code = _clean_credit_code(data.credit_code, entity_type, errors)
    if errors:
        raise Unprocessable(_("Please correct the marked fields."), errors=errors)
    taken = Seller.objects.filter(credit_code=credit_code).exclude(pk=getattr(seller, "pk", None))
    if credit_code and taken.exists():
        raise Conflict(_("Another seller has already applied with this credit code."),
                       errors={"credit_code": [_("Already used by another seller.")]})
    return {**values, "entity_type": entity_type, "contact_mobile": mobile, "region": region,
            "ethnic_group": ethnic_group, "credit_code": credit_code}


def _clean_credit_code(raw: str, entity_type: str, errors: dict) -> str | None:
    code = rules.normalise_credit_code(raw)
    if not code:
        if rules.entity_needs_credit_code(entity_type):
            errors["credit_code"] = [_("Enterprises and cooperatives must give their unified social credit code.")]
        return None
    problems = rules.credit_code_problems(code, division_known=_division_known)
    if problems:
        errors["credit_code"] = problems
    elif entity_type in Seller.EntityType.values and not rules.credit_code_fits_entity(code, entity_type):
        errors["credit_code"] = [_("This code is registered for another kind of body (it starts with %(prefix)s); "
                                   "check the entity type.") % {"prefix": code[:2]}]
    return code


def _division_known(code: str) -> bool:
    return Region.objects.filter(code=code).exists()


def _unique_slug(name: str) -> str:
    base = rules.seller_slug_base(name)
    slug, n = base, 1
    while Seller.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _save(seller: Seller) -> None:
    try:
        seller.full_clean()
    except ValidationError as exc:
        raise Unprocessable(_("Please correct the marked fields."), errors=exc.message_dict) from exc
    try:
        with transaction.atomic():
            seller.save()
    except IntegrityError as exc:
        # Two applications with one credit code at the same moment: the database keeps one.
        raise Conflict(_("Another seller has already applied with this credit code."),
                       errors={"credit_code": [_("Already used by another seller.")]}) from exc
