"""Periodic stock work: release holds whose time is up (every minute, see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from chushan.inventory.services import reservations_expire as release_lapsed_holds


@shared_task(name="chushan.inventory.tasks.reservations_expire")
def reservations_expire() -> int:
    total = 0
    # A bounded batch per transaction, repeated until nothing is due, so a backlog never holds locks long.
    while (released := release_lapsed_holds(limit=500)) > 0:
        total += released
    return total
