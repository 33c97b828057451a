""""checkout:<pk>" as the payments app sees it: what is due and who may pay (payments/payables.py).

Refunds of a checkout's payment are only ever requested by the orders services, for amounts they have
worked out (a cancellation, a sold-out late payment, after-sales lines). The payments API's own refund
endpoint is therefore closed to sellers and shoppers for checkouts: ``may_refund`` says yes only inside
``refund_authorised``, which only these services enter.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.urls import reverse
from django.utils.translation import gettext as _

from chushan.core.errors import NotFound, Unprocessable
from chushan.payments.payables import PayableTerms

PREFIX = "checkout"
_authorised: ContextVar[frozenset[str]] = ContextVar("orders_refunds_authorised", default=frozenset())


def payable_ref(checkout_pk: int) -> str:
    return f"{PREFIX}:{checkout_pk}"


def checkout_pk(payable_ref_value: str) -> int | None:
    prefix, _sep, ref_id = (payable_ref_value or "").partition(":")
    return int(ref_id) if prefix == PREFIX and ref_id.isdigit() else None


@contextmanager
def refund_authorised(ref_id: str) -> Iterator[None]:
    token = _authorised.set(_authorised.get() | {ref_id})
    try:
        yield
    finally:
        _authorised.reset(token)


class CheckoutPayable:
    def terms(self, *, ref_id: str, actor) -> PayableTerms:
        from chushan.orders.models import Checkout

        checkout = Checkout.objects.filter(pk=int(ref_id) if ref_id.isdigit() else 0).first()
        if checkout is None or checkout.shopper_id != getattr(actor, "pk", None):
            raise NotFound(_("There is no such checkout."))
        if checkout.state != Checkout.State.PENDING_PAYMENT:
            raise Unprocessable(_("This checkout is no longer waiting for payment."), code="checkout_not_payable")
        if checkout.total <= 0:
            raise Unprocessable(_("Nothing is left to pay in this checkout."), code="checkout_not_payable")
        return PayableTerms(amount=checkout.total,
                            description=_("Chushan order %(number)s") % {"number": checkout.number},
                            return_url=reverse("orders:checkout", args=[checkout.number]))

    def may_refund(self, *, ref_id: str, actor) -> bool:
        return ref_id in _authorised.get()
