"""The clerk's basket: scans, searches, quantities, prices; only the counter's own staff, only its goods."""

from decimal import Decimal

import pytest

from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable
from chushan.inventory.errors import InsufficientStock
from chushan.pos import services
from chushan.pos.models import PosSale, PosSaleLine

pytestmark = pytest.mark.django_db


def test_a_scan_puts_one_unit_in_the_basket_at_the_list_price(clerk, stocked, sku):
    basket = services.basket_scan(actor=clerk, location=stocked, code="6901234567892")
    basket = services.basket_scan(actor=clerk, location=stocked, code="6901234567892")
    (line,) = basket.lines.all()
    assert (line.sku, line.quantity, line.unit_price, line.line_total) == (sku, 2, Decimal("100.00"),
                                                                          Decimal("200.00"))
    assert (basket.state, basket.total, basket.channel.code) == ("open", Decimal("200.00"), "shop_counter")
    assert basket.number.startswith("R")


def test_each_clerk_has_one_basket_per_counter(clerk, other_clerk, stocked, sku, tea):
    mine = services.basket_add(actor=clerk, location=stocked, sku=sku)
    theirs = services.basket_add(actor=other_clerk, location=stocked, sku=tea)
    assert mine.pk != theirs.pk
    assert services.basket_open(actor=clerk, location=stocked).pk == mine.pk
    assert PosSale.objects.count() == 2


def test_quantities_are_set_and_zero_takes_the_line_out(clerk, stocked, sku, tea):
    services.basket_add(actor=clerk, location=stocked, sku=sku)
    services.basket_add(actor=clerk, location=stocked, sku=tea, quantity=4)
    basket = services.basket_set(actor=clerk, location=stocked, sku=tea, quantity=2)
    assert basket.total == Decimal("173.00")
    basket = services.basket_set(actor=clerk, location=stocked, sku=sku, quantity=0)
    assert [line.sku for line in basket.lines.all()] == [tea] and basket.total == Decimal("73.00")
    basket = services.basket_clear(actor=clerk, location=stocked)
    assert basket.lines.count() == 0 and basket.total == 0


def test_more_than_the_shelf_holds_is_refused_and_nothing_changes(clerk, stocked, sku):
    services.basket_add(actor=clerk, location=stocked, sku=sku, quantity=3)
    with pytest.raises(InsufficientStock) as refused:
        services.basket_add(actor=clerk, location=stocked, sku=sku)
    assert refused.value.extra["items"][0]["available"] == 3
    assert list(PosSaleLine.objects.values_list("quantity", flat=True)) == [3]


@pytest.mark.parametrize("quantity", [-1, 0, 1.5, "2.5", 1000, True])
def test_bad_quantities_are_refused_and_nothing_is_written(clerk, stocked, sku, quantity):
    with pytest.raises(Unprocessable):
        services.basket_add(actor=clerk, location=stocked, sku=sku, quantity=quantity)
    assert not PosSaleLine.objects.exists()


def test_an_unknown_barcode_says_so(clerk, stocked):
    with pytest.raises(NotFound) as refused:
        services.basket_scan(actor=clerk, location=stocked, code="4006381333931")
    assert refused.value.code == "unknown_barcode"
    assert not PosSaleLine.objects.exists()


def test_another_sellers_goods_are_not_sold_here(clerk, stocked):
    foreign = SkuFactory(gtin="04006381333931")
    with pytest.raises(NotFound):
        services.basket_scan(actor=clerk, location=stocked, code="4006381333931")
    with pytest.raises(NotFound):
        services.basket_add(actor=clerk, location=stocked, sku=foreign)
    assert not PosSaleLine.objects.exists()


def test_shoppers_and_other_sellers_staff_cannot_use_the_counter(shopper, stranger, stocked, sku):
    for actor in (shopper, stranger):
        with pytest.raises(PermissionDenied):
            services.basket_add(actor=actor, location=stocked, sku=sku)
    assert not PosSale.objects.exists()


def test_a_warehouse_has_no_counter(owner, warehouse, sku, receive):
    receive(warehouse, sku, 5)
    with pytest.raises(Unprocessable) as refused:
        services.basket_add(actor=owner, location=warehouse, sku=sku)
    assert refused.value.code == "no_counter"
    assert not PosSale.objects.exists()


def test_the_host_scans_the_owners_goods_at_a_consignment_counter(host_clerk, counter, sku, receive):
    receive(counter, sku, 2)
    basket = services.basket_scan(actor=host_clerk, location=counter, code="06901234567892")
    assert (basket.seller_id, basket.host_seller_id, basket.channel.code) == (
        counter.seller_id, counter.host_seller_id, "consignment_counter")
