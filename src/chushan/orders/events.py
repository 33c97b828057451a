"""Events the orders app publishes through chushan.core.events (higher apps such as trace and after-sales
subscribe). Every payload has order_id; shipped and picked-up carry the trace payload core.events describes."""

from chushan.core import events

ORDER_PAID = "order_paid"
ORDER_SHIPPED = events.ORDER_SHIPPED
ORDER_PICKED_UP = events.ORDER_PICKED_UP
ORDER_COMPLETED = "order_completed"
ORDER_CANCELLED = "order_cancelled"
ORDER_REFUNDED = "order_refunded"
