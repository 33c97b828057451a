""""pos_sale:<pk>" as the payments app sees it: a counter sale waiting for its QR payment, paid by the customer
scanning the code the clerk shows (payments/payables.py).

A counter sale's payment is refunded only by a counter return, which puts the goods back on the shelf first;
``may_refund`` therefore says yes only inside ``refund_authorised``, which only the return service enters.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext as _

from chushan.core.errors import NotFound, Unprocessable
from chushan.payments.payables import PayableTerms

PREFIX = "pos_sale"
_authorised: ContextVar[frozenset[str]] = ContextVar("pos_refunds_authorised", default=frozenset())


def sale_pk(payable_ref: str) -> int | None:
    prefix, _sep, ref_id = (payable_ref or "").partition(":")
    return int(ref_id) if prefix == PREFIX and ref_id.isdigit() else None


@contextmanager
def refund_authorised(ref_id: str) -> Iterator[None]:
    token = _authorised.set(_authorised.get() | {ref_id})
    try:
        yield
    finally:
        _authorised.reset(token)


class PosSalePayable:
    def terms(self, *, ref_id: str, actor) -> PayableTerms:
        from chushan.pos.models import PosSale
        from chushan.pos.services._access import works_at

        sale = PosSale.objects.select_related("location").filter(pk=int(ref_id) if ref_id.isdigit() else 0).first()
        if sale is None or not works_at(actor, sale.location):
            raise NotFound(_("There is no such counter sale."))
        if sale.state != PosSale.State.AWAITING_PAYMENT or sale.total <= 0:
            raise Unprocessable(_("This counter sale is not waiting for a QR payment."), code="sale_not_payable")
        return PayableTerms(amount=sale.total, description=_("%(shop)s, receipt %(number)s") % {
            "shop": sale.location.name, "number": sale.number})

    def may_refund(self, *, ref_id: str, actor) -> bool:
        return ref_id in _authorised.get()
