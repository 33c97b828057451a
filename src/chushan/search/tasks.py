"""Celery tasks of search: each calls a service and nothing else. Without a broker they run eagerly, in the
process that committed the change (CELERY_TASK_ALWAYS_EAGER)."""

from celery import shared_task

from chushan.search import services


@shared_task(name="chushan.search.tasks.search_index_products")
def search_index_products_task(product_ids: list[int]) -> int:
    return services.search_index_products(product_ids=product_ids)


@shared_task(name="chushan.search.tasks.search_index_seller")
def search_index_seller_task(seller_id: int) -> int:
    return services.search_index_seller(seller_id=seller_id)


@shared_task(name="chushan.search.tasks.search_refresh_lapsed")
def search_refresh_lapsed_task() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): boosts resting on a certificate that lapsed or just came into force."""
    return services.search_refresh_lapsed()


@shared_task(name="chushan.search.tasks.search_table_order")
def search_table_order_task() -> bool:
    """Daily (CELERY_BEAT_SCHEDULE): put the search table back in rank order after a day of indexing."""
    return services.search_table_order()
