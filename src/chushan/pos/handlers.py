"""Reactions to the payments app's events (run after its transaction commits): a counter sale's QR payment
succeeded or closed. Payments of other payables are ignored."""

import logging

from chushan.core.errors import ApplicationError
from chushan.pos import payables, services
from chushan.pos.models import PosSale

log = logging.getLogger(__name__)


def _run(service, *, payable_ref: str, payment_id: int) -> None:
    pk = payables.sale_pk(payable_ref)
    if pk is None or not PosSale.objects.filter(pk=pk).exists():
        return
    try:
        service(sale_id=pk, payment_id=payment_id)
    except ApplicationError:
        # The counter's "check payment" and the periodic reconcile settle it later.
        log.exception("pos: could not settle %s after payment %s", payable_ref, payment_id)


def payment_succeeded(*, payable_ref: str, payment_id: int, **payload) -> None:
    _run(services.pos_sale_payment_settle, payable_ref=payable_ref, payment_id=payment_id)


def payment_closed(*, payable_ref: str, payment_id: int, **payload) -> None:
    _run(services.pos_sale_payment_closed, payable_ref=payable_ref, payment_id=payment_id)
