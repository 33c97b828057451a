"""Periodic order work (see CELERY_BEAT_SCHEDULE): expire unpaid checkouts, settle payments whose event was
lost, release uncollected pick-ups."""

from celery import shared_task

from chushan.orders import services


@shared_task(name="chushan.orders.tasks.checkouts_expire")
def checkouts_expire() -> int:
    total = 0
    while (expired := services.checkouts_expire(limit=200)) > 0:
        total += expired
        if expired < 200:
            break
    return total


@shared_task(name="chushan.orders.tasks.checkouts_reconcile")
def checkouts_reconcile() -> int:
    return services.checkouts_reconcile()


@shared_task(name="chushan.orders.tasks.pickups_release_uncollected")
def pickups_release_uncollected() -> int:
    return services.pickups_release_uncollected()
