"""The only place payment rows are locked. Order: a payment before its refunds, so two writers never deadlock."""

from chushan.payments.models import Payment, Refund


def payment_for_update(pk: int) -> Payment:
    return Payment.objects.select_for_update(of=("self",)).get(pk=pk)


def payment_by_reference_for_update(*, provider: str, reference: str) -> Payment | None:
    return Payment.objects.select_for_update(of=("self",)).filter(provider=provider, reference=reference).first()


def live_payment_for_update(payable_ref: str) -> Payment | None:
    return (Payment.objects.select_for_update(of=("self",))
            .filter(payable_ref=payable_ref, state__in=Payment.LIVE_STATES).first())


def refund_for_update(pk: int) -> Refund:
    return Refund.objects.select_for_update(of=("self",)).get(pk=pk)
