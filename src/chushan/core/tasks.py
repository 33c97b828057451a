from celery import shared_task

from chushan.core.services import idempotency_records_purge as purge


@shared_task(name="chushan.core.tasks.idempotency_records_purge")
def idempotency_records_purge() -> int:
    return purge()
