"""The sandbox pay page: shows the amount, pays or fails, refuses what a real cashier would refuse."""

import re

import pytest

from chushan.payments import services
from chushan.payments.models import Payment, SandboxNotification, SandboxTrade
from chushan.payments.services.sandbox import sandbox_notifications_deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def payment(orders, shopper):
    return services.payment_start(actor=shopper, payable_ref=orders.add("1", "168.00", owner=shopper),
                                  provider="sandbox")


def test_the_page_shows_the_amount_and_the_two_buttons(client, payment):
    response = client.get(payment.pay_url)
    assert response.status_code == 200
    text = response.text
    assert "168.00" in text and payment.reference in text
    assert 'data-testid="sandbox-pay-button"' in text and 'data-testid="sandbox-fail-button"' in text
    assert "<svg" in text  # the QR code to pay from a phone


def test_paying_on_the_page_notifies_the_shop_and_the_payment_becomes_paid(client, payment):
    response = client.post(payment.pay_url, {"action": "pay"})
    assert response.status_code == 302
    assert SandboxTrade.objects.get().status == SandboxTrade.Status.SUCCESS
    assert SandboxNotification.objects.count() == 1
    sandbox_notifications_deliver()
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID
    assert 'data-testid="sandbox-paid"' in client.get(payment.pay_url).text


def test_failing_on_the_page_fails_the_payment(client, payment):
    client.post(payment.pay_url, {"action": "fail"})
    sandbox_notifications_deliver()
    payment.refresh_from_db()
    assert payment.state == Payment.State.FAILED
    assert 'data-testid="sandbox-failed"' in client.get(payment.pay_url).text


def test_a_closed_payment_cannot_be_paid_and_says_so(client, payment, shopper):
    services.payment_close(actor=shopper, payment=payment)
    response = client.post(payment.pay_url, {"action": "pay"})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert SandboxTrade.objects.get().status == SandboxTrade.Status.CLOSED
    assert not SandboxNotification.objects.exists()


def test_an_unknown_action_is_refused(client, payment):
    response = client.post(payment.pay_url, {"action": "steal"})
    assert response.status_code == 400
    assert SandboxTrade.objects.get().status == SandboxTrade.Status.WAITING


def test_an_unknown_trade_is_404(client):
    assert client.get("/payments/sandbox/CSNOPE/").status_code == 404


def test_the_page_is_gone_when_the_sandbox_is_off(client, payment, settings):
    settings.CHUSHAN_PAYMENT_PROVIDERS = {**settings.CHUSHAN_PAYMENT_PROVIDERS,
                                          "sandbox": {**settings.CHUSHAN_PAYMENT_PROVIDERS["sandbox"],
                                                      "enabled": False}}
    assert client.get(payment.pay_url).status_code == 404


def test_the_page_speaks_english_too(client, payment):
    client.cookies["django_language"] = "en"
    assert "Pay now" in client.get(payment.pay_url, HTTP_ACCEPT_LANGUAGE="en").text


def test_the_pay_page_offers_pay_first_and_fail_second_with_a_scalable_qr(client, payment):
    html = client.get(payment.pay_url).text
    assert 'class="button" data-testid="sandbox-pay-button"' in html
    assert 'class="button secondary" data-testid="sandbox-fail-button"' in html
    svg = re.search(r"<svg ([^>]*)>", html).group(1)
    assert "viewBox=" in svg and "width=" not in svg  # sized by the page, not cropped to a fixed box
    assert "payments/sandbox.css" in html
