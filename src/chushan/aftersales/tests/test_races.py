"""Real threads over real PostgreSQL connections (skipped on SQLite): two of the seller's staff completing the
same return refund at once refund it once; two requests for the last returnable units, one wins."""

import pytest

from chushan.aftersales import services
from chushan.aftersales.models import ReturnRequest
from chushan.aftersales.tests.support import ask
from chushan.core.errors import ApplicationError
from chushan.core.testing import race
from chushan.inventory.tests.support import restore_reference_data
from chushan.orders.models import OrderLine, OrderRefund
from chushan.payments.models import Payment, Refund

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests empty every table; put back the sales channels and the regions the factories use."""
    restore_reference_data()


@pytest.fixture
def delivered(shopper, address, stocked, owner):
    """As conftest's, without capture (transactional tests run on-commit callbacks for real)."""
    from chushan.orders import services as orders
    from chushan.orders.models import Order
    from chushan.orders.tests.support import line, pay, place

    checkout = place(shopper, line(stocked, 2, address=address))
    pay(checkout)
    order = checkout.orders.get()
    orders.order_pack(actor=owner, order=order)
    orders.order_ship(actor=owner, order=order)
    orders.order_deliver(actor=owner, order=order)
    return Order.objects.get(pk=order.pk)


@pytest.mark.parametrize("round_", range(3))
def test_two_staff_completing_the_same_return_refund_it_once(round_, shopper, owner, clerk, delivered, shop):
    request = ask(shopper, delivered, units=2)
    services.return_request_decide(actor=owner, request=request, approve=True)
    services.return_request_receive(actor=owner, request=request, location=shop)
    staff = [owner, clerk]

    outcomes = race(2, lambda i: services.return_request_refund(actor=staff[i], request=request))
    assert sorted(kind for kind, _v in outcomes) == ["error", "ok"], outcomes
    assert all(isinstance(v, ApplicationError) for kind, v in outcomes if kind == "error")
    assert ReturnRequest.objects.get(pk=request.pk).state == "refunded"
    assert OrderRefund.objects.count() == 1 and Refund.objects.count() == 1
    assert OrderLine.objects.get(order=delivered).refunded_quantity == 2
    payment = Payment.objects.get(payable_ref=delivered.checkout.payable_ref)
    assert payment.refund_committed_amount == payment.amount


def test_two_requests_for_the_last_returnable_units_one_wins(shopper, delivered):
    outcomes = race(2, lambda i: ask(shopper, delivered, units=2))
    assert sorted(kind for kind, _v in outcomes) == ["error", "ok"], outcomes
    assert ReturnRequest.objects.count() == 1
