"""The WeChat Pay v3 adapter against wechatpayv3's own signing, verification and decryption; only the HTTP
transport (requests inside the SDK) is replaced. "WeChat Pay" here signs with the SDK's rsa_sign and the
platform key, and encrypts resources with AES-256-GCM under the APIv3 key, as the real one does."""

import base64
import json
import re
import secrets
import time
from decimal import Decimal

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from wechatpayv3.utils import rsa_sign

from chushan.core import events
from chushan.payments import services
from chushan.payments.models import Payment, Refund
from chushan.payments.providers import get_provider
from chushan.payments.providers.base import ProviderError
from chushan.payments.tests.keys import keypair
from chushan.payments.tests.support import as_http_headers, snapshot

pytestmark = pytest.mark.django_db
APIV3_KEY = "0123456789abcdef0123456789abcdef"  # 32 characters, as WeChat Pay issues them
PUBLIC_KEY_ID = "PUB_KEY_ID_0116000000000000000000000000"
MCHID = "1900000109"


@pytest.fixture
def wechat_on(settings):
    providers = {**settings.CHUSHAN_PAYMENT_PROVIDERS}
    providers["wechat"] = {"enabled": True, "mchid": MCHID, "appid": "wx8888888888888888",
                           "private_key": keypair("merchant")[1], "cert_serial_no": "444F4864EA9B34415",
                           "apiv3_key": APIV3_KEY, "public_key": keypair("wechat")[2], "public_key_id": PUBLIC_KEY_ID,
                           "cert_dir": "", "notify_url": "https://shop.example.cn/api/v1/payments/notify/wechat"}
    settings.CHUSHAN_PAYMENT_PROVIDERS = providers
    return providers["wechat"]


def platform_headers(body: str, *, timestamp=None, serial=PUBLIC_KEY_ID, key="wechat") -> dict:
    """Wechatpay-* headers signed by the platform key with the SDK's own rsa_sign."""
    timestamp = timestamp or str(int(time.time()))
    nonce = secrets.token_hex(16)
    signature = rsa_sign(keypair(key)[0], f"{timestamp}\n{nonce}\n{body}\n")
    return {"Wechatpay-Timestamp": timestamp, "Wechatpay-Nonce": nonce, "Wechatpay-Serial": serial,
            "Wechatpay-Signature": signature, "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048"}


def merchant_signature_verifies(method: str, path: str, body: str, authorization: str) -> bool:
    """WeChat Pay's check of our request: the SDK signed it with the merchant key."""
    fields = dict(re.findall(r'(\w+)="([^"]*)"', authorization))
    message = f"{method}\n{path}\n{fields['timestamp']}\n{fields['nonce_str']}\n{body}\n".encode()
    try:
        keypair("merchant")[0].public_key().verify(base64.b64decode(fields["signature"]), message, PKCS1v15(),
                                                   SHA256())
    except InvalidSignature:
        return False
    return fields["mchid"] == MCHID


@pytest.fixture
def wechat(monkeypatch):
    """Replace requests inside the SDK: record each call, answer with bodies the platform key signed."""

    class Api:
        calls: list[tuple] = []
        answers: list[tuple[int, dict | None]] = []
        forged = False

        def answer(self, method, url, json_body, headers):
            path = url.removeprefix("https://api.mch.weixin.qq.com")
            body_sent = json.dumps(json_body) if json_body is not None else ""
            self.calls.append((method, path, json_body, merchant_signature_verifies(
                method, path, body_sent, headers["Authorization"])))
            status, data = self.answers.pop(0)
            text = json.dumps(data) if data is not None else ""

            class Response:
                status_code = status
                headers = {**platform_headers(text if not self.forged else text + " "),
                           "Content-Type": "application/json"}
                content = text.encode()

            Response.text = text
            return Response()

    api = Api()
    api.calls, api.answers = [], []
    monkeypatch.setattr("wechatpayv3.core.requests.post",
                        lambda url, json=None, data=None, headers=None, files=None, proxies=None, timeout=None:
                        api.answer("POST", url, json, headers))
    monkeypatch.setattr("wechatpayv3.core.requests.get",
                        lambda url, headers=None, proxies=None, timeout=None: api.answer("GET", url, None, headers))
    return api


def callback(event_type: str, resource: dict, *, key: str = APIV3_KEY, event_id: str | None = None) -> str:
    """A notification envelope with the resource encrypted under the APIv3 key."""
    nonce = secrets.token_hex(6)
    ciphertext = AESGCM(key.encode()).encrypt(nonce.encode(), json.dumps(resource).encode(), b"transaction")
    return json.dumps({
        "id": event_id or "EV-" + secrets.token_hex(8), "create_time": "2026-05-01T10:00:00+08:00",
        "resource_type": "encrypt-resource", "event_type": event_type, "summary": "支付成功",
        "resource": {"original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                     "ciphertext": base64.b64encode(ciphertext).decode(), "associated_data": "transaction",
                     "nonce": nonce}})


def paid_resource(payment, total_fen=None) -> dict:
    return {"mchid": MCHID, "appid": "wx8888888888888888", "out_trade_no": payment.reference,
            "transaction_id": "4200000000202605010000000001", "trade_type": "NATIVE", "trade_state": "SUCCESS",
            "amount": {"total": total_fen if total_fen is not None else int(payment.amount * 100),
                       "payer_total": int(payment.amount * 100), "currency": "CNY"}}


@pytest.fixture
def payment(wechat_on, wechat, orders, shopper):
    wechat.answers.append((200, {"code_url": "weixin://wxpay/bizpayurl?pr=abc123"}))
    return services.payment_start(actor=shopper, payable_ref=orders.add("1", "23.45", owner=shopper),
                                  provider="wechat")


def deliver(client, body: str, headers: dict):
    return client.post("/api/v1/payments/notify/wechat", body, content_type="application/json",
                       **as_http_headers(headers))


def test_a_native_payment_gives_a_qr_code_and_our_request_is_signed(payment, wechat):
    assert payment.qr_content == payment.pay_url == "weixin://wxpay/bizpayurl?pr=abc123"
    method, path, sent, verifies = wechat.calls[0]
    assert (method, path, verifies) == ("POST", "/v3/pay/transactions/native", True)
    assert sent["amount"] == {"total": 2345, "currency": "CNY"} and sent["out_trade_no"] == payment.reference


def test_an_answer_with_a_bad_signature_is_a_provider_error_and_nothing_is_written(
        wechat_on, wechat, orders, shopper):
    wechat.forged = True
    wechat.answers.append((200, {"code_url": "weixin://evil"}))
    with pytest.raises(ProviderError):
        services.payment_start(actor=shopper, payable_ref=orders.add("2", "1", owner=shopper), provider="wechat")
    assert not Payment.objects.exists()


def test_a_signed_encrypted_callback_pays_and_is_answered_204(client, payment, published):
    body = callback("TRANSACTION.SUCCESS", paid_resource(payment))
    response = deliver(client, body, platform_headers(body))
    assert response.status_code == 204
    payment.refresh_from_db()
    assert (payment.state, payment.paid_amount, payment.provider_trade_no) == (
        "paid", Decimal("23.45"), "4200000000202605010000000001")
    assert published == [(events.PAYMENT_SUCCEEDED, {"payable_ref": payment.payable_ref, "payment_id": payment.pk})]


def test_a_callback_for_the_wrong_amount_is_flagged(client, payment, published):
    body = callback("TRANSACTION.SUCCESS", paid_resource(payment, total_fen=1))
    assert deliver(client, body, platform_headers(body)).status_code == 204
    payment.refresh_from_db()
    assert payment.state == "flagged" and published == []


@pytest.mark.parametrize("attack", ["tampered", "other_key", "unknown_serial", "stale", "wrong_apiv3_key",
                                    "missing_headers", "replayed"])
def test_a_callback_that_does_not_verify_is_refused_and_changes_nothing(client, payment, wechat, attack):
    body = callback("TRANSACTION.SUCCESS", paid_resource(payment))
    headers = platform_headers(body)
    if attack == "tampered":
        body = body.replace('"resource_type"', '"resource_type" ')
    elif attack == "other_key":
        headers = platform_headers(body, key="impostor")
    elif attack == "unknown_serial":
        headers = platform_headers(body, serial="PUB_KEY_ID_SOMEONE_ELSE")
    elif attack == "stale":
        headers = platform_headers(body, timestamp=str(int(time.time()) - 900))
    elif attack == "wrong_apiv3_key":
        body = callback("TRANSACTION.SUCCESS", paid_resource(payment), key="f" * 32)
        headers = platform_headers(body)
    elif attack == "missing_headers":
        headers = {}
    else:
        assert deliver(client, body, headers).status_code == 204
    before = snapshot()
    response = deliver(client, body, headers)
    assert response.status_code in (401, 409)
    assert response["Content-Type"] == "application/problem+json"
    assert snapshot() == before
    assert not wechat.calls[1:]  # never went to fetch certificates


def test_refund_then_refund_callback(client, payment, wechat, staff, published):
    services.payment_record(payment_id=payment.pk, status="paid", amount=Decimal("23.45"))
    wechat.answers.append((200, {"refund_id": "50300000000000000001", "out_refund_no": "x", "status": "PROCESSING"}))
    refund = services.refund_request(actor=staff, payment=payment, amount="3.45", reason="少发")
    assert refund.state == Refund.State.PENDING
    _method, path, sent, verifies = wechat.calls[-1]
    assert (path, verifies) == ("/v3/refund/domestic/refunds", True)
    assert sent["amount"] == {"refund": 345, "total": 2345, "currency": "CNY"}
    body = callback("REFUND.SUCCESS", {"mchid": MCHID, "out_trade_no": payment.reference,
                                       "out_refund_no": refund.reference, "refund_id": "50300000000000000001",
                                       "refund_status": "SUCCESS", "amount": {"refund": 345, "total": 2345}})
    assert deliver(client, body, platform_headers(body)).status_code == 204
    refund.refresh_from_db()
    payment.refresh_from_db()
    assert (refund.state, payment.refunded_amount) == ("succeeded", Decimal("3.45"))
    assert published[-1][0] == events.REFUND_SUCCEEDED


def test_query_close_and_refund_query_speak_wechat_pay(payment, wechat):
    provider = get_provider("wechat")
    wechat.answers.append((200, {"trade_state": "NOTPAY", "out_trade_no": payment.reference}))
    assert provider.query(payment).status == "waiting"
    wechat.answers.append((204, None))
    assert provider.close(payment) is True
    wechat.answers.append((400, {"code": "ORDERPAID", "message": "订单已支付"}))
    assert provider.close(payment) is False
    wechat.answers.append((404, {"code": "RESOURCE_NOT_EXISTS", "message": "退款单不存在"}))
    refund = Refund(reference="CRX", payment=payment, amount=Decimal("1"))
    assert provider.refund_query(refund).detail == "unknown"
    assert [c[1] for c in wechat.calls[1:]] == [
        f"/v3/pay/transactions/out-trade-no/{payment.reference}?mchid={MCHID}",
        f"/v3/pay/transactions/out-trade-no/{payment.reference}/close",
        f"/v3/pay/transactions/out-trade-no/{payment.reference}/close",
        "/v3/refund/domestic/refunds/CRX"]
    assert all(c[3] for c in wechat.calls)


def test_the_expiry_sweep_closes_at_wechat_pay(payment, wechat):
    from datetime import timedelta

    from django.utils import timezone

    wechat.answers += [(200, {"trade_state": "NOTPAY"}), (204, None)]
    services.payments_expire(now=timezone.now() + timedelta(minutes=20))
    payment.refresh_from_db()
    assert payment.state == "closed"
