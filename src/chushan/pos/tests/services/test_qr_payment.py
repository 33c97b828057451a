"""QR payment at the counter: the stock is held while the customer pays; the provider's notification makes it a
sale; a cancelled or timed-out payment frees the stock; a payment that comes too late is refunded."""

from decimal import Decimal

import pytest

from chushan.core.errors import Unprocessable
from chushan.inventory.models import Reservation, Stock
from chushan.payments.models import Payment, Refund
from chushan.payments.services import payments_expire
from chushan.payments.services.sandbox import sandbox_notifications_deliver, sandbox_trade_pay
from chushan.pos import services
from chushan.pos.models import PosSale
from chushan.pos.tests.conftest import assert_ledger_balances

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(clerk, stocked, sku):
    services.basket_add(actor=clerk, location=stocked, sku=sku, quantity=2)
    return services.pos_sale_qr_start(actor=clerk, sale=services.basket_open(actor=clerk, location=stocked),
                                      provider="sandbox")


def _stock(sku):
    return Stock.objects.filter(sku=sku).values_list("on_hand", "reserved").get()


def test_the_qr_code_is_for_the_total_and_the_goods_are_held(waiting, sku):
    assert waiting.state == "awaiting_payment"
    assert (waiting.payment.amount, waiting.payment.payable_ref) == (Decimal("200.00"), f"pos_sale:{waiting.pk}")
    assert waiting.payment.qr_content.startswith("http")
    assert _stock(sku) == (3, 2)


def test_the_customer_pays_and_the_sale_is_done(waiting, sku, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sandbox_trade_pay(out_trade_no=waiting.payment.reference)
        sandbox_notifications_deliver()
    sale = PosSale.objects.get(pk=waiting.pk)
    assert (sale.state, sale.method, sale.payment_id) == ("paid", "qr", waiting.payment.pk)
    assert _stock(sku) == (1, 0)
    assert set(Reservation.objects.values_list("state", flat=True)) == {"committed"}
    assert_ledger_balances()


def test_the_clerk_may_serve_the_next_customer_while_one_pays(waiting, clerk, stocked, tea):
    basket = services.basket_add(actor=clerk, location=stocked, sku=tea)
    assert basket.pk != waiting.pk and basket.state == "open"


def test_settling_twice_changes_nothing(waiting, sku):
    sandbox_trade_pay(out_trade_no=waiting.payment.reference)
    sandbox_notifications_deliver()  # events not run here: settle by hand, twice
    services.pos_sale_payment_settle(sale_id=waiting.pk, payment_id=waiting.payment.pk)
    services.pos_sale_payment_settle(sale_id=waiting.pk, payment_id=waiting.payment.pk)
    assert _stock(sku) == (1, 0)
    assert_ledger_balances()


def test_cancelling_frees_the_stock_and_the_basket_comes_back(waiting, clerk, sku):
    sale = services.pos_sale_qr_cancel(actor=clerk, sale=waiting)
    assert sale.state == "open"
    assert Payment.objects.get().state == "closed"
    assert _stock(sku) == (3, 0)
    assert sale.lines.get().reservation_id is None
    assert_ledger_balances()


def test_a_timed_out_payment_frees_the_stock(waiting, sku, settings, django_capture_on_commit_callbacks):
    Payment.objects.update(expires_at=waiting.created_at)
    with django_capture_on_commit_callbacks(execute=True):
        payments_expire()
    assert PosSale.objects.get(pk=waiting.pk).state == "open"
    assert _stock(sku) == (3, 0)


def test_the_clerk_checks_a_payment_whose_notification_is_slow(waiting, clerk, sku):
    sandbox_trade_pay(out_trade_no=waiting.payment.reference)  # paid; the notification has not arrived
    sale = services.pos_sale_refresh(actor=clerk, sale=waiting)
    assert sale.state == "paid" and _stock(sku) == (1, 0)


def test_a_payment_after_the_sale_was_given_up_is_refunded(waiting, clerk, sku, tea):
    services.pos_sale_qr_cancel(actor=clerk, sale=waiting)
    payment = Payment.objects.get()
    Payment.objects.filter(pk=payment.pk).update(state="paid")  # the provider says paid after all
    sale = services.pos_sale_payment_settle(sale_id=waiting.pk, payment_id=payment.pk)
    assert sale.state == "open"
    refund = Refund.objects.get()
    assert (refund.payment_id, refund.amount) == (payment.pk, Decimal("200.00"))
    assert _stock(sku) == (3, 0)


def test_an_unknown_provider_holds_nothing(clerk, stocked, sku):
    services.basket_add(actor=clerk, location=stocked, sku=sku)
    with pytest.raises(Unprocessable) as refused:
        services.pos_sale_qr_start(actor=clerk, sale=services.basket_open(actor=clerk, location=stocked),
                                   provider="bitcoin")
    assert "provider" in refused.value.errors
    assert _stock(sku) == (3, 0) and PosSale.objects.get().state == "open"


def test_the_payments_api_will_not_refund_a_counter_sale_outside_a_return(waiting, clerk):
    from chushan.core.errors import PermissionDenied
    from chushan.payments.services import refund_request

    sandbox_trade_pay(out_trade_no=waiting.payment.reference)
    sandbox_notifications_deliver()
    with pytest.raises(PermissionDenied):
        refund_request(actor=clerk, payment=Payment.objects.get(), amount="10", reason="想退")
    assert not Refund.objects.exists()
