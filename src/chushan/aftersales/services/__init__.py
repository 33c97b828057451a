"""Every write of after-sales, one function per use case (grep `def return_request_`, `def ticket_`)."""

from chushan.aftersales.services.returns import (
    ReturnRequestData,
    return_decisions_overdue,
    return_photo_add,
    return_request_cancel,
    return_request_create,
    return_request_decide,
    return_request_decision_missed,
    return_request_exchange_ship,
    return_request_receive,
    return_request_refund,
)
from chushan.aftersales.services.tickets import (
    ticket_deadline_missed,
    ticket_deadlines_check,
    ticket_message_post,
    ticket_open,
    ticket_open_by_platform,
    ticket_reassign,
    ticket_resolve,
)

__all__ = [
    "ReturnRequestData",
    "return_decisions_overdue", "return_photo_add", "return_request_cancel", "return_request_create",
    "return_request_decide",
    "return_request_decision_missed", "return_request_exchange_ship", "return_request_receive",
    "return_request_refund",
    "ticket_deadline_missed", "ticket_deadlines_check", "ticket_message_post", "ticket_open",
    "ticket_open_by_platform", "ticket_reassign", "ticket_resolve",
]
