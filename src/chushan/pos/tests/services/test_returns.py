"""Returns at the counter: the goods go back on this shop's shelf, the money back in cash or to the QR payment;
never more than was sold, only by this counter's staff."""

from decimal import Decimal

import pytest

from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.inventory.models import Stock, StockMovement
from chushan.payments.models import Payment, Refund
from chushan.payments.services.sandbox import sandbox_notifications_deliver, sandbox_trade_pay
from chushan.pos import services
from chushan.pos.models import PosReturn, PosSale, Settlement
from chushan.pos.tests.conftest import assert_ledger_balances
from chushan.pos.tests.factories import cash_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold(clerk, stocked, sku, tea):
    return cash_sale(clerk=clerk, location=stocked, items=[(sku, 2), (tea, 4)], tendered="400")


def _line(sale, sku):
    return sale.lines.get(sku=sku)


def _snapshot():
    return (list(Stock.objects.order_by("pk").values_list("on_hand", flat=True)), StockMovement.objects.count(),
            PosReturn.objects.count(), list(PosSale.objects.values_list("refunded_amount", flat=True)),
            Refund.objects.count())


def test_a_cash_return_puts_the_goods_back_on_this_shelf(sold, clerk, sku, stocked):
    back = services.pos_return_take(actor=clerk, sale=sold, lines=[(_line(sold, sku).pk, 1)], method="cash",
                                    reason="尺寸不合适")
    assert (back.amount, back.method, back.refund) == (Decimal("100.00"), "cash", None)
    assert back.number.startswith("T")
    assert Stock.objects.get(sku=sku, location=stocked).on_hand == 2
    movement = back.lines.get().movement
    assert (movement.kind, movement.reference, movement.channel.code) == ("return", back.number, "shop_counter")
    sold.refresh_from_db()
    assert sold.refunded_amount == Decimal("100.00") and _line(sold, sku).returned_quantity == 1
    assert_ledger_balances()


def test_more_than_was_sold_cannot_come_back(sold, clerk, sku):
    services.pos_return_take(actor=clerk, sale=sold, lines=[(_line(sold, sku).pk, 1)], method="cash", reason="坏了")
    before = _snapshot()
    with pytest.raises(Unprocessable) as refused:
        services.pos_return_take(actor=clerk, sale=sold, lines=[(_line(sold, sku).pk, 2)], method="cash",
                                 reason="坏了")
    assert "lines.0.quantity" in refused.value.errors
    assert _snapshot() == before


@pytest.mark.parametrize("lines", [[], [(999999, 1)], [("x", 1)], [(None, None)], "bad"])
def test_lines_not_on_the_receipt_are_refused(sold, clerk, lines):
    before = _snapshot()
    with pytest.raises(Unprocessable):
        services.pos_return_take(actor=clerk, sale=sold, lines=lines, method="cash", reason="坏了")
    assert _snapshot() == before


@pytest.mark.parametrize("units", [0, -1, 1.5, "1.5"])
def test_bad_quantities_are_refused(sold, clerk, sku, units):
    before = _snapshot()
    with pytest.raises(Unprocessable):
        services.pos_return_take(actor=clerk, sale=sold, lines=[(_line(sold, sku).pk, units)], method="cash",
                                 reason="坏了")
    assert _snapshot() == before


def test_a_line_named_twice_is_refused(sold, clerk, sku):
    line = _line(sold, sku).pk
    with pytest.raises(Unprocessable):
        services.pos_return_take(actor=clerk, sale=sold, lines=[(line, 1), (line, 1)], method="cash", reason="坏了")
    assert not PosReturn.objects.exists()


def test_a_return_needs_a_reason_and_a_method(sold, clerk, sku):
    for method, reason in (("cash", " "), ("card", "坏了")):
        with pytest.raises(Unprocessable):
            services.pos_return_take(actor=clerk, sale=sold, lines=[(_line(sold, sku).pk, 1)], method=method,
                                     reason=reason)
    assert not PosReturn.objects.exists()


def test_a_cash_sale_cannot_be_refunded_to_a_qr_payment(sold, clerk, sku):
    with pytest.raises(Unprocessable) as refused:
        services.pos_return_take(actor=clerk, sale=sold, lines=[(_line(sold, sku).pk, 1)], method="original",
                                 reason="坏了")
    assert refused.value.code == "not_paid_by_qr"


def test_other_sellers_staff_and_shoppers_cannot_take_returns(sold, stranger, shopper, sku):
    before = _snapshot()
    for actor in (stranger, shopper):
        with pytest.raises(PermissionDenied):
            services.pos_return_take(actor=actor, sale=sold, lines=[(_line(sold, sku).pk, 1)], method="cash",
                                     reason="坏了")
    assert _snapshot() == before


def test_a_basket_cannot_be_returned(clerk, stocked, sku):
    basket = services.basket_add(actor=clerk, location=stocked, sku=sku)
    with pytest.raises(Conflict):
        services.pos_return_take(actor=clerk, sale=basket, lines=[(basket.lines.get().pk, 1)], method="cash",
                                 reason="坏了")


def test_a_qr_sale_is_refunded_to_the_payment(clerk, stocked, sku, django_capture_on_commit_callbacks):
    services.basket_add(actor=clerk, location=stocked, sku=sku, quantity=2)
    sale = services.pos_sale_qr_start(actor=clerk, sale=services.basket_open(actor=clerk, location=stocked),
                                      provider="sandbox")
    with django_capture_on_commit_callbacks(execute=True):
        sandbox_trade_pay(out_trade_no=sale.payment.reference)
        sandbox_notifications_deliver()
    sale.refresh_from_db()
    back = services.pos_return_take(actor=clerk, sale=sale, lines=[(sale.lines.get().pk, 2)], method="original",
                                    reason="买错了")
    assert (back.refund.amount, back.refund.payment_id) == (Decimal("200.00"), sale.payment_id)
    sandbox_notifications_deliver()
    assert Payment.objects.get().state == "refunded"
    assert Stock.objects.get(sku=sku).on_hand == 3
    assert_ledger_balances()


def test_a_consignment_return_reverses_the_settlement(host_clerk, counter, sku, receive):
    receive(counter, sku, 2)
    sale = cash_sale(clerk=host_clerk, location=counter, items=[(sku, 2)])
    services.pos_return_take(actor=host_clerk, sale=sale, lines=[(sale.lines.get().pk, 1)], method="cash",
                             reason="有瑕疵")
    rows = list(Settlement.objects.order_by("pk").values_list("gross", "commission", "owner_share"))
    assert rows == [(Decimal("200.00"), Decimal("30.00"), Decimal("170.00")),
                    (Decimal("-100.00"), Decimal("-15.00"), Decimal("-85.00"))]
    assert Stock.objects.get(location=counter).on_hand == 1
