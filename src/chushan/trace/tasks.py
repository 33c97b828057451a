"""Scheduled traceability work: each task calls a service and nothing else."""

from celery import shared_task
from django.utils import translation

from chushan.trace import services


@shared_task(name="chushan.trace.tasks.chain_anchors_publish")
def chain_anchors_publish() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): publish the Merkle root of every finished day of every seller's chain."""
    return len(services.chain_anchor_pending())


@shared_task(name="chushan.trace.tasks.chains_verify")
def chains_verify() -> int:
    """Daily, after the anchors: re-hash every chain and publish each one's status; the number of broken chains."""
    with translation.override(None):  # reasons are stored in English and translated on the page
        report = services.verify_trace()
        services.chain_checks_record(report=report)
    return len(report.broken)
