"""The cart: one across sellers, lines merged per SKU, bad input refused without a trace."""

from decimal import Decimal

import pytest

from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import NotFound, Unprocessable
from chushan.inventory.tests.factories import ShopFactory
from chushan.orders import selectors, services
from chushan.orders.models import CartLine
from chushan.orders.tests.support import snapshot
from chushan.pricing.tests.factories import PromotionFactory

pytestmark = pytest.mark.django_db


def test_adding_a_sku_twice_adds_the_units(shopper, stocked):
    services.cart_line_add(actor=shopper, sku=stocked, quantity=2)
    services.cart_line_add(actor=shopper, sku=stocked, quantity=3)
    assert CartLine.objects.get().quantity == 5


def test_the_cart_holds_several_sellers_priced_by_the_server(shopper, stocked, rival_seller, seller):
    theirs = SkuFactory(product__seller=rival_seller, price=Decimal("12.00"))
    PromotionFactory(seller=seller, skus=[stocked], price=Decimal("88.00"), channels=["web"])
    services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    services.cart_line_add(actor=shopper, sku=theirs, quantity=2)
    view = selectors.cart_view(shopper=shopper)
    assert {s.pk for s in view.groups} == {seller.pk, rival_seller.pk}
    assert view.total == Decimal("112.00") and view.count == 3


@pytest.mark.parametrize("quantity", [0, -2, 1000, 2.5, "1"])
def test_bad_quantities_are_refused(shopper, stocked, quantity):
    before = snapshot()
    with pytest.raises(Unprocessable):
        services.cart_line_add(actor=shopper, sku=stocked, quantity=quantity)
    assert snapshot() == before


def test_too_many_units_in_total_are_refused(shopper, stocked):
    services.cart_line_add(actor=shopper, sku=stocked, quantity=999)
    with pytest.raises(Unprocessable):
        services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    assert CartLine.objects.get().quantity == 999


def test_a_draft_cannot_go_in_the_cart(shopper, seller):
    draft = SkuFactory(product__seller=seller, product__status="draft")
    with pytest.raises(Unprocessable):
        services.cart_line_add(actor=shopper, sku=draft, quantity=1)
    assert not CartLine.objects.exists()


def test_another_sellers_shop_is_refused_as_pickup_place(shopper, stocked, rival_seller):
    before = snapshot()
    with pytest.raises(Unprocessable) as caught:
        services.cart_line_add(actor=shopper, sku=stocked, quantity=1, fulfilment="pickup",
                               pickup_location=ShopFactory(seller=rival_seller))
    assert "pickup_location_id" in caught.value.errors
    assert snapshot() == before


def test_a_line_is_changed_in_part_and_removed(shopper, stocked, shop):
    line = services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    services.cart_line_update(actor=shopper, line=line, fulfilment="pickup", pickup_location=shop)
    line.refresh_from_db()
    assert (line.quantity, line.fulfilment, line.pickup_location) == (1, "pickup", shop)
    services.cart_line_remove(actor=shopper, line=line)
    assert not CartLine.objects.exists()


def test_another_shoppers_line_is_not_found(shopper, stranger, stocked):
    line = services.cart_line_add(actor=shopper, sku=stocked, quantity=1)
    with pytest.raises(NotFound):
        services.cart_line_update(actor=stranger, line=line, quantity=5)
    with pytest.raises(NotFound):
        services.cart_line_remove(actor=stranger, line=line)
    assert CartLine.objects.get().quantity == 1
