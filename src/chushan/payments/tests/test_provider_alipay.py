"""The Alipay adapter against python-alipay-sdk's own RSA2 signing and verification; only the HTTP transport
(alipay.urlopen) is replaced. "Alipay" here is the same SDK holding Alipay's key."""

import json
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from alipay import AliPay

from chushan.core import events
from chushan.payments import services
from chushan.payments.models import Payment, Refund
from chushan.payments.providers import get_provider
from chushan.payments.providers.base import BadSignature, ProviderError
from chushan.payments.tests.keys import certificate, keypair
from chushan.payments.tests.support import snapshot

pytestmark = pytest.mark.django_db
APP_ID = "2021000000000001"
NOTIFY_URL = "https://shop.example.cn/api/v1/payments/notify/alipay"


@pytest.fixture
def alipay_on(settings):
    """Our side: the app's private key and Alipay's public key, as the settings would read them."""
    providers = {**settings.CHUSHAN_PAYMENT_PROVIDERS}
    providers["alipay"] = {"enabled": True, "app_id": APP_ID, "app_private_key": keypair("app")[1],
                           "alipay_public_key": keypair("alipay")[2], "notify_url": NOTIFY_URL, "product": "page",
                           "debug": False}
    settings.CHUSHAN_PAYMENT_PROVIDERS = providers
    return providers["alipay"]


@pytest.fixture
def alipay_side():
    """Alipay itself: signs with Alipay's private key, checks our requests with the app's public key."""
    return AliPay(appid=APP_ID, app_private_key_string=keypair("alipay")[1],
                  alipay_public_key_string=keypair("app")[2], sign_type="RSA2")


@pytest.fixture
def gateway(monkeypatch, alipay_side):
    """Replace the SDK's HTTP transport: record each request, answer with a response Alipay signed."""

    class Gateway:
        requests: list[dict] = []
        answers: list[tuple[str, dict]] = []
        forged = False

        def urlopen(self, url, timeout=None):
            params = dict(parse_qsl(urlsplit(url).query))
            self.requests.append(params)
            response_type, data = self.answers.pop(0)
            content = json.dumps(data, ensure_ascii=False)
            sign = alipay_side._sign(content if not self.forged else content + " ")
            raw = f'{{"{response_type}":{content},"sign":"{sign}"}}'

            class Answer:
                def read(self):
                    return raw.encode()

            return Answer()

    fake = Gateway()
    fake.requests, fake.answers = [], []
    monkeypatch.setattr("alipay.urlopen", fake.urlopen)
    return fake


def request_verifies(alipay_side, params: dict) -> bool:
    """Alipay's check of our request: every parameter but `sign` (sign_type included, unlike notifications),
    verified by the SDK with the app's public key."""
    params = dict(params)
    sign = params.pop("sign")
    return alipay_side._verify("&".join(f"{k}={v}" for k, v in sorted(params.items())), sign)


def notification(alipay_side, payment, **fields) -> bytes:
    """An asynchronous notification body, form-encoded and signed by Alipay (sign_type is not signed)."""
    data = {"notify_time": "2026-05-01 10:00:00", "notify_type": "trade_status_sync",
            "notify_id": "N" + payment.reference, "app_id": APP_ID, "charset": "utf-8", "version": "1.0",
            "trade_no": "2026050122001400000000000001",
            "out_trade_no": payment.reference, "trade_status": "TRADE_SUCCESS", "total_amount": str(payment.amount),
            "buyer_pay_amount": str(payment.amount), **fields}
    data["sign"] = alipay_side._sign("&".join(f"{k}={v}" for k, v in sorted(data.items())))
    data["sign_type"] = "RSA2"
    return urlencode(data).encode()


@pytest.fixture
def payment(alipay_on, orders, shopper):
    return services.payment_start(actor=shopper, payable_ref=orders.add("1", "45.00", owner=shopper),
                                  provider="alipay")


def deliver(client, body: bytes):
    return client.post("/api/v1/payments/notify/alipay", body, content_type="application/x-www-form-urlencoded")


def test_the_page_pay_url_is_signed_so_alipay_accepts_it(payment, alipay_side):
    url = urlsplit(payment.pay_url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://openapi.alipay.com/gateway.do"
    params = dict(parse_qsl(url.query))
    assert request_verifies(alipay_side, params)
    assert params["method"] == "alipay.trade.page.pay" and params["notify_url"] == NOTIFY_URL
    biz = json.loads(params["biz_content"])
    assert (biz["out_trade_no"], biz["total_amount"]) == (payment.reference, "45.00")


def test_the_qr_product_asks_alipay_for_a_code(alipay_on, orders, shopper, gateway, alipay_side, settings):
    settings.CHUSHAN_PAYMENT_PROVIDERS["alipay"]["product"] = "qr"
    gateway.answers.append(("alipay_trade_precreate_response",
                            {"code": "10000", "msg": "Success", "out_trade_no": "x",
                             "qr_code": "https://qr.alipay.com/bax0000"}))
    payment = services.payment_start(actor=shopper, payable_ref=orders.add("2", "9.9", owner=shopper),
                                     provider="alipay")
    assert payment.qr_content == "https://qr.alipay.com/bax0000"
    assert request_verifies(alipay_side, gateway.requests[0])


def test_an_answer_with_a_bad_signature_is_a_provider_error_and_nothing_is_written(
        alipay_on, orders, shopper, gateway, settings):
    settings.CHUSHAN_PAYMENT_PROVIDERS["alipay"]["product"] = "qr"
    gateway.forged = True
    gateway.answers.append(("alipay_trade_precreate_response", {"code": "10000", "qr_code": "https://evil"}))
    with pytest.raises(ProviderError):
        services.payment_start(actor=shopper, payable_ref=orders.add("2", "9.9", owner=shopper), provider="alipay")
    assert not Payment.objects.exists()


def test_a_signed_notification_pays_and_is_answered_success(client, payment, alipay_side, published):
    response = deliver(client, notification(alipay_side, payment))
    assert (response.status_code, response.content) == (200, b"success")
    payment.refresh_from_db()
    assert (payment.state, payment.provider_trade_no) == ("paid", "2026050122001400000000000001")
    assert published == [(events.PAYMENT_SUCCEEDED, {"payable_ref": payment.payable_ref, "payment_id": payment.pk})]
    assert deliver(client, notification(alipay_side, payment)).content == b"success"  # resent: no change
    assert len(published) == 1


@pytest.mark.parametrize("attack", ["tampered_amount", "other_key", "other_app", "no_sign", "bad_base64"])
def test_a_notification_that_does_not_verify_is_401_and_changes_nothing(client, payment, alipay_side, attack):
    if attack == "tampered_amount":
        body = notification(alipay_side, payment).replace(b"total_amount=45.00", b"total_amount=0.01")
    elif attack == "other_key":
        impostor = AliPay(appid=APP_ID, app_private_key_string=keypair("impostor")[1],
                          alipay_public_key_string=keypair("app")[2])
        body = notification(impostor, payment)
    elif attack == "other_app":
        body = notification(alipay_side, payment, app_id="2021999999999999")
    elif attack == "no_sign":
        body = b"&".join(p for p in notification(alipay_side, payment).split(b"&") if not p.startswith(b"sign="))
    else:
        body = notification(alipay_side, payment) + b"&sign=%%%"
    before = snapshot()
    response = deliver(client, body)
    assert response.status_code in (400, 401)
    assert response["Content-Type"] == "application/problem+json"
    assert snapshot() == before


def test_a_wait_buyer_pay_notification_is_acknowledged_and_ignored(client, payment, alipay_side):
    assert deliver(client, notification(alipay_side, payment, trade_status="WAIT_BUYER_PAY")).content == b"success"
    payment.refresh_from_db()
    assert payment.state == "pending"


def test_query_close_refund_and_refund_query_speak_alipay(payment, gateway, alipay_side, staff):
    provider = get_provider("alipay")
    gateway.answers.append(("alipay_trade_query_response", {"code": "10000", "trade_status": "TRADE_SUCCESS",
                                                            "total_amount": "45.00", "trade_no": "T1"}))
    found = provider.query(payment)
    assert (found.status, found.amount, found.provider_trade_no) == ("paid", Decimal("45.00"), "T1")
    gateway.answers.append(("alipay_trade_close_response",
                            {"code": "40004", "sub_code": "ACQ.TRADE_STATUS_ERROR", "sub_msg": "paid"}))
    assert provider.close(payment) is False
    services.payment_record(payment_id=payment.pk, status="paid", amount=Decimal("45.00"))
    gateway.answers.append(("alipay_trade_refund_response", {"code": "10000", "fund_change": "Y", "trade_no": "T1",
                                                             "refund_fee": "10.00"}))
    refund = services.refund_request(actor=staff, payment=payment, amount="10", reason="退货")
    assert refund.state == Refund.State.SUCCEEDED
    sent = gateway.requests[-1]
    assert request_verifies(alipay_side, sent)
    assert json.loads(sent["biz_content"])["out_request_no"] == refund.reference
    gateway.answers.append(("alipay_trade_fastpay_refund_query_response",
                            {"code": "10000", "refund_status": "REFUND_SUCCESS", "refund_amount": "10.00"}))
    assert provider.refund_query(refund).status == "succeeded"
    for request in gateway.requests:
        assert request_verifies(alipay_side, request)


def test_a_refund_notification_settles_the_refund(client, payment, gateway, alipay_side, staff):
    services.payment_record(payment_id=payment.pk, status="paid", amount=Decimal("45.00"))
    gateway.answers.append(("alipay_trade_refund_response", {"code": "10000", "fund_change": "N"}))
    refund = services.refund_request(actor=staff, payment=payment, amount="45", reason="退货")
    assert refund.state == Refund.State.PENDING
    body = notification(alipay_side, payment, notify_id="NREFUND", trade_status="TRADE_CLOSED", refund_fee="45.00",
                        out_biz_no=refund.reference, gmt_refund="2026-05-01 11:00:00")
    assert deliver(client, body).content == b"success"
    refund.refresh_from_db()
    payment.refresh_from_db()
    assert (refund.state, payment.state) == ("succeeded", "refunded")


def test_a_refused_refund_is_recorded_failed(payment, gateway, staff):
    services.payment_record(payment_id=payment.pk, status="paid", amount=Decimal("45.00"))
    gateway.answers.append(("alipay_trade_refund_response",
                            {"code": "40004", "sub_code": "ACQ.TRADE_HAS_FINISHED", "sub_msg": "交易已完结"}))
    refund = services.refund_request(actor=staff, payment=payment, amount="5", reason="退货")
    assert (refund.state, refund.failure_reason) == ("failed", "交易已完结")
    payment.refresh_from_db()
    assert payment.refund_committed_amount == 0


@pytest.mark.filterwarnings("ignore:X509.get_issuer is deprecated:DeprecationWarning")
def test_certificate_mode_signs_with_the_cert_serial_numbers(settings, alipay_on, orders, shopper, alipay_side,
                                                              client):
    alipay_on.update({"alipay_public_key": "", "app_cert": certificate("app", issuer_key_name="root",
                                                                       common_name="app", serial=1001),
                      "alipay_cert": certificate("alipay", issuer_key_name="root", common_name="alipay",
                                                 serial=1002),
                      "alipay_root_cert": certificate("root", issuer_key_name="root", common_name="Test Root CA",
                                                      serial=1)})
    settings.CHUSHAN_PAYMENT_PROVIDERS = {**settings.CHUSHAN_PAYMENT_PROVIDERS, "alipay": alipay_on}
    payment = services.payment_start(actor=shopper, payable_ref=orders.add("9", "12.00", owner=shopper),
                                     provider="alipay")
    params = dict(parse_qsl(urlsplit(payment.pay_url).query))
    assert params["app_cert_sn"] and params["alipay_root_cert_sn"]
    assert request_verifies(alipay_side, params)
    assert deliver(client, notification(alipay_side, payment)).content == b"success"
    with pytest.raises(BadSignature):
        get_provider("alipay").verify_notification(
            body=notification(alipay_side, payment).replace(b"12.00", b"1.00"), headers={}, now=None)
