"""Every write of the counter, one function per use case (grep `def basket_`, `def pos_sale_`, `def pos_return_`)."""

from chushan.pos.services.basket import basket_add, basket_clear, basket_open, basket_scan, basket_set
from chushan.pos.services.pickups import pos_pickup_find, pos_pickup_hand_over
from chushan.pos.services.returns import pos_return_take
from chushan.pos.services.sales import (
    pos_sale_pay_cash,
    pos_sale_payment_closed,
    pos_sale_payment_settle,
    pos_sale_qr_cancel,
    pos_sale_qr_start,
    pos_sale_refresh,
    pos_sales_reconcile,
)

__all__ = [
    "basket_add", "basket_clear", "basket_open", "basket_scan", "basket_set",
    "pos_pickup_find", "pos_pickup_hand_over", "pos_return_take",
    "pos_sale_pay_cash", "pos_sale_payment_closed", "pos_sale_payment_settle", "pos_sale_qr_cancel",
    "pos_sale_qr_start", "pos_sale_refresh", "pos_sales_reconcile",
]
