"""Scheduled work for sellers: each task calls a service and nothing else."""

from celery import shared_task

from chushan.sellers import services


@shared_task(name="chushan.sellers.tasks.certificates_expire")
def certificates_expire() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): approved certificates past their validity become expired."""
    return services.certificates_expire(actor=None)
