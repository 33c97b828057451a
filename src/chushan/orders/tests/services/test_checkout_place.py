"""checkout_place: the server prices, splits per seller and place, holds the stock all-or-nothing, and starts one
payment for the total."""

from decimal import Decimal

import pytest

from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Reservation, Stock
from chushan.inventory.tests.factories import LocationFactory, ShopFactory
from chushan.orders.models import CartLine, Checkout, Order, OrderLine
from chushan.orders.services import cart_line_add, cart_lines_to_check_out, checkout_place
from chushan.orders.tests.conftest import assert_ledger_balances
from chushan.orders.tests.support import line, place, snapshot
from chushan.payments.models import Payment
from chushan.pricing.tests.factories import PromotionFactory

pytestmark = pytest.mark.django_db


def test_one_payment_for_the_total_split_into_one_order_per_seller(shopper, address, stocked, warehouse, rival_seller,
                                                                    receive, rival):
    other = SkuFactory(product__seller=rival_seller, price=Decimal("35.50"))
    from chushan.inventory import services as stock_services

    stock_services.stock_receive(actor=rival, sku=other, location=LocationFactory(seller=rival_seller), quantity=5)
    checkout = place(shopper, line(stocked, 2, address=address), line(other, 3, address=address))
    assert checkout.state == Checkout.State.PENDING_PAYMENT
    assert checkout.total == Decimal("306.50")
    orders = list(checkout.orders.order_by("pk"))
    assert [(o.seller_id, o.total, o.state) for o in orders] == [
        (stocked.product.seller_id, Decimal("200.00"), "pending_payment"),
        (rival_seller.pk, Decimal("106.50"), "pending_payment")]
    assert orders[0].number.startswith("CS") and checkout.number.startswith("CK")
    payment = Payment.objects.get(payable_ref=f"checkout:{checkout.pk}")
    assert (payment.amount, payment.state, checkout.payment.pk) == (Decimal("306.50"), "pending", payment.pk)
    held = Reservation.objects.filter(state="held")
    assert sorted(r.quantity for r in held) == [2, 3]
    assert Stock.objects.get(sku=stocked, location=warehouse).reserved == 2
    assert_ledger_balances()


def test_a_pickup_line_and_a_delivered_line_of_one_seller_make_two_orders(shopper, address, stocked, shop):
    checkout = place(shopper, line(stocked, 1, address=address),
                     line(stocked, 1, fulfilment="pickup", pickup_location=shop))
    kinds = sorted(checkout.orders.values_list("kind", flat=True))
    assert kinds == ["delivery", "pickup"]
    pickup = checkout.orders.get(kind="pickup")
    assert pickup.lines.get().location == shop and pickup.pickup_location == shop


def test_delivery_from_the_nearest_shop_takes_stock_from_a_shop(shopper, address, stocked, shop):
    checkout = place(shopper, line(stocked, 2, fulfilment="ship_from_shop", address=address))
    assert checkout.orders.get().lines.get().location == shop


def test_every_short_line_is_reported_and_nothing_is_written(shopper, address, stocked, sku, seller, receive):
    thin = SkuFactory(product__seller=seller, price=Decimal("10.00"))
    before = snapshot()
    with pytest.raises(InsufficientStock) as caught:
        place(shopper, line(stocked, 50, address=address), line(thin, 1, address=address))
    assert len(caught.value.extra["items"]) == 2
    assert snapshot() == before


def test_stock_taken_between_the_read_and_the_hold_refuses_all_lines(shopper, address, stocked, shop, monkeypatch):
    before = snapshot()
    with pytest.raises(InsufficientStock):
        place(shopper, line(stocked, 1, address=address), line(stocked, 4, fulfilment="pickup", pickup_location=shop))
    assert snapshot() == before


@pytest.mark.parametrize("quantity", [0, -1, 1000, 1.5, "2", True])
def test_bad_quantities_are_refused_before_anything_is_written(shopper, address, stocked, quantity):
    before = snapshot()
    with pytest.raises(Unprocessable) as caught:
        place(shopper, line(stocked, quantity, address=address))
    assert "lines.0.quantity" in caught.value.errors
    assert snapshot() == before


def test_another_sellers_shop_cannot_be_the_pickup_place(shopper, stocked, rival_seller):
    theirs = ShopFactory(seller=rival_seller)
    before = snapshot()
    with pytest.raises(Unprocessable) as caught:
        place(shopper, line(stocked, 1, fulfilment="pickup", pickup_location=theirs))
    assert "another seller" in str(caught.value.errors["lines.0.pickup_location_id"])
    assert snapshot() == before


def test_another_shoppers_address_is_refused(shopper, stranger, stocked):
    from chushan.orders.tests.factories import AddressFactory

    theirs = AddressFactory(shopper=stranger)
    with pytest.raises(Unprocessable) as caught:
        place(shopper, line(stocked, 1, address=theirs))
    assert "lines.0.address_id" in caught.value.errors
    assert not Order.objects.exists()


def test_a_draft_product_cannot_be_bought(shopper, address, seller, warehouse, receive):
    draft = SkuFactory(product__seller=seller, product__status="draft")
    receive(warehouse, draft, 3)
    with pytest.raises(Unprocessable) as caught:
        place(shopper, line(draft, 1, address=address))
    assert "lines.0.sku_id" in caught.value.errors


def test_an_anonymous_visitor_cannot_check_out(stocked, address):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        place(AnonymousUser(), line(stocked, 1, address=address))


def test_an_empty_cart_cannot_be_checked_out(shopper):
    with pytest.raises(Unprocessable):
        checkout_place(actor=shopper, provider="sandbox", lines=cart_lines_to_check_out(actor=shopper))


def test_the_cart_is_emptied_of_what_was_checked_out(shopper, address, stocked):
    cart_line_add(actor=shopper, sku=stocked, quantity=2, address=address)
    checkout = checkout_place(actor=shopper, provider="sandbox", lines=cart_lines_to_check_out(actor=shopper))
    assert checkout.total == Decimal("200.00")
    assert not CartLine.objects.exists()


def test_a_promotion_prices_units_up_to_the_per_shopper_limit(shopper, address, stocked, seller):
    PromotionFactory(seller=seller, skus=[stocked], price=Decimal("80.00"), per_shopper_limit=2)
    checkout = place(shopper, line(stocked, 3, address=address))
    lines = list(OrderLine.objects.filter(order__checkout=checkout).order_by("unit_price"))
    assert [(ln.quantity, ln.unit_price) for ln in lines] == [(2, Decimal("80.00")), (1, Decimal("100.00"))]
    order = checkout.orders.get()
    assert (order.subtotal, order.discount, order.total) == (Decimal("300.00"), Decimal("40.00"), Decimal("260.00"))
    again = place(shopper, line(stocked, 1, address=address))
    assert again.total == Decimal("100.00")  # the allowance is used up
