"""The payments API: Idempotency-Key on POSTs, payer-or-staff reads, signature-checked notifications."""

import uuid
from decimal import Decimal

import pytest

from chushan.core.models import IdempotencyRecord
from chushan.payments.models import Payment, Refund
from chushan.payments.services.sandbox import sandbox_notifications_deliver, sandbox_trade_pay
from chushan.payments.tests.support import as_http_headers, sandbox_body, signed, snapshot

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.fixture
def as_shopper(client, shopper):
    client.force_login(shopper)
    return client


def post(client, url, data, key=None):
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, data, content_type="application/json", **extra)


def start(client, ref, key=None, provider="sandbox"):
    return post(client, "/api/v1/payments", {"payable_ref": ref, "provider": provider}, key)


class TestStart:
    def test_starting_a_payment_answers_201_with_where_to_pay(self, as_shopper, orders, shopper):
        response = start(as_shopper, orders.add("1", "45.00", owner=shopper))
        assert response.status_code == 201
        body = response.json()
        assert (body["amount"], body["state"], body["currency"]) == ("45.00", "pending", "CNY")
        assert body["pay_url"] == f"/payments/sandbox/{body['reference']}/"

    def test_an_amount_sent_by_the_client_is_ignored(self, as_shopper, orders, shopper):
        ref = orders.add("1", "45.00", owner=shopper)
        response = as_shopper.post("/api/v1/payments", {"payable_ref": ref, "provider": "sandbox", "amount": "0.01"},
                                   content_type="application/json")
        assert response.json()["amount"] == "45.00"

    def test_the_same_key_replays_the_first_response_exactly(self, as_shopper, orders, shopper):
        ref = orders.add("1", "45.00", owner=shopper)
        key = str(uuid.uuid4())
        first = start(as_shopper, ref, key)
        Payment.objects.update(state=Payment.State.CLOSED)  # whatever happened since, the replay is the same
        again = start(as_shopper, ref, key)
        assert (again.status_code, again.content) == (first.status_code, first.content)
        assert again["Idempotent-Replayed"] == "true"
        assert Payment.objects.count() == 1

    def test_the_same_key_with_another_request_is_422(self, as_shopper, orders, shopper):
        key = str(uuid.uuid4())
        start(as_shopper, orders.add("1", "45", owner=shopper), key)
        before = snapshot()
        response = start(as_shopper, orders.add("2", "45", owner=shopper), key)
        assert (response.status_code, response["Content-Type"]) == (422, PROBLEM)
        assert response.json()["type"].endswith("idempotency_key_reused")
        assert snapshot() == before

    def test_a_refused_request_does_not_use_up_its_key(self, as_shopper, orders, shopper):
        key = str(uuid.uuid4())
        ref = "order:later"
        assert start(as_shopper, ref, key).status_code == 404  # not there yet
        assert not IdempotencyRecord.objects.exists()
        orders.add("later", "12", owner=shopper)
        assert start(as_shopper, ref, key).status_code == 201

    def test_signing_in_is_needed(self, client, orders):
        before = snapshot()
        response = start(client, orders.add("1", "45"))
        assert (response.status_code, response["Content-Type"]) == (401, PROBLEM)
        assert snapshot() == before

    @pytest.mark.parametrize("data", [{"payable_ref": "order:1"}, {"payable_ref": "", "provider": "sandbox"},
                                      {"payable_ref": "order:1", "provider": "bitcoin"},
                                      {"payable_ref": "order;drop", "provider": "sandbox"}])
    def test_bad_input_is_a_clear_4xx_and_writes_nothing(self, as_shopper, orders, shopper, data):
        orders.add("1", "45", owner=shopper)
        response = post(as_shopper, "/api/v1/payments", data)
        assert (response.status_code, response["Content-Type"]) == (422, PROBLEM)
        assert not Payment.objects.exists()

    def test_the_schema_names_the_idempotency_key_header(self, client):
        schema = client.get("/api/v1/openapi.json").json()
        for path in ("/api/v1/payments", "/api/v1/refunds"):
            names = [p["name"] for p in schema["paths"][path]["post"].get("parameters", [])]
            assert "Idempotency-Key" in names


class TestRead:
    def test_the_payer_and_staff_see_a_payment_others_get_404(self, client, orders, shopper, stranger, staff):
        client.force_login(shopper)
        payment_id = start(client, orders.add("1", "45", owner=shopper)).json()["id"]
        assert client.get(f"/api/v1/payments/{payment_id}").status_code == 200
        client.force_login(stranger)
        assert client.get(f"/api/v1/payments/{payment_id}").status_code == 404
        client.force_login(staff)
        assert client.get(f"/api/v1/payments/{payment_id}").json()["id"] == payment_id

    @pytest.mark.parametrize("payment_id", ["0", "99999", "-1", "abc", str(2**70)])
    def test_an_unknown_or_absurd_id_is_4xx(self, as_shopper, payment_id):
        assert as_shopper.get(f"/api/v1/payments/{payment_id}").status_code in (404, 422)


class TestNotify:
    @pytest.fixture
    def payment(self, orders, shopper):
        from chushan.payments import services

        return services.payment_start(actor=shopper, payable_ref=orders.add("1", "45", owner=shopper),
                                      provider="sandbox")

    def deliver(self, client, body, headers):
        return client.post("/api/v1/payments/notify/sandbox", body, content_type="application/json",
                           **as_http_headers(headers))

    def test_a_good_notification_is_answered_success(self, client, payment):
        body = sandbox_body(payment)
        response = self.deliver(client, body, signed(body))
        assert (response.status_code, response.content) == (200, b"success")
        payment.refresh_from_db()
        assert payment.state == "paid"

    def test_a_bad_signature_is_401_problem_and_changes_nothing(self, client, payment):
        body = sandbox_body(payment)
        headers = {**signed(body), "X-Sandbox-Signature": "f" * 64}
        before = snapshot()
        response = self.deliver(client, body, headers)
        assert (response.status_code, response["Content-Type"]) == (401, PROBLEM)
        assert snapshot() == before

    def test_a_replayed_capture_is_409_and_changes_nothing(self, client, payment):
        body = sandbox_body(payment)
        headers = signed(body)
        self.deliver(client, body, headers)
        before = snapshot()
        response = self.deliver(client, body, headers)
        assert (response.status_code, response["Content-Type"]) == (409, PROBLEM)
        assert snapshot() == before

    def test_an_unknown_provider_is_404(self, client):
        assert self.deliver(client, b"{}", {}).status_code == 401  # sandbox, unsigned
        assert client.post("/api/v1/payments/notify/paypal", b"{}", content_type="application/json"
                           ).status_code == 404


class TestRefunds:
    @pytest.fixture
    def paid(self, orders, shopper):
        from chushan.payments import services

        payment = services.payment_start(actor=shopper, payable_ref=orders.add("1", "100", owner=shopper),
                                         provider="sandbox")
        sandbox_trade_pay(out_trade_no=payment.reference)
        sandbox_notifications_deliver()
        return payment

    def refund(self, client, payment, amount, key=None):
        return post(client, "/api/v1/refunds", {"payment_id": payment.pk, "amount": amount, "reason": "退货"}, key)

    def test_staff_refund_part_of_a_payment(self, client, staff, paid):
        client.force_login(staff)
        response = self.refund(client, paid, "25.50", key=str(uuid.uuid4()))
        assert response.status_code == 201
        assert (response.json()["amount"], response.json()["state"]) == ("25.50", "pending")
        refund_id = response.json()["id"]
        sandbox_notifications_deliver()
        assert client.get(f"/api/v1/refunds/{refund_id}").json()["state"] == "succeeded"

    def test_the_same_key_never_refunds_twice(self, client, staff, paid):
        client.force_login(staff)
        key = str(uuid.uuid4())
        first = self.refund(client, paid, "60", key)
        again = self.refund(client, paid, "60", key)
        assert (again.status_code, again.content) == (first.status_code, first.content)
        assert Refund.objects.count() == 1
        paid.refresh_from_db()
        assert paid.refund_committed_amount == Decimal("60")

    def test_over_the_limit_is_422_with_the_amount_field(self, client, staff, paid):
        client.force_login(staff)
        self.refund(client, paid, "80")
        before = snapshot()
        response = self.refund(client, paid, "20.01", key=str(uuid.uuid4()))
        assert (response.status_code, response["Content-Type"]) == (422, PROBLEM)
        assert "amount" in response.json()["errors"]
        assert snapshot() == before
        assert not IdempotencyRecord.objects.filter(path="/api/v1/refunds").exclude(response_status=None).filter(
            response_status=422).exists()

    @pytest.mark.parametrize("amount", ["0", "-3", "1.001", "abc", None])
    def test_bad_amounts_are_422(self, client, staff, paid, amount):
        client.force_login(staff)
        before = snapshot()
        assert self.refund(client, paid, amount).status_code == 422
        assert snapshot() == before

    def test_the_payer_is_403_and_a_stranger_404(self, client, shopper, stranger, paid):
        client.force_login(shopper)
        before = snapshot()
        assert self.refund(client, paid, "1").status_code == 403
        client.force_login(stranger)
        assert self.refund(client, paid, "1").status_code == 404
        assert snapshot() == before

    def test_the_payer_sees_the_refund_a_stranger_does_not(self, client, staff, shopper, stranger, paid):
        client.force_login(staff)
        refund_id = self.refund(client, paid, "5").json()["id"]
        client.force_login(shopper)
        assert client.get(f"/api/v1/refunds/{refund_id}").status_code == 200
        client.force_login(stranger)
        assert client.get(f"/api/v1/refunds/{refund_id}").status_code == 404
