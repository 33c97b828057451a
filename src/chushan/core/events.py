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
PAYMENT_SUCCEEDED = "payment_succeeded"  # payload: payable_ref, payment_id (once, when the money is in)
PAYMENT_CLOSED = "payment_closed"  # payload: payable_ref, payment_id (timed out or cancelled unpaid)
REFUND_SUCCEEDED = "refund_succeeded"  # payload: payable_ref, payment_id, refund_id
REFUND_FAILED = "refund_failed"  # payload: payable_ref, payment_id, refund_id
# Operations that move goods; the trace app records the EPCIS event each implies. Every payload has seller_id
# (whose goods), lines=[{"gtin": 14 digits, "lot": AI 10 or None, "serial": AI 21 or None, "quantity", "uom"}]
# (a receipt without a lot is not traceable; a shipment, pick-up or sale without one is attributed to the lots
# received at that GLN, oldest first), occurred_at (aware datetime or ISO 8601) and location_gln / location_name
# (where; the GLN becomes one of the seller's trace sites on first use).
STOCK_RECEIVED = "stock_received"  # + reference (receipt number)
ORDER_SHIPPED = "order_shipped"  # + order_ref, shopper_id (location = where it left from)
ORDER_PICKED_UP = "order_picked_up"  # + order_ref, shopper_id (location = the pick-up shop)
SALE_RECORDED = "sale_recorded"  # + sale_ref, shopper_id or None for a walk-in sale (location = the shop)
# A transfer between two of the seller's locations is one step (the units leave one and arrive at the other at
# once): it names from_gln / from_name and to_gln / to_name instead of location_gln / location_name (a GLN may be
# None), + reference (transfer number). Units naming no lot are attributed to the lots at the source, oldest first.
STOCK_TRANSFERRED = "stock_transferred"
# Units back on the shelf at location_gln (after-sales, the counter, a cancelled order): + reference (the return's
# ledger line) and sold_ref (the order or sale number they were sold under, whose lots get the units back).
STOCK_RETURNED = "stock_returned"


def subscribe(event: str, handler: Callable) -> None:
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def publish(event: str, **payload) -> None:
    """Call every handler once the current transaction commits (at once outside a transaction)."""
    for handler in list(_handlers[event]):
        transaction.on_commit(partial(_run, handler, event, payload))


def _run(handler: Callable, event: str, payload: dict) -> None:
    handler(**payload)
