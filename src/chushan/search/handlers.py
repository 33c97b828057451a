"""Domain events that change what search shows; subscribed in SearchConfig.ready, run after commit."""

from chushan.search import tasks


def on_product_changed(*, product_ids, **_payload) -> None:
    tasks.search_index_products_task.delay([int(pk) for pk in product_ids])


def on_seller_changed(*, seller_id, **_payload) -> None:
    tasks.search_index_seller_task.delay(int(seller_id))
