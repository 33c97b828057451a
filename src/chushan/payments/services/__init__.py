"""Every write of the payments app, one function per use case (grep `def payment_`, `def refund_`)."""

from chushan.payments.services.notifications import notification_nonces_purge, payment_notify, refund_notify
from chushan.payments.services.payments import (
    payment_close,
    payment_record,
    payment_start,
    payment_sync,
    payments_expire,
)
from chushan.payments.services.refunds import refund_record, refund_request, refunds_sync

__all__ = [
    "notification_nonces_purge",
    "payment_close",
    "payment_notify",
    "payment_record",
    "payment_start",
    "payment_sync",
    "payments_expire",
    "refund_notify",
    "refund_record",
    "refund_request",
    "refunds_sync",
]
