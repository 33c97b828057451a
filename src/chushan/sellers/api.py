"""The sellers API: public seller pages, admission for members, the reviewers' queue, operator actions."""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import File, Form, Path, Router, Status, UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from chushan.accounts.auth import user_auth
from chushan.core.errors import NotFound
from chushan.sellers import rules, selectors, services
from chushan.sellers.models import Seller
from chushan.sellers.schemas import (
    AdmissionDecisionIn,
    AdmissionQueueItemOut,
    CertificateIn,
    CertificateOut,
    CreditEventIn,
    CreditEventOut,
    SellerApplicationIn,
    SellerApplicationOut,
    SellerApplicationPatchIn,
    SellerCreditOut,
    SellerPublicOut,
    SellerReasonIn,
    region_path,
)
from chushan.sellers.selectors import MAX_ID

router = Router(tags=["sellers"])
# Shown in the API docs, so operators know what each kind is worth before recording it.
CREDIT_TABLE = "Points per kind: " + ", ".join(
    f"{kind} {points:+d}" for kind, points in rules.CREDIT_POINTS.items() if kind not in rules.SYSTEM_CREDIT_KINDS)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


def _own_seller(request) -> Seller:
    seller = selectors.seller_of(request.auth)
    if seller is None:
        raise NotFound(_("You have not applied as a seller yet; POST /api/v1/admission/application to start."))
    return seller


def _seller(pk: int) -> Seller:
    seller = selectors.seller_get(pk=pk)
    if seller is None:
        raise NotFound(_("No seller with this id."))
    return seller


def _certificate(pk: int):
    certificate = selectors.certificate_get(pk=pk)
    if certificate is None:
        raise NotFound(_("No certificate with this id."))
    return certificate


def _application(seller: Seller) -> dict:
    rejection = selectors.last_rejection(seller=seller) if seller.status == Seller.Status.REJECTED else None
    return {
        **{f: getattr(seller, f) for f in ("id", "slug", "name", "entity_type", "credit_code", "address",
                                           "contact_name", "contact_mobile", "story", "story_en", "status",
                                           "submitted_at", "admitted_at")},
        "region": region_path(seller.region), "status_label": str(seller.get_status_display()),
        "ethnic_group_code": seller.ethnic_group.code if seller.ethnic_group_id else None,
        "credit": SellerCreditOut.of(seller.credit_score), "missing": selectors.application_missing(seller=seller),
        "rejection_reason": rejection.reason if rejection else None,
    }


@router.get("/sellers/{slug}", response=SellerPublicOut, summary="An admitted seller's public profile")
def seller_public(request, slug: str):
    seller = selectors.seller_get_public(slug=slug[:80])
    if seller is None:
        raise NotFound(_("No admitted seller at this address."))
    return {
        "slug": seller.slug, "name": seller.name, "entity_type": seller.entity_type,
        "entity_type_label": str(seller.get_entity_type_display()), "region": region_path(seller.region),
        "ethnic_group": seller.ethnic_group.display_name if seller.ethnic_group_id else None,
        "story": seller.story, "admitted_at": seller.admitted_at, "credit": SellerCreditOut.of(seller.credit_score),
        "badges": [{"kind": b.kind, "label": b.label} for b in selectors.seller_badges(seller=seller)],
    }


# --- members: their own application -------------------------------------------------------------------

@router.get("/admission/application", response=SellerApplicationOut, auth=user_auth, summary="My seller application")
def application_get(request):
    return _application(_own_seller(request))


@router.post("/admission/application", response={201: SellerApplicationOut}, auth=user_auth,
             summary="Apply as a seller (准入)")
def application_create(request, payload: SellerApplicationIn):
    seller = services.seller_apply(actor=request.auth, data=services.SellerApplication(**payload.dict()))
    return Status(201, _application(selectors.seller_get(pk=seller.pk)))


@router.patch("/admission/application", response=SellerApplicationOut, auth=user_auth,
              summary="Change my application (draft or rejected only)")
def application_update(request, payload: SellerApplicationPatchIn):
    seller = _own_seller(request)
    data = services.SellerApplication.of(seller, **payload.dict(exclude_unset=True))
    seller = services.seller_update_application(actor=request.auth, seller=seller, data=data)
    return _application(selectors.seller_get(pk=seller.pk))


@router.post("/admission/application/submit", response=SellerApplicationOut, auth=user_auth,
             summary="Submit my application for review")
def application_submit(request):
    seller = services.seller_submit(actor=request.auth, seller=_own_seller(request))
    return _application(selectors.seller_get(pk=seller.pk))


@router.post("/admission/certificates", response={201: CertificateOut}, auth=user_auth,
             summary="Upload a certificate with its scan (PDF, JPEG or PNG)")
def certificate_create(request, payload: Form[CertificateIn], document: File[UploadedFile]):
    draft = services.CertificateDraft(**payload.dict(), document=document)
    certificate = services.certificate_upload(actor=request.auth, seller=_own_seller(request), draft=draft)
    return Status(201, selectors.certificate_get(pk=certificate.pk))


@router.get("/admission/certificates", response=list[CertificateOut], auth=user_auth,
            summary="My seller's certificates")
@paginate(LimitOffsetPagination)
def certificate_list(request):
    return selectors.seller_certificates(seller=_own_seller(request))


# --- reviewers ----------------------------------------------------------------------------------------

@router.get("/admission/queue", response=list[AdmissionQueueItemOut], auth=user_auth, summary="Applications to review")
@paginate(LimitOffsetPagination)
def queue(request):
    return selectors.admission_queue(actor=request.auth)


@router.get("/admission/applications/{seller_id}", response=SellerApplicationOut, auth=user_auth,
            summary="One application, for reviewers")
def application_detail(request, seller_id: Id):
    selectors.require_reviewer(request.auth)
    return _application(_seller(seller_id))


@router.get("/admission/applications/{seller_id}/certificates", response=list[CertificateOut], auth=user_auth,
            summary="An application's certificates, for reviewers")
@paginate(LimitOffsetPagination)
def application_certificates(request, seller_id: Id):
    selectors.require_reviewer(request.auth)
    return selectors.seller_certificates(seller=_seller(seller_id))


@router.post("/admission/applications/{seller_id}/decision", response=SellerApplicationOut, auth=user_auth,
             summary="Admit or reject an application")
def application_decide(request, seller_id: Id, payload: AdmissionDecisionIn):
    seller = services.seller_review(actor=request.auth, seller=_seller(seller_id),
                                    approve=payload.decision == "approve", reason=payload.reason)
    return _application(selectors.seller_get(pk=seller.pk))


@router.post("/admission/certificates/{certificate_id}/decision", response=CertificateOut, auth=user_auth,
             summary="Approve or reject a certificate")
def certificate_decide(request, certificate_id: Id, payload: AdmissionDecisionIn):
    certificate = services.certificate_review(actor=request.auth, certificate=_certificate(certificate_id),
                                              approve=payload.decision == "approve", reason=payload.reason)
    return selectors.certificate_get(pk=certificate.pk)


@router.post("/admission/certificates/{certificate_id}/revoke", response=CertificateOut, auth=user_auth,
             summary="Revoke a certificate; its badge and claims go at once")
def certificate_revoke(request, certificate_id: Id, payload: SellerReasonIn):
    certificate = services.certificate_revoke(actor=request.auth, certificate=_certificate(certificate_id),
                                              reason=payload.reason)
    return selectors.certificate_get(pk=certificate.pk)


# --- operators ----------------------------------------------------------------------------------------

@router.post("/operator/sellers/{seller_id}/suspend", response=SellerApplicationOut, auth=user_auth,
             summary="Suspend an admitted seller")
def seller_suspend(request, seller_id: Id, payload: SellerReasonIn):
    seller = services.seller_suspend(actor=request.auth, seller=_seller(seller_id), reason=payload.reason)
    return _application(selectors.seller_get(pk=seller.pk))


@router.post("/operator/sellers/{seller_id}/reinstate", response=SellerApplicationOut, auth=user_auth,
             summary="Lift a suspension")
def seller_reinstate(request, seller_id: Id, payload: SellerReasonIn):
    seller = services.seller_reinstate(actor=request.auth, seller=_seller(seller_id), reason=payload.reason)
    return _application(selectors.seller_get(pk=seller.pk))


@router.post("/operator/sellers/{seller_id}/credit-events", response={201: CreditEventOut}, auth=user_auth,
             summary="Record a credit event (信用)", description=CREDIT_TABLE)
def credit_event_create(request, seller_id: Id, payload: CreditEventIn):
    event = services.credit_event_record(actor=request.auth, seller=_seller(seller_id), kind=payload.kind,
                                         reference=payload.reference, note=payload.note)
    seller = selectors.seller_get(pk=seller_id)
    body = {"id": event.pk, "kind": event.kind, "points": event.points, "reference": event.reference,
            "note": event.note, "created_at": event.created_at, "credit": SellerCreditOut.of(seller.credit_score)}
    return Status(201, body)

