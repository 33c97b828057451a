"""In-process domain events, so a lower app can tell a higher one that something changed without
importing it (catalog tells search a product changed). Handlers run after the transaction commits."""

import logging
from collections import defaultdict
from collections.abc import Callable
from functools import partial

from django.db import transaction

log = logging.getLogger(__name__)
_handlers: dict[str, list[Callable]] = defaultdict(list)

PRODUCT_CHANGED = "product_changed"  # payload: product_ids
SELLER_CHANGED = "seller_changed"  # payload: seller_id (certificates, credit, status)


def subscribe(event: str, handler: Callable) -> None:
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def publish(event: str, **payload) -> None:
    """Call every handler once the current transaction commits (at once outside a transaction)."""
    for handler in list(_handlers[event]):
        transaction.on_commit(partial(_run, handler, event, payload))


def _run(handler: Callable, event: str, payload: dict) -> None:
    handler(**payload)
