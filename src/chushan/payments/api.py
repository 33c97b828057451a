"""Payments API: start and read payments, request and read refunds, and the providers' notify endpoint."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Router

from chushan.accounts.auth import user_auth
from chushan.core.errors import NotFound
from chushan.core.idempotency import HEADER, idempotent
from chushan.payments import selectors, services
from chushan.payments.providers import get_provider
from chushan.payments.schemas import PaymentIn, PaymentOut, RefundIn, RefundOut

router = Router(tags=["payments"])
Id = Path[int, dict(ge=1, le=2**63 - 1)]


@router.post("/payments", response={201: PaymentOut}, auth=user_auth, summary="Start (or resume) a payment")
@idempotent
def payment_create(request, payload: PaymentIn):
    """The amount comes from the payable; a second start for the same payable returns the payment waiting."""
    return services.payment_start(actor=request.auth, payable_ref=payload.payable_ref, provider=payload.provider,
                                  idempotency=request.headers.get(HEADER))


@router.get("/payments/{payment_id}", response=PaymentOut, auth=user_auth, summary="A payment (payer or staff)")
def payment_detail(request, payment_id: Id):
    payment = selectors.payment_get(actor=request.auth, payment_id=payment_id)
    if payment is None:
        raise NotFound(_("No such payment."))
    return payment


@router.post("/payments/notify/{provider}", auth=None, summary="Provider notifications (signature-checked)")
def payment_notification(request, provider: str) -> HttpResponse:
    """No sign-in: the provider's signature is the credential. Answers what the provider expects."""
    services.payment_notify(provider=provider, body=request.body, headers=request.headers)
    return get_provider(provider).acknowledge()


@router.post("/refunds", response={201: RefundOut}, auth=user_auth, summary="Refund part or all of a payment")
@idempotent
def refund_create(request, payload: RefundIn):
    payment = selectors.refundable_payment_get(actor=request.auth, payment_id=payload.payment_id)
    if payment is None:
        raise NotFound(_("No such payment."))
    return services.refund_request(actor=request.auth, payment=payment, amount=payload.amount,
                                   reason=payload.reason, idempotency=request.headers.get(HEADER))


@router.get("/refunds/{refund_id}", response=RefundOut, auth=user_auth, summary="A refund (payer or staff)")
def refund_detail(request, refund_id: Id):
    refund = selectors.refund_get(actor=request.auth, refund_id=refund_id)
    if refund is None:
        raise NotFound(_("No such refund."))
    return refund
