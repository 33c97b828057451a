"""Idempotency-Key: same key and request → the first response again, the use case does not run twice;
same key and another request → 422; a refused request releases its key; racing twins execute once."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import path
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from chushan.core.errors import Unprocessable
from chushan.core.idempotency import idempotent, request_fingerprint
from chushan.core.models import IdempotencyRecord
from chushan.core.problem import install_handlers
from chushan.core.services import idempotency_records_purge

api = NinjaAPI(urls_namespace="idempotency-test", title="idempotency test")
install_handlers(api)
runs: list[str] = []  # every time a use case really ran


class ThingIn(Schema):
    name: str
    sleep: float = 0
    refuse: bool = False


class ThingOut(Schema):
    id: int
    name: str


def _make(payload: ThingIn) -> Session:
    """The use case: one row written (a session row is harmless and below every app)."""
    runs.append(payload.name)
    thing = Session.objects.create(session_key=f"idem{uuid.uuid4().hex}", session_data=payload.name,
                                   expire_date=timezone.now() + timedelta(days=1))
    if payload.sleep:
        time.sleep(payload.sleep)
    if payload.refuse:
        raise Unprocessable("refused after writing")
    return thing


@api.post("/things", response={201: ThingOut})
@idempotent
def thing_create(request, payload: ThingIn):
    _make(payload)
    return {"id": Session.objects.count(), "name": payload.name}


@api.post("/others", response={201: ThingOut})
@idempotent
def other_create(request, payload: ThingIn):
    _make(payload)
    return {"id": Session.objects.count(), "name": payload.name}


@api.post("/mine", response={201: ThingOut}, auth=django_auth)
@idempotent
def mine_create(request, payload: ThingIn):
    _make(payload)
    return {"id": Session.objects.count(), "name": payload.name}


urlpatterns = [path("t/", api.urls)]
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _clear_runs():
    runs.clear()


def things() -> int:
    return Session.objects.filter(session_key__startswith="idem").count()


def send(client, data, key=None, url="/t/things"):
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(url, data, content_type="application/json", **extra)


class TestFingerprint:
    def test_key_order_and_spacing_do_not_matter(self):
        assert request_fingerprint(b'{"a": 1, "b": [1, 2]}', "application/json") == request_fingerprint(
            b'{"b":[1,2],"a":1}', "application/json; charset=utf-8")

    def test_a_different_value_does(self):
        assert request_fingerprint(b'{"a": 1}', "application/json") != request_fingerprint(b'{"a": 2}',
                                                                                            "application/json")

    def test_forms_are_compared_field_by_field(self):
        form = "application/x-www-form-urlencoded"
        assert request_fingerprint(b"a=1&b=2", form) == request_fingerprint(b"b=2&a=1", form)

    def test_anything_else_byte_for_byte(self):
        assert request_fingerprint(b"{not json", "application/json") != request_fingerprint(b"{not json ",
                                                                                            "application/json")


@pytest.mark.django_db
class TestReplay:
    def test_without_a_key_every_request_runs(self, client):
        send(client, {"name": "a"})
        send(client, {"name": "a"})
        assert runs == ["a", "a"] and things() == 2
        assert not IdempotencyRecord.objects.exists()

    def test_the_same_key_and_request_get_the_first_response_and_do_not_run_again(self, client):
        first = send(client, {"name": "a"}, "key-1")
        again = send(client, {"name": "a"}, "key-1")
        assert first.status_code == 201
        assert (again.status_code, again.content, again["Content-Type"]) == (
            first.status_code, first.content, first["Content-Type"])
        assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
        assert runs == ["a"] and things() == 1

    def test_the_same_key_with_another_body_is_422_and_runs_nothing(self, client):
        send(client, {"name": "a"}, "key-1")
        response = send(client, {"name": "b"}, "key-1")
        assert (response.status_code, response["Content-Type"]) == (422, "application/problem+json")
        assert response.json()["type"].endswith("idempotency_key_reused")
        assert runs == ["a"] and things() == 1

    def test_the_same_key_on_another_endpoint_is_422(self, client):
        send(client, {"name": "a"}, "key-1")
        assert send(client, {"name": "a"}, "key-1", url="/t/others").status_code == 422
        assert runs == ["a"]

    def test_signed_in_and_anonymous_keys_live_apart(self, client, django_user_model):
        send(client, {"name": "a"}, "key-1")
        client.force_login(django_user_model.objects.create_user(mobile="13912345678"))
        assert send(client, {"name": "a"}, "key-1", url="/t/mine").status_code == 201
        assert runs == ["a", "a"]

    def test_keys_belong_to_their_user(self, django_user_model):
        one, two = Client(), Client()
        one.force_login(django_user_model.objects.create_user(mobile="13912345671"))
        two.force_login(django_user_model.objects.create_user(mobile="13912345672"))
        send(one, {"name": "a"}, "shared", url="/t/mine")
        send(two, {"name": "a"}, "shared", url="/t/mine")
        assert runs == ["a", "a"]

    def test_a_refused_request_writes_nothing_and_releases_its_key(self, client):
        response = send(client, {"name": "a", "refuse": True}, "key-1")
        assert response.status_code == 422
        assert things() == 0 and not IdempotencyRecord.objects.exists()
        assert send(client, {"name": "a"}, "key-1").status_code == 201
        assert things() == 1

    def test_invalid_input_is_refused_before_the_key_is_claimed(self, client):
        assert send(client, {"nom": "a"}, "key-1").status_code == 422
        assert not IdempotencyRecord.objects.exists()
        assert send(client, {"name": "a"}, "key-1").status_code == 201

    @pytest.mark.parametrize("key", ["", "x" * 256, "has space", "中文"])
    def test_a_malformed_key_is_400_and_runs_nothing(self, client, key):
        response = send(client, {"name": "a"}, key)
        assert (response.status_code, response["Content-Type"]) == (400, "application/problem+json")
        assert "Idempotency-Key" in response.json()["errors"]
        assert runs == [] and not IdempotencyRecord.objects.exists()

    def test_a_key_of_255_characters_is_fine(self, client):
        assert send(client, {"name": "a"}, "k" * 255).status_code == 201

    def test_after_the_retention_period_a_key_may_be_used_again(self, client, settings):
        send(client, {"name": "a"}, "key-1")
        IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(days=2))
        assert send(client, {"name": "b"}, "key-1").status_code == 201
        assert runs == ["a", "b"]

    def test_the_purge_forgets_old_records_only(self, client):
        send(client, {"name": "a"}, "old")
        send(client, {"name": "a"}, "new")
        IdempotencyRecord.objects.filter(key="old").update(created_at=timezone.now() - timedelta(days=2))
        assert idempotency_records_purge() == 1
        assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]

    def test_the_header_is_documented_in_the_schema(self, client):
        schema = api.get_openapi_schema()
        parameters = schema["paths"]["/t/things"]["post"]["parameters"]
        assert [p["name"] for p in parameters] == ["Idempotency-Key"]


def _race(requests: list[tuple[dict, str]]):
    """Send the requests at once from threads, each over its own database connection."""
    barrier = threading.Barrier(len(requests))
    answers: list = [None] * len(requests)

    def one(index, data, key):
        try:
            barrier.wait()
            answers[index] = send(Client(), data, key)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(i, d, k)) for i, (d, k) in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_racing_duplicates_run_the_use_case_exactly_once():
    answers = _race([({"name": "race", "sleep": 0.3}, "race-key")] * 5)
    assert runs == ["race"] and things() == 1
    assert [a.status_code for a in answers] == [201] * 5
    assert len({a.content for a in answers}) == 1
    assert sum(a.has_header("Idempotent-Replayed") for a in answers) == 4


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_a_twin_still_running_past_the_wait_gets_409(settings):
    settings.CHUSHAN_IDEMPOTENCY_WAIT_SECONDS = 0.2
    answers = _race([({"name": "slow", "sleep": 1.5}, "slow-key")] * 2)
    assert sorted(a.status_code for a in answers) == [201, 409]
    conflict = next(a for a in answers if a.status_code == 409)
    assert conflict.json()["type"].endswith("idempotency_in_progress")
    assert runs == ["slow"] and things() == 1


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_when_the_first_fails_a_racing_twin_runs_instead():
    answers = _race([({"name": "x", "sleep": 0.3, "refuse": True}, "k"), ({"name": "x", "sleep": 0.3}, "k")])
    # A refused first rolls back and releases the key, so its twin runs; a successful first makes the
    # refusing twin's different body a reused key. Either way one row, one 201, one 422.
    assert sorted(a.status_code for a in answers) == [201, 422]
    assert things() == 1
