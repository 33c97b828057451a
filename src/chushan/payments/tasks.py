"""Periodic work: close unpaid payments, settle pending refunds, deliver the sandbox's notifications."""

from celery import shared_task

from chushan.payments import services
from chushan.payments.services import sandbox


@shared_task(name="chushan.payments.tasks.payments_expire")
def payments_expire() -> int:
    return services.payments_expire()


@shared_task(name="chushan.payments.tasks.refunds_sync")
def refunds_sync() -> int:
    return services.refunds_sync()


@shared_task(name="chushan.payments.tasks.sandbox_notifications_deliver")
def sandbox_notifications_deliver() -> int:
    return sandbox.sandbox_notifications_deliver()


@shared_task(name="chushan.payments.tasks.notification_nonces_purge")
def notification_nonces_purge() -> int:
    return services.notification_nonces_purge()
