"""The auth API: codes, sign-up, sign-in (session and/or token), sign-out, me, tokens; problem+json errors."""

import pytest
from django.test import Client

from chushan.accounts.models import ApiToken, OneTimeCode, User
from chushan.accounts.services import api_token_create, otp_request
from chushan.accounts.tests.factories import PASSWORD, UserFactory
from chushan.accounts.tests.support import ADDRESS, last_code, wrong

pytestmark = pytest.mark.django_db
NUMBER = "13800138000"
PROBLEM = "application/problem+json"


def _post(client, path, body, **extra):
    return client.post(f"/api/v1/auth{path}", body, content_type="application/json", **extra)


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys() and body["status"] == status
    return body


def _bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def user():
    return UserFactory(mobile=NUMBER)


@pytest.fixture
def csrf_client():
    """A browser-like client that enforces CSRF, holding a csrftoken cookie."""
    client = Client(enforce_csrf_checks=True)
    token = client.get("/api/v1/auth/csrf").json()["csrf_token"]
    client.csrf = token
    return client


# Codes ------------------------------------------------------------------------------------------------------

def test_asking_for_a_code_answers_alike_for_any_number(client, user, outbox):
    known = _post(client, "/otp", {"mobile": NUMBER, "purpose": "login"})
    unknown = _post(client, "/otp", {"mobile": "13900139000", "purpose": "login"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert [m.mobile for m in outbox] == [NUMBER]


def test_asking_again_too_soon_is_a_429_problem_with_retry_after(client, user):
    _post(client, "/otp", {"mobile": NUMBER, "purpose": "login"})
    response = _post(client, "/otp", {"mobile": NUMBER, "purpose": "login"})
    body = _problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60 and body["retry_after"] == int(response["Retry-After"])
    assert OneTimeCode.objects.count() == 1


def test_one_address_asking_for_many_numbers_gets_429(client, settings):
    settings.CHUSHAN_RATE_LIMITS = {**settings.CHUSHAN_RATE_LIMITS, "otp:address": (2, 3600)}
    for n in range(2):
        assert _post(client, "/otp", {"mobile": f"1380000000{n}", "purpose": "signup"}).status_code == 202
    _problem(_post(client, "/otp", {"mobile": "13800000009", "purpose": "signup"}), 429)
    other = Client(REMOTE_ADDR="198.51.100.1")
    assert _post(other, "/otp", {"mobile": "13800000009", "purpose": "signup"}).status_code == 202


@pytest.mark.parametrize("body", [
    {"mobile": "12345", "purpose": "login"}, {"mobile": NUMBER, "purpose": "root"}, {"mobile": NUMBER},
    {"mobile": 13800138000, "purpose": "login"}, {"mobile": "1" * 10_000, "purpose": "login"}, [], "[1, 2]",
])
def test_bad_code_requests_are_422_problems_that_write_nothing(client, body):
    body = _problem(_post(client, "/otp", body), 422)
    assert body["detail"]
    assert not OneTimeCode.objects.exists()


def test_a_body_that_is_not_json_is_a_400_problem(client):
    _problem(_post(client, "/otp", "mobile=13800138000"), 400)
    assert not OneTimeCode.objects.exists()


# Sign-up -----------------------------------------------------------------------------------------------------

def test_signing_up_opens_an_account_signs_in_and_can_issue_a_token(client, outbox, production_password_hashers):
    _post(client, "/otp", {"mobile": NUMBER, "purpose": "signup"})
    response = _post(client, "/signup", {"mobile": NUMBER, "code": last_code(outbox, NUMBER), "password": PASSWORD,
                                         "display_name": "阿朵", "issue_token": True, "token_name": "phone"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["user"]["mobile"] == NUMBER and body["user"]["display_name"] == "阿朵" and body["session"]
    assert body["token"]["token"].startswith("chs_") and body["token"]["name"] == "phone"
    assert client.get("/api/v1/auth/me").json()["mobile"] == NUMBER
    assert User.objects.get().password.startswith("pbkdf2_sha256$")


def test_signing_up_with_a_wrong_code_is_a_422_on_the_code(client, outbox):
    _post(client, "/otp", {"mobile": NUMBER, "purpose": "signup"})
    body = _problem(_post(client, "/signup", {"mobile": NUMBER, "code": wrong(last_code(outbox, NUMBER)),
                                              "password": PASSWORD}), 422)
    assert "code" in body["errors"] and not User.objects.exists()


def test_a_name_with_a_nul_character_is_a_422_not_a_database_error(client, outbox):
    _post(client, "/otp", {"mobile": NUMBER, "purpose": "signup"})
    body = _problem(_post(client, "/signup", {"mobile": NUMBER, "code": last_code(outbox, NUMBER),
                                              "password": PASSWORD, "display_name": "a\x00b"}), 422)
    assert "display_name" in body["errors"] and not User.objects.exists()


def test_signing_up_with_a_weak_password_is_a_422_on_the_password(client, outbox):
    _post(client, "/otp", {"mobile": NUMBER, "purpose": "signup"})
    body = _problem(_post(client, "/signup", {"mobile": NUMBER, "code": last_code(outbox, NUMBER),
                                              "password": "123"}), 422)
    assert "password" in body["errors"] and not User.objects.exists()


# Sign-in ---------------------------------------------------------------------------------------------------------

def test_password_sign_in_starts_a_session(client, user):
    response = _post(client, "/login", {"mobile": NUMBER, "password": PASSWORD})
    assert response.status_code == 200 and response.json()["token"] is None
    assert "sessionid" in response.cookies
    assert client.get("/api/v1/auth/me").json()["id"] == user.pk


def test_sign_in_can_return_a_token_without_a_session(client, user):
    response = _post(client, "/login", {"mobile": NUMBER, "password": PASSWORD, "session": False,
                                        "issue_token": True, "token_name": "stock sync"})
    raw = response.json()["token"]["token"]
    assert "sessionid" not in response.cookies
    assert Client().get("/api/v1/auth/me", **_bearer(raw)).json()["mobile"] == NUMBER


def test_code_sign_in_works_once(client, user, outbox):
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    code = last_code(outbox, NUMBER)
    assert _post(client, "/login", {"mobile": NUMBER, "code": code}).status_code == 200
    body = _problem(_post(Client(), "/login", {"mobile": NUMBER, "code": code}), 401)
    assert "code" in body["errors"]


def test_a_wrong_password_and_an_unknown_number_are_the_same_401(client, user):
    wrong_password = _problem(_post(client, "/login", {"mobile": NUMBER, "password": "nope-nope"}), 401)
    unknown = _problem(_post(client, "/login", {"mobile": "13900139000", "password": "nope-nope"}), 401)
    assert wrong_password == unknown


def test_too_many_failures_on_a_number_are_a_429_problem(client, user):
    for n in range(5):
        _post(Client(REMOTE_ADDR=f"198.51.100.{n}"), "/login", {"mobile": NUMBER, "password": "guess-guess"})
    response = _post(client, "/login", {"mobile": NUMBER, "password": PASSWORD})
    body = _problem(response, 429)
    assert int(response["Retry-After"]) > 0 and body["retry_after"] > 0
    assert "sessionid" not in response.cookies


def test_too_many_sign_ins_from_one_address_are_a_429_problem(settings):
    settings.CHUSHAN_RATE_LIMITS = {**settings.CHUSHAN_RATE_LIMITS, "login:address": (2, 900)}
    behind_proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    settings.CHUSHAN_TRUSTED_PROXIES = ["10.0.0.0/8"]
    client = Client()
    for n in range(2):
        _problem(_post(client, "/login", {"mobile": f"1380000000{n}", "password": "guess-guess"}, **behind_proxy), 401)
    _problem(_post(client, "/login", {"mobile": "13800000009", "password": "guess-guess"}, **behind_proxy), 429)
    # Another shopper behind the same proxy is not held back.
    neighbour = {**behind_proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    _problem(_post(client, "/login", {"mobile": "13800000009", "password": "guess-guess"}, **neighbour), 401)


@pytest.mark.parametrize("body", [
    {"mobile": NUMBER}, {"mobile": NUMBER, "password": PASSWORD, "code": "123456"},
    {"mobile": NUMBER, "password": PASSWORD, "session": False, "issue_token": False},
    {"mobile": NUMBER, "password": "x" * 129}, {"mobile": NUMBER, "password": PASSWORD, "token_name": ""},
])
def test_malformed_sign_ins_are_422(client, user, body):
    _problem(_post(client, "/login", body), 422)
    assert "sessionid" not in client.cookies


def test_a_session_sign_in_needs_the_csrf_token_and_spends_nothing_without_it(csrf_client, user, outbox):
    otp_request(mobile=NUMBER, purpose="login", address=ADDRESS)
    code = last_code(outbox, NUMBER)
    _problem(_post(csrf_client, "/login", {"mobile": NUMBER, "code": code}), 403)
    assert OneTimeCode.objects.get().consumed_at is None
    response = _post(csrf_client, "/login", {"mobile": NUMBER, "code": code}, HTTP_X_CSRFTOKEN=csrf_client.csrf)
    assert response.status_code == 200


def test_a_token_only_sign_in_needs_no_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    response = _post(client, "/login", {"mobile": NUMBER, "password": PASSWORD, "session": False,
                                        "issue_token": True})
    assert response.status_code == 200 and response.json()["token"]["token"]


# Sign-out, me --------------------------------------------------------------------------------------------------

def test_me_without_credentials_is_a_401_problem(client):
    _problem(client.get("/api/v1/auth/me"), 401)


def test_signing_out_ends_the_session(client, user):
    client.force_login(user)
    assert client.post("/api/v1/auth/logout").status_code == 204
    _problem(client.get("/api/v1/auth/me"), 401)


def test_signing_out_with_a_token_revokes_that_token(user):
    raw = api_token_create(actor=user, name="x").raw
    client = Client()
    assert client.post("/api/v1/auth/logout", **_bearer(raw)).status_code == 204
    assert ApiToken.objects.get().revoked_at is not None
    _problem(client.get("/api/v1/auth/me", **_bearer(raw)), 401)


def test_me_shows_roles(client, user):
    from chushan.accounts.roles import REVIEWERS
    from chushan.accounts.services import role_grant

    role_grant(actor=UserFactory(is_superuser=True), user=user, role=REVIEWERS)
    client.force_login(user)
    assert client.get("/api/v1/auth/me").json()["roles"] == [REVIEWERS]


# Tokens ---------------------------------------------------------------------------------------------------------

def test_tokens_are_created_listed_page_by_page_and_revoked(client, user):
    client.force_login(user)
    created = client.post("/api/v1/auth/tokens", {"name": "stock sync"}, content_type="application/json")
    assert created.status_code == 201
    raw, token_id = created.json()["token"], created.json()["id"]
    for n in range(3):
        api_token_create(actor=user, name=f"t{n}")
    page = client.get("/api/v1/auth/tokens?limit=2").json()
    assert page["count"] == 4 and len(page["items"]) == 2
    assert all("token" not in item and "digest" not in item for item in page["items"])
    assert client.delete(f"/api/v1/auth/tokens/{token_id}").status_code == 204
    assert client.get("/api/v1/auth/tokens").json()["count"] == 3
    _problem(Client().get("/api/v1/auth/me", **_bearer(raw)), 401)


def test_a_bearer_token_authenticates_writes_without_csrf(user):
    raw = api_token_create(actor=user, name="x").raw
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/auth/tokens", {"name": "y"}, content_type="application/json", **_bearer(raw))
    assert response.status_code == 201


def test_a_session_write_without_the_csrf_token_is_a_403_problem(csrf_client, user):
    csrf_client.force_login(user)
    body = _problem(csrf_client.post("/api/v1/auth/tokens", {"name": "y"}, content_type="application/json"), 403)
    assert "CSRF" in body["detail"] and not ApiToken.objects.exists()
    response = csrf_client.post("/api/v1/auth/tokens", {"name": "y"}, content_type="application/json",
                                HTTP_X_CSRFTOKEN=csrf_client.csrf)
    assert response.status_code == 201


def test_an_anonymous_write_is_a_401_not_a_csrf_403():
    _problem(Client(enforce_csrf_checks=True).post("/api/v1/auth/tokens", {"name": "y"},
                                                   content_type="application/json"), 401)


def test_nobody_revokes_another_persons_token_through_the_api(client, user):
    theirs = api_token_create(actor=UserFactory(), name="theirs").token
    client.force_login(user)
    _problem(client.delete(f"/api/v1/auth/tokens/{theirs.pk}"), 404)
    assert ApiToken.objects.get().revoked_at is None


@pytest.mark.parametrize("query", ["offset=99999999999999999999999", "offset=9223372036854775807", "limit=0",
                                   "limit=101", "limit=x"])
def test_impossible_pages_are_422(client, user, query):
    client.force_login(user)
    _problem(client.get(f"/api/v1/auth/tokens?{query}"), 422)


@pytest.mark.parametrize("token_id", ["0", "-1", "99999999999999999999999", "abc"])
def test_impossible_token_ids_are_422(client, user, token_id):
    client.force_login(user)
    _problem(client.delete(f"/api/v1/auth/tokens/{token_id}"), 422)


@pytest.mark.parametrize("header", ["Bearer ", "Bearer not-a-token", "Bearer " + "x" * 500, "Basic abc", "Token x"])
def test_bad_authorization_headers_are_401(header):
    _problem(Client().get("/api/v1/auth/me", HTTP_AUTHORIZATION=header), 401)


def test_password_reset_through_the_api(client, user, outbox):
    otp_request(mobile=NUMBER, purpose="reset", address=ADDRESS)
    response = _post(client, "/password-reset", {"mobile": NUMBER, "code": last_code(outbox, NUMBER),
                                                 "new_password": "fresh-indigo-dye-5"})
    assert response.status_code == 204
    assert _post(client, "/login", {"mobile": NUMBER, "password": "fresh-indigo-dye-5"}).status_code == 200


def test_the_schema_documents_the_auth_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/auth/otp", "/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/auth/logout",
            "/api/v1/auth/me", "/api/v1/auth/tokens", "/api/v1/auth/tokens/{token_id}"} <= paths.keys()
