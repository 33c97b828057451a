"""Certificates: members upload them, reviewers approve, reject or revoke, a daily task expires them."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from chushan.core.errors import ApplicationError, Conflict, PermissionDenied, Unprocessable
from chushan.heritage.models import HeritageItem, ListLevel, RegionalBrand
from chushan.sellers import locks, rules
from chushan.sellers.models import AdmissionDecision, Certificate, Membership, Seller
from chushan.sellers.services._common import (
    REVIEW,
    clean_reason,
    credit_apply,
    decide,
    require_member,
    require_perm,
    seller_changed,
)

Action = AdmissionDecision.Action
Kind = Certificate.Kind
# The scan must be one of these, recognised by its first bytes, whatever the file is called.
SIGNATURES = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))


@dataclass
class CertificateDraft:
    kind: str
    number: str
    issuer: str
    valid_from: datetime.date
    valid_until: datetime.date
    document: object  # an uploaded file
    ich_level: int | None = None
    heritage_item_id: int | None = None
    brand_id: int | None = None
    holder_name: str = ""


def certificate_upload(*, actor, seller: Seller, draft: CertificateDraft) -> Certificate:
    """A member adds a certificate with its scan; it waits for review."""
    with transaction.atomic():
        require_member(actor, seller)
        seller = locks.seller_for_update(seller.pk)
        values, errors, status = _clean_draft(seller, draft)
        if errors and status == 422:
            raise Unprocessable(_("Please correct the marked fields."), errors=errors)
        if errors:
            # A file that is too big or not a scan gets its own status (413, 415) when it is the only fault.
            code = {413: "too_large", 415: "unsupported_media_type"}[status]
            raise ApplicationError(errors["document"][0], status=status, code=code, errors=errors)
        duplicate = Certificate.objects.filter(kind=values["kind"], number=values["number"], issuer=values["issuer"])
        if duplicate.exists():
            raise Conflict(_("This certificate has already been uploaded."),
                           errors={"number": [_("Already uploaded.")]})
        certificate = Certificate(seller=seller, status=Certificate.Status.PENDING, **values)
        try:
            certificate.full_clean(exclude=["document"])
        except ValidationError as exc:
            raise Unprocessable(_("Please correct the marked fields."), errors=exc.message_dict) from exc
        certificate.document.save(f"scan.{draft_type(draft.document)}", draft.document, save=False)
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError as exc:
            raise Conflict(_("This certificate has already been uploaded."),
                           errors={"number": [_("Already uploaded.")]}) from exc
        decide(seller=seller, action=Action.CERTIFICATE_SUBMITTED, actor=actor, certificate=certificate)
    return certificate


def certificate_review(*, actor, certificate: Certificate, approve: bool, reason: str = "") -> Certificate:
    """A reviewer approves or rejects a pending certificate; approval shows its badge."""
    with transaction.atomic():
        require_perm(actor, REVIEW)
        certificate = locks.certificate_for_update(certificate.pk)
        if Membership.objects.filter(user=actor, seller_id=certificate.seller_id).exists():
            raise PermissionDenied(_("You cannot review a seller you work for."))
        if certificate.status != Certificate.Status.PENDING:
            raise Conflict(_("This certificate is not awaiting review; it is “%(status)s”.")
                           % {"status": certificate.get_status_display()})
        reason = clean_reason(reason, required=not approve)
        if approve:
            _check_approvable(certificate)
        certificate.status = Certificate.Status.APPROVED if approve else Certificate.Status.REJECTED
        certificate.review_reason, certificate.reviewed_by, certificate.reviewed_at = reason, actor, timezone.now()
        certificate.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
        decide(seller=certificate.seller, certificate=certificate, actor=actor, reason=reason,
               action=Action.CERTIFICATE_APPROVED if approve else Action.CERTIFICATE_REJECTED)
        if approve and rules.claim_backing(certificate.kind):
            credit_apply(seller_id=certificate.seller_id, kind="certificate", actor=actor,
                         reference=f"certificate:{certificate.pk}")
        if approve:
            seller_changed(certificate.seller_id)
    return certificate


def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """A reviewer or operator withdraws a certificate (forged, withdrawn by its issuer); its badge goes."""
    with transaction.atomic():
        require_perm(actor, REVIEW)
        certificate = locks.certificate_for_update(certificate.pk)
        if certificate.status not in (Certificate.Status.APPROVED, Certificate.Status.PENDING):
            raise Conflict(_("Only an approved or pending certificate can be revoked; this one is “%(status)s”.")
                           % {"status": certificate.get_status_display()})
        reason = clean_reason(reason, required=True)
        certificate.status, certificate.review_reason = Certificate.Status.REVOKED, reason
        certificate.reviewed_by, certificate.reviewed_at = actor, timezone.now()
        certificate.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
        decide(seller=certificate.seller, certificate=certificate, actor=actor, reason=reason,
               action=Action.CERTIFICATE_REVOKED)
        seller_changed(certificate.seller_id)
    return certificate


def certificates_expire(*, actor=None, today: datetime.date | None = None) -> int:
    """Mark approved certificates past their validity expired (daily; running it twice changes nothing).

    ``actor`` is None when the platform's scheduler runs it. Returns how many expired.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        if actor is not None:
            require_perm(actor, REVIEW)
        due = Certificate.objects.filter(status=Certificate.Status.APPROVED, valid_until__lt=today)
        expired = locks.certificates_for_update(due)
        for certificate in expired:
            certificate.status = Certificate.Status.EXPIRED
            certificate.save(update_fields=["status"])
            decide(seller_id=certificate.seller_id, certificate=certificate, actor=actor,
                   action=Action.CERTIFICATE_EXPIRED, reason=certificate.valid_until.isoformat())
        for seller_id in sorted({c.seller_id for c in expired}):
            seller_changed(seller_id)
    return len(expired)


def _check_approvable(certificate: Certificate) -> None:
    today = timezone.localdate()
    if certificate.valid_until < today:
        raise Unprocessable(_("This certificate expired on %(day)s; reject it and ask for the renewed one.")
                            % {"day": certificate.valid_until.isoformat()})
    if not rules.kind_allowed(certificate.seller.entity_type, certificate.kind):
        raise Unprocessable(_("Sellers registered as “%(entity)s” cannot hold this kind of certificate; reject it.")
                            % {"entity": certificate.seller.get_entity_type_display()})


def _clean_draft(seller: Seller, draft: CertificateDraft) -> tuple[dict, dict, int]:
    """Model values, field errors, and the HTTP status the errors call for."""
    errors: dict[str, list[str]] = {}
    kind = draft.kind if draft.kind in Kind.values else None
    if kind is None:
        errors["kind"] = [_("Unknown kind of certificate.")]
    elif not rules.kind_allowed(seller.entity_type, kind):
        errors["kind"] = [_("Sellers registered as “%(entity)s” cannot hold this kind of certificate.")
                          % {"entity": seller.get_entity_type_display()}]
    values = {"kind": kind, "number": (draft.number or "").strip(), "issuer": (draft.issuer or "").strip(),
              "holder_name": (draft.holder_name or "").strip(), "valid_from": draft.valid_from,
              "valid_until": draft.valid_until, "ich_level": None, "heritage_item": None, "brand": None}
    for field, limit in (("number", 60), ("issuer", 120), ("holder_name", 60)):
        if field != "holder_name" and not values[field]:
            errors[field] = [_("Required.")]
        elif len(values[field]) > limit:
            errors[field] = [_("At most %(n)d characters.") % {"n": limit}]
        elif rules.has_control_characters(values[field]):
            errors[field] = [_("Remove the control characters.")]
    errors.update(rules.validity_problems(draft.valid_from, draft.valid_until, today=timezone.localdate()))
    _clean_kind_details(seller, draft, values, errors)
    status = 422
    document_error = _document_problem(draft.document)
    if document_error:
        status, message = document_error
        errors["document"] = [message]
    return values, errors, status if set(errors) == {"document"} else 422


def _clean_kind_details(seller: Seller, draft: CertificateDraft, values: dict, errors: dict) -> None:
    """ICH certificates name a level, an item and the inheritor; brand licences name the brand."""
    kind = values["kind"]
    if kind == Kind.ICH_INHERITOR:
        if draft.ich_level not in ListLevel.values:
            errors["ich_level"] = [_("Choose the inheritor's level: national, provincial, city or county.")]
        values["ich_level"] = draft.ich_level
        values["heritage_item"] = HeritageItem.objects.filter(pk=draft.heritage_item_id).first()
        if values["heritage_item"] is None:
            errors["heritage_item"] = [_("Choose the heritage item the certificate names.")]
        if not values["holder_name"]:
            errors["holder_name"] = [_("Give the inheritor's name as on the certificate.")]
    if kind in (Kind.BRAND_LICENCE, Kind.GEOGRAPHIC_INDICATION) and (draft.brand_id or kind == Kind.BRAND_LICENCE):
        values["brand"] = RegionalBrand.objects.filter(pk=draft.brand_id).first()
        if values["brand"] is None:
            errors["brand"] = [_("Choose the regional public brand the licence is for.")]
    if kind == Kind.BUSINESS_LICENCE and seller.credit_code and values["number"]:
        if rules.normalise_credit_code(values["number"]) != seller.credit_code:
            errors["number"] = [_("A business licence's number is the seller's credit code (%(code)s).")
                                % {"code": seller.credit_code}]
        values["number"] = seller.credit_code


def draft_type(document) -> str | None:
    """'pdf', 'png' or 'jpg' from the file's first bytes, or None."""
    try:
        document.seek(0)
        head = document.read(16)
        document.seek(0)
    except (AttributeError, OSError, ValueError):
        return None
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def _document_problem(document) -> tuple[int, str] | None:
    if document is None or not getattr(document, "size", 0):
        return 422, _("Attach a scan or photo of the certificate (PDF, JPEG or PNG).")
    limit = settings.CHUSHAN_MAX_DOCUMENT_BYTES
    if document.size > limit:
        return 413, _("The file is too large; the limit is %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
    kind = draft_type(document)
    if kind is None:
        return 415, _("Upload a PDF, JPEG or PNG file.")
    if kind != "pdf" and not _image_is_readable(document):
        return 415, _("The image cannot be read; take the photo again.")
    return None


def _image_is_readable(document) -> bool:
    try:
        with Image.open(document) as image:
            image.verify()
        return True
    except Exception:  # noqa: BLE001 - any decoder failure means the file is not a usable image
        return False
    finally:
        document.seek(0)
