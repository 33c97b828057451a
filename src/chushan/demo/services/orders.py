"""The demo shopper's orders and a sale at the clerk's counter, made the way people make them: checkout, payment on
the sandbox's pay page, then the seller packs and ships (or readies the pick-up), all through the apps' services.

The payment is settled here and not left to the payment event alone: the event's handlers run only once the
loader's transaction commits, and the shop must already see the order as paid to ship it.
"""

import logging
import math
from decimal import Decimal

from chushan.demo.data.trade import CLERK, ORDERS, SHOPPER_ADDRESS
from chushan.inventory import selectors as stock_selectors
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Location
from chushan.orders import rules as order_rules
from chushan.orders import services as order_services
from chushan.orders.models import Address, Order
from chushan.payments import services as payment_services
from chushan.payments.providers import available as providers_available
from chushan.payments.services.sandbox import sandbox_trade_pay
from chushan.pos import services as pos_services
from chushan.pos.models import PosSale
from chushan.regions.models import Region

log = logging.getLogger(__name__)
PROVIDER = "sandbox"


def _address(shopper) -> Address:
    found = Address.objects.filter(shopper=shopper).order_by("-is_default", "pk").first()
    if found is not None:
        return found
    data = SHOPPER_ADDRESS
    return order_services.address_create(actor=shopper, data=order_services.AddressData(
        name=data["name"], mobile=data["mobile"], region=Region.objects.get(code=data["region"]),
        detail=data["detail"], is_default=True))


def _paid_order(*, shopper, line: order_services.LineRequest) -> Order:
    """Check out one line and pay for it on the sandbox's page; the order comes back paid."""
    checkout = order_services.checkout_place(actor=shopper, provider=PROVIDER, lines=[line])
    payment = checkout.payment
    sandbox_trade_pay(out_trade_no=payment.reference)
    payment = payment_services.payment_sync(actor=shopper, payment=payment)
    order_services.checkout_payment_settle(payable_ref=checkout.payable_ref, payment_id=payment.pk)
    return checkout.orders.get()


def shopper_orders(*, shopper, owners: dict, sellers: dict, skus: dict, locations: dict, clerk) -> int:
    """The ORDERS the shopper lacks (one per seller and kind): delivered, or ready for pick-up at the shop.
    Without the sandbox (a production setting) or the goods (sold since an earlier run), there are none."""
    if PROVIDER not in providers_available():
        log.warning("demo: the payment sandbox is switched off, so the demo shopper gets no orders")
        return 0
    made = 0
    for plan in ORDERS:
        seller = sellers[plan["seller"]]
        kind = order_rules.order_kind(plan["fulfilment"])
        if Order.objects.filter(shopper=shopper, seller=seller, kind=kind).exists():
            continue
        sku = skus[(plan["seller"], plan["product"], plan["sku"])]
        pickup: Location | None = locations[(plan["seller"], plan["shop"])] if plan.get("shop") else None
        line = order_services.LineRequest(sku=sku, quantity=plan["quantity"], fulfilment=plan["fulfilment"],
                                          pickup_location=pickup, address=None if pickup else _address(shopper))
        try:
            order = _paid_order(shopper=shopper, line=line)
        except InsufficientStock:
            log.warning("demo: %s is sold out, so the demo shopper's %s order is left out", sku, plan["key"])
            continue
        owner = owners[plan["seller"]]
        if kind == order_rules.PICKUP:
            # The shop's clerk sets the goods aside and the code starts to work.
            order_services.order_ready_for_pickup(actor=clerk if plan["seller"] == CLERK["seller"] else owner,
                                                  order=order)
        else:
            order = order_services.order_pack(actor=owner, order=order)
            order = order_services.order_ship(actor=owner, order=order, tracking_number=plan["tracking"])
            order_services.order_deliver(actor=owner, order=order)
        made += 1
    return made


def counter_sale(*, clerk, shop: Location, sku) -> PosSale | None:
    """The clerk's first sale: one unit scanned at the shop's counter and paid in cash (None if made before,
    or if the shelf is empty)."""
    if PosSale.objects.filter(clerk=clerk, state=PosSale.State.PAID).exists():
        return None
    if stock_selectors.stock_available(sku=sku, location=shop) < 1:
        return None
    basket = pos_services.basket_scan(actor=clerk, location=shop, code=sku.gtin[1:])  # the EAN-13 on the box
    tendered = Decimal(math.ceil(basket.total / 100) * 100)
    return pos_services.pos_sale_pay_cash(actor=clerk, sale=basket, tendered=tendered)
