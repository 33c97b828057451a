"""Rate limits: counted windows over the shared cache, and the client address behind trusted proxies."""

import threading

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import RequestFactory, override_settings
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from chushan.core import ratelimit
from chushan.core.errors import RateLimited
from chushan.core.ratelimit import address_key, client_address, ratelimit_hit, ratelimit_reset, wait_text

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit-tests"}}
DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "chushan_cache"}}
LIMITS = {"try": (3, 600), "other": (1, 60)}


@pytest.fixture(params=["database", "locmem"])
def limits(request, settings):
    """The same tests over the embedded database cache and an in-memory one."""
    if request.param == "database":
        request.getfixturevalue("db")
        settings.CACHES = DATABASE_CACHE
    else:
        settings.CACHES = LOCMEM
    settings.CHUSHAN_RATE_LIMITS = LIMITS
    cache.clear()
    yield
    cache.clear()


def _hits(name, key, times):
    return [ratelimit_hit(name, key) for _ in range(times)]


def test_attempts_up_to_the_limit_pass_and_report_what_remains(limits):
    assert _hits("try", "13800138000", 3) == [2, 1, 0]


def test_the_attempt_after_the_limit_is_refused_with_429_and_retry_after(limits):
    _hits("try", "13800138000", 3)
    with translation.override("en"), pytest.raises(RateLimited) as refused:
        ratelimit_hit("try", "13800138000")
    assert refused.value.status == 429
    assert 590 <= refused.value.extra["retry_after"] <= 600
    assert "10 minutes" in str(refused.value.message)


def test_refused_attempts_do_not_extend_the_window(limits, monkeypatch):
    start = ratelimit._now()
    _hits("try", "k", 3)
    monkeypatch.setattr(ratelimit, "_now", lambda: start + 300)
    for _ in range(5):
        with pytest.raises(RateLimited) as refused:
            ratelimit_hit("try", "k")
    assert 299 <= refused.value.extra["retry_after"] <= 301


def test_keys_and_limits_are_counted_apart(limits):
    _hits("try", "13800138000", 3)
    assert ratelimit_hit("try", "13900139000") == 2
    assert ratelimit_hit("other", "13800138000") == 0


def test_a_new_window_opens_when_the_old_one_closes(limits, monkeypatch):
    start = ratelimit._now()
    _hits("try", "k", 3)
    monkeypatch.setattr(ratelimit, "_now", lambda: start + 601)
    assert ratelimit_hit("try", "k") == 2


def test_reset_forgets_the_attempts(limits):
    _hits("try", "k", 3)
    ratelimit_reset("try", "k")
    assert _hits("try", "k", 3) == [2, 1, 0]


def test_reset_of_one_key_leaves_others_counted(limits):
    _hits("try", "a", 3)
    _hits("try", "b", 3)
    ratelimit_reset("try", "a")
    with pytest.raises(RateLimited):
        ratelimit_hit("try", "b")


def test_cache_keys_hold_no_phone_number(limits):
    key = ratelimit._base_key("try", "13800138000")
    assert "13800138000" not in key and len(key) < 64


@pytest.mark.django_db
def test_a_flood_of_other_keys_does_not_erase_a_count(settings):
    """With the project's own cache setting: Django's database cache culls live rows past MAX_ENTRIES."""
    settings.CHUSHAN_RATE_LIMITS = LIMITS
    _hits("try", "victim", 3)
    for n in range(400):  # an attacker spraying numbers writes three cache rows per number
        ratelimit_hit("try", f"flood-{n}")
    with pytest.raises(RateLimited):
        ratelimit_hit("try", "victim")


def test_an_unknown_limit_name_says_which_setting_to_fix(settings):
    settings.CHUSHAN_RATE_LIMITS = {}
    with pytest.raises(ImproperlyConfigured, match="CHUSHAN_RATE_LIMITS"):
        ratelimit_hit("nope", "k")


def test_a_limit_of_zero_is_a_configuration_error(settings):
    settings.CHUSHAN_RATE_LIMITS = {"zero": (0, 60)}
    with pytest.raises(ImproperlyConfigured):
        ratelimit_hit("zero", "k")


@pytest.mark.parametrize(("seconds", "english", "chinese"), [
    (1, "1 second", "1 秒"), (45, "45 seconds", "45 秒"), (60, "1 minute", "1 分钟"), (61, "2 minutes", "2 分钟"),
])
def test_the_wait_is_said_in_seconds_or_minutes(seconds, english, chinese):
    with translation.override("en"):
        assert wait_text(seconds) == english
    with translation.override("zh-hans"):
        assert wait_text(seconds) == chinese


def test_the_refusal_is_translated(limits):
    _hits("other", "k", 1)
    with translation.override("zh-hans"), pytest.raises(RateLimited) as refused:
        ratelimit_hit("other", "k")
    assert str(refused.value.message) == "尝试次数过多，请 1 分钟后再试。"


@given(limit=st.integers(min_value=1, max_value=8), attempts=st.integers(min_value=0, max_value=20))
@hypothesis_settings(max_examples=40, deadline=None)
def test_exactly_the_limit_passes_in_one_window(limit, attempts):
    with override_settings(CACHES=LOCMEM, CHUSHAN_RATE_LIMITS={"p": (limit, 60)}):
        cache.clear()
        passed = 0
        for _ in range(attempts):
            try:
                ratelimit_hit("p", "k")
                passed += 1
            except RateLimited:
                pass
        assert passed == min(limit, attempts)


# Client address -----------------------------------------------------------------------------------------

def _request(remote="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_the_address_is_remote_addr_by_default(settings):
    settings.CHUSHAN_TRUSTED_PROXIES = []
    assert client_address(_request()) == "203.0.113.9"


def test_forwarded_for_is_ignored_from_an_untrusted_peer(settings):
    settings.CHUSHAN_TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_address(_request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"


def test_forwarded_for_is_believed_from_a_trusted_proxy(settings):
    settings.CHUSHAN_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.0.0.5", "198.51.100.7")) == "198.51.100.7"


def test_a_client_cannot_forge_its_address_through_the_proxy(settings):
    # The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the address it really saw.
    settings.CHUSHAN_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.0.0.5", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_back(settings):
    settings.CHUSHAN_TRUSTED_PROXIES = ["10.0.0.0/8", "192.168.1.1"]
    assert client_address(_request("10.0.0.5", "198.51.100.7, 192.168.1.1, 10.0.0.9")) == "198.51.100.7"


def test_garbage_from_a_trusted_proxy_falls_back_to_the_proxy(settings):
    settings.CHUSHAN_TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_address(_request("10.0.0.5", "not-an-address")) == "10.0.0.5"
    assert client_address(_request("10.0.0.5", "")) == "10.0.0.5"


def test_a_bad_trusted_proxy_setting_says_which_setting(settings):
    settings.CHUSHAN_TRUSTED_PROXIES = ["10.0.0.300"]
    with pytest.raises(ImproperlyConfigured, match="CHUSHAN_TRUSTED_PROXIES"):
        client_address(_request())


def test_ipv6_addresses_are_limited_by_their_64_block():
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")


def test_ipv4_addresses_are_limited_one_by_one():
    assert address_key("203.0.113.9") == "203.0.113.9"
    assert address_key("::ffff:203.0.113.9") == "203.0.113.9"
    assert address_key("unknown") == "unknown"


# Races ------------------------------------------------------------------------------------------------------

@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_parallel_attempts_cannot_slip_past_the_limit(settings):
    """Eight threads on their own PostgreSQL connections, through the database cache: exactly three pass."""
    settings.CACHES = DATABASE_CACHE
    settings.CHUSHAN_RATE_LIMITS = {"race": (3, 600)}
    cache.clear()
    barrier, outcomes = threading.Barrier(8), []

    def attempt():
        try:
            barrier.wait()
            ratelimit_hit("race", "13800138000")
            outcomes.append("passed")
        except RateLimited:
            outcomes.append("refused")
        except Exception as exc:  # noqa: BLE001 - shown in the assertion
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cache.clear()
    assert sorted(outcomes) == ["passed"] * 3 + ["refused"] * 5
