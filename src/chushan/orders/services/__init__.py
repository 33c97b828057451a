"""Every write of the orders app, one function per use case (grep `def order_`, `def checkout_`, `def cart_`)."""

from chushan.orders.services.addresses import AddressData, address_create, address_delete, address_update
from chushan.orders.services.cancellation import order_cancel, pickups_release_uncollected
from chushan.orders.services.cart import UNSET, cart_line_add, cart_line_remove, cart_line_update
from chushan.orders.services.checkout import (
    LineRequest,
    cart_lines_to_check_out,
    checkout_pay,
    checkout_place,
)
from chushan.orders.services.fulfilment import (
    order_confirm_received,
    order_deliver,
    order_pack,
    order_pickup_complete,
    order_pickup_find,
    order_ready_for_pickup,
    order_ship,
)
from chushan.orders.services.refunds import order_refund_lines, order_refund_settle
from chushan.orders.services.settlement import checkout_payment_settle, checkouts_expire, checkouts_reconcile
from chushan.orders.services.transitions import order_transition

__all__ = [
    "UNSET", "AddressData", "LineRequest",
    "address_create", "address_delete", "address_update",
    "cart_line_add", "cart_line_remove", "cart_line_update", "cart_lines_to_check_out",
    "checkout_pay", "checkout_payment_settle", "checkout_place", "checkouts_expire", "checkouts_reconcile",
    "order_cancel", "order_confirm_received", "order_deliver", "order_pack", "order_pickup_complete",
    "order_pickup_find", "order_ready_for_pickup", "order_refund_lines", "order_refund_settle", "order_ship",
    "order_transition", "pickups_release_uncollected",
]
