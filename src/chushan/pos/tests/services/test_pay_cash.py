"""Cash at the counter: the goods leave this shop's shelf through the ledger, change to the fen, a receipt."""

from decimal import Decimal

import pytest

from chushan.core import events
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Stock, StockMovement
from chushan.pos import services
from chushan.pos.models import PosSale, Settlement
from chushan.pos.tests.conftest import assert_ledger_balances

pytestmark = pytest.mark.django_db


def _basket(clerk, location, *items):
    for sku, quantity in items:
        services.basket_add(actor=clerk, location=location, sku=sku, quantity=quantity)
    return services.basket_open(actor=clerk, location=location)


def test_cash_sells_off_this_shops_shelf_and_gives_change(clerk, stocked, sku, tea):
    basket = _basket(clerk, stocked, (sku, 1), (tea, 3))
    sale = services.pos_sale_pay_cash(actor=clerk, sale=basket, tendered="300")
    assert (sale.state, sale.method, sale.total) == ("paid", "cash", Decimal("209.50"))
    assert (sale.cash_tendered, sale.change_given) == (Decimal("300.00"), Decimal("90.50"))
    assert dict(Stock.objects.filter(location=stocked).values_list("sku_id", "on_hand")) == {sku.pk: 2, tea.pk: 7}
    sales = StockMovement.objects.filter(kind="sale")
    assert {(m.reference, m.channel.code) for m in sales} == {(sale.number, "shop_counter")}
    assert all(line.movement_id for line in sale.lines.all())
    assert_ledger_balances()


def test_the_sale_is_announced_for_traceability(clerk, stocked, sku, django_capture_on_commit_callbacks):
    seen = []
    events.subscribe(events.SALE_RECORDED, lambda **payload: seen.append(payload))
    with django_capture_on_commit_callbacks(execute=True):
        sale = services.pos_sale_pay_cash(actor=clerk, sale=_basket(clerk, stocked, (sku, 2)), tendered="200")
    payload = seen[-1]
    assert (payload["sale_ref"], payload["seller_id"], payload["shopper_id"]) == (sale.number, sale.seller_id, None)
    assert payload["lines"] == [{"gtin": sku.gtin, "lot": None, "serial": None, "quantity": 2}]


def test_too_little_cash_sells_nothing(clerk, stocked, sku):
    basket = _basket(clerk, stocked, (sku, 1))
    movements = StockMovement.objects.count()
    with pytest.raises(Unprocessable) as refused:
        services.pos_sale_pay_cash(actor=clerk, sale=basket, tendered="99.99")
    assert refused.value.code == "not_enough_cash"
    assert StockMovement.objects.count() == movements
    assert PosSale.objects.get().state == "open"


@pytest.mark.parametrize("tendered", ["-100", "0", "abc", "100.001", 100.5])
def test_bad_cash_amounts_are_refused(clerk, stocked, sku, tendered):
    basket = _basket(clerk, stocked, (sku, 1))
    with pytest.raises(Unprocessable):
        services.pos_sale_pay_cash(actor=clerk, sale=basket, tendered=tendered)
    assert PosSale.objects.get().state == "open"


def test_when_one_line_ran_out_nothing_is_sold_and_every_short_line_is_named(clerk, owner, stocked, sku, tea):
    basket = _basket(clerk, stocked, (sku, 3), (tea, 10))
    # Meanwhile the shelf emptied (another counter, a count).
    services.basket_add(actor=owner, location=stocked, sku=sku, quantity=1)
    services.pos_sale_pay_cash(actor=owner, sale=services.basket_open(actor=owner, location=stocked),
                               tendered="100")
    before = list(Stock.objects.order_by("pk").values_list("on_hand", "reserved"))
    with pytest.raises(InsufficientStock) as refused:
        services.pos_sale_pay_cash(actor=clerk, sale=basket, tendered="1000")
    assert [item["sku"] for item in refused.value.extra["items"]] == [sku.pk]
    assert list(Stock.objects.order_by("pk").values_list("on_hand", "reserved")) == before
    assert PosSale.objects.get(pk=basket.pk).state == "open"
    assert_ledger_balances()


def test_an_empty_basket_cannot_be_paid(clerk, stocked):
    basket = services.basket_open(actor=clerk, location=stocked)
    with pytest.raises(Unprocessable) as refused:
        services.pos_sale_pay_cash(actor=clerk, sale=basket, tendered="10")
    assert refused.value.code == "empty_basket"


def test_a_paid_sale_cannot_be_paid_again(clerk, stocked, sku):
    sale = services.pos_sale_pay_cash(actor=clerk, sale=_basket(clerk, stocked, (sku, 1)), tendered="100")
    with pytest.raises(Unprocessable) as refused:
        services.pos_sale_pay_cash(actor=clerk, sale=sale, tendered="100")
    assert refused.value.code == "not_a_basket"
    assert Stock.objects.get(sku=sku).on_hand == 2


def test_another_sellers_staff_cannot_take_payment_for_the_basket(clerk, stranger, stocked, sku):
    basket = _basket(clerk, stocked, (sku, 1))
    with pytest.raises(PermissionDenied):
        services.pos_sale_pay_cash(actor=stranger, sale=basket, tendered="100")
    assert PosSale.objects.get().state == "open" and Stock.objects.get(sku=sku).on_hand == 3


def test_a_consignment_sale_settles_to_the_owner_less_the_hosts_commission(host_clerk, counter, sku, receive):
    receive(counter, sku, 2)
    basket = _basket(host_clerk, counter, (sku, 2))
    sale = services.pos_sale_pay_cash(actor=host_clerk, sale=basket, tendered="200")
    settlement = Settlement.objects.get()
    assert (settlement.owner, settlement.host, settlement.gross) == (counter.seller, counter.host_seller,
                                                                     Decimal("200.00"))
    assert (settlement.commission, settlement.owner_share) == (Decimal("30.00"), Decimal("170.00"))
    assert settlement.sale == sale and sale.channel.code == "consignment_counter"
    assert Stock.objects.get(location=counter).on_hand == 0
