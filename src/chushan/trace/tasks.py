"""Scheduled traceability work: each task calls a service and nothing else."""

from celery import shared_task

from chushan.trace import services


@shared_task(name="chushan.trace.tasks.chain_anchors_publish")
def chain_anchors_publish() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): publish the Merkle root of every finished day of every seller's chain."""
    return len(services.chain_anchor_pending())
