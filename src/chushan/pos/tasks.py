from celery import shared_task

from chushan.pos import services


@shared_task
def pos_sales_reconcile() -> int:
    return services.pos_sales_reconcile()
