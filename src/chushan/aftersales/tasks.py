from celery import shared_task

from chushan.aftersales import services


@shared_task
def return_decisions_overdue() -> int:
    return services.return_decisions_overdue()


@shared_task
def ticket_deadlines_check() -> int:
    return services.ticket_deadlines_check()
