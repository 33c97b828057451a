"""Reactions to other apps' events (core/events.py): record the EPCIS event each operation implies.

They run after the producer's transaction commits; a traceability failure is logged and never breaks the
order, sale or stock receipt that caused it. Shipments, pick-ups and counter sales name no lot: the recorder
attributes them to the lots received at the same location, oldest receipt first (services/platform.py); a
transfer is attributed so at its source and carries those lots to its destination; a return gives the units back
to the lots its sale took.
"""

import logging

from chushan.trace import services

log = logging.getLogger(__name__)


def _record(kind: str, *, seller_id, lines, occurred_at=None, location_gln=None, location_name="",
            reference="", shopper_id=None) -> None:
    try:
        services.platform_event_record(kind=kind, seller_id=seller_id, lines=lines or [], occurred_at=occurred_at,
                                       location_gln=location_gln, location_name=location_name,
                                       reference=reference, shopper_id=shopper_id)
    except Exception:
        log.exception("trace: could not record the %s event of seller %s", kind, seller_id)


def stock_received(*, seller_id, lines, reference="", **payload) -> None:
    _record("received", seller_id=seller_id, lines=lines, reference=reference, **_where(payload))


def order_shipped(*, seller_id, lines, order_ref="", shopper_id=None, **payload) -> None:
    _record("shipped", seller_id=seller_id, lines=lines, reference=order_ref, shopper_id=shopper_id,
            **_where(payload))


def order_picked_up(*, seller_id, lines, order_ref="", shopper_id=None, **payload) -> None:
    _record("picked_up", seller_id=seller_id, lines=lines, reference=order_ref, shopper_id=shopper_id,
            **_where(payload))


def sale_recorded(*, seller_id, lines, sale_ref="", shopper_id=None, **payload) -> None:
    _record("sold", seller_id=seller_id, lines=lines, reference=sale_ref, shopper_id=shopper_id, **_where(payload))


def stock_transferred(*, seller_id, lines, reference="", occurred_at=None, from_gln=None, from_name="", to_gln=None,
                      to_name="", **_payload) -> None:
    try:
        services.platform_transfer_record(seller_id=seller_id, lines=lines or [], occurred_at=occurred_at,
                                          from_gln=from_gln, from_name=from_name, to_gln=to_gln, to_name=to_name,
                                          reference=reference)
    except Exception:
        log.exception("trace: could not record the transfer %s of seller %s", reference, seller_id)


def stock_returned(*, seller_id, lines, reference="", sold_ref="", **payload) -> None:
    try:
        services.platform_return_record(seller_id=seller_id, lines=lines or [], reference=reference,
                                        sold_ref=sold_ref, **_where(payload))
    except Exception:
        log.exception("trace: could not record the return %s of seller %s", reference, seller_id)


def _where(payload: dict) -> dict:
    return {key: payload[key] for key in ("occurred_at", "location_gln", "location_name") if key in payload}
