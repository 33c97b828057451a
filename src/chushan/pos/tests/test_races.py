"""Real threads over real PostgreSQL connections (skipped on SQLite): a counter sale and a web checkout racing
for the last unit end with exactly one winner and stock never below zero; two clerks taking the same return
refund it once."""

import pytest

from chushan.core.errors import ApplicationError
from chushan.core.testing import race
from chushan.inventory import services as stock
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Stock
from chushan.inventory.tests.support import restore_reference_data
from chushan.payments.models import Payment, Refund
from chushan.payments.services.sandbox import sandbox_notifications_deliver, sandbox_trade_pay
from chushan.pos import services
from chushan.pos.models import PosReturn, PosSale, PosSaleLine
from chushan.pos.tests.conftest import assert_ledger_balances

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests empty every table; put back the sales channels and the regions the factories use."""
    restore_reference_data()


def _stock(sku, location):
    return Stock.objects.filter(sku=sku, location=location).values_list("on_hand", "reserved").get()


@pytest.mark.parametrize("round_", range(5))
def test_a_counter_sale_and_a_web_hold_race_for_the_last_unit(round_, clerk, shopper, shop, sku, receive):
    receive(shop, sku, 1)
    basket = services.basket_add(actor=clerk, location=shop, sku=sku)

    def work(i):
        if i == 0:
            return services.pos_sale_pay_cash(actor=clerk, sale=basket, tendered="100")
        return stock.stock_reserve(actor=shopper, sku=sku, location=shop, quantity=1, reference="order_line:1")

    outcomes = race(2, work)
    won = [value for kind, value in outcomes if kind == "ok"]
    lost = [exc for kind, exc in outcomes if kind == "error"]
    assert len(won) == 1 and len(lost) == 1 and isinstance(lost[0], InsufficientStock), outcomes
    on_hand, reserved = _stock(sku, shop)
    assert on_hand - reserved == 0 and on_hand >= 0
    counter_won = isinstance(won[0], PosSale)
    assert PosSale.objects.get(pk=basket.pk).state == ("paid" if counter_won else "open")
    assert (on_hand, reserved) == ((0, 0) if counter_won else (1, 1))
    assert_ledger_balances()


def test_many_clerks_and_shoppers_never_sell_more_than_the_shelf_holds(seller, shop, sku, receive):
    from chushan.accounts.tests.factories import UserFactory
    from chushan.sellers.models import Membership
    from chushan.sellers.tests.factories import MembershipFactory

    receive(shop, sku, 5)
    clerks = [MembershipFactory(seller=seller, role=Membership.Role.STAFF).user for _ in range(8)]
    shoppers = [UserFactory() for _ in range(8)]
    baskets = [services.basket_add(actor=c, location=shop, sku=sku) for c in clerks]

    def work(i):
        if i % 2:
            return services.pos_sale_pay_cash(actor=clerks[i // 2], sale=baskets[i // 2], tendered="100")
        return stock.stock_reserve(actor=shoppers[i // 2], sku=sku, location=shop, quantity=1)

    outcomes = race(16, work)
    assert [exc for kind, exc in outcomes if kind == "error" and not isinstance(exc, InsufficientStock)] == []
    assert sum(1 for kind, _v in outcomes if kind == "ok") == 5
    on_hand, reserved = _stock(sku, shop)
    assert on_hand >= 0 and reserved <= on_hand and on_hand - reserved == 0
    assert_ledger_balances()


def test_two_clerks_completing_the_same_return_refund_it_once(clerk, other_clerk, shop, sku, receive,
                                                            django_capture_on_commit_callbacks):
    receive(shop, sku, 1)
    services.basket_add(actor=clerk, location=shop, sku=sku)
    sale = services.pos_sale_qr_start(actor=clerk, sale=services.basket_open(actor=clerk, location=shop),
                                      provider="sandbox")
    sandbox_trade_pay(out_trade_no=sale.payment.reference)
    sandbox_notifications_deliver()
    services.pos_sale_refresh(actor=clerk, sale=sale)
    sale.refresh_from_db()
    line = PosSaleLine.objects.get(sale=sale)
    clerks = [clerk, other_clerk]

    def work(i):
        return services.pos_return_take(actor=clerks[i], sale=sale, lines=[(line.pk, 1)], method="original",
                                        reason="破损")

    outcomes = race(2, work)
    assert sorted(kind for kind, _v in outcomes) == ["error", "ok"], outcomes
    assert all(isinstance(v, ApplicationError) for kind, v in outcomes if kind == "error")
    assert PosReturn.objects.count() == 1 and Refund.objects.count() == 1
    payment = Payment.objects.get()
    assert payment.refund_committed_amount == payment.amount
    assert _stock(sku, shop) == (1, 0)
    assert_ledger_balances()
