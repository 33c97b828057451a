"""Rate limits over Django's cache, shared by every server worker (Redis, or the database cache embedded).

``settings.CHUSHAN_RATE_LIMITS = {name: (attempts, window_seconds)}``. A window opens at the first attempt
for a (name, key) and closes ``window_seconds`` later. Each attempt claims a numbered slot with
``cache.add``, which is atomic on Redis and on the database cache alike (an insert under the primary key),
so parallel requests cannot slip past the limit as they can with get-then-set counters.

Count attempts outside ``transaction.atomic()``: with the database cache, a rollback would undo the count.
"""

import hashlib
import ipaddress
import math
import secrets
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chushan.core.errors import RateLimited

_PREFIX = "rl"


def _now() -> float:
    return time.time()


def _limit(name: str) -> tuple[int, int]:
    try:
        attempts, window = settings.CHUSHAN_RATE_LIMITS[name]
    except (KeyError, TypeError, ValueError):
        raise ImproperlyConfigured(
            f"Add {name!r}: (attempts, window_seconds) to settings.CHUSHAN_RATE_LIMITS.") from None
    if int(attempts) < 1 or int(window) < 1:
        raise ImproperlyConfigured(f"settings.CHUSHAN_RATE_LIMITS[{name!r}] needs positive numbers.")
    return int(attempts), int(window)


def _base_key(name: str, key: str) -> str:
    # Hashed: cache keys stay short and safe for any backend, and hold no phone numbers or addresses.
    return f"{_PREFIX}:{name}:{hashlib.sha256(str(key).encode()).hexdigest()[:32]}"


def _window(base: str, window: int, now: float) -> tuple[float, str]:
    """(when the current window closes, its id), opening a new window if there is none or it has run out."""
    key = f"{base}:window"
    current = cache.get(key)
    if current is None or current[0] <= now:
        if current is not None:
            cache.delete(key)
        # add, not set: when two first attempts race, both adopt the one window that was stored.
        fresh = (now + window, secrets.token_hex(8))
        cache.add(key, fresh, timeout=window)
        current = cache.get(key) or fresh
    return current


def wait_text(seconds: int) -> str:
    """'40 seconds', '5 minutes': how long to wait, in the active language."""
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def rate_limited(retry_after: int) -> RateLimited:
    """The error for a refused attempt: says when to retry, and carries Retry-After seconds."""
    retry_after = max(1, int(retry_after))
    return RateLimited(_("Too many attempts. Try again in %(wait)s.") % {"wait": wait_text(retry_after)},
                       extra={"retry_after": retry_after})


def ratelimit_hit(name: str, key: str) -> int:
    """Count one attempt under limit ``name`` for ``key``; return how many remain, or raise RateLimited."""
    attempts, window = _limit(name)
    base = _base_key(name, key)
    now = _now()
    end, window_id = _window(base, window, now)
    ttl = max(1, math.ceil(end - now))
    # Slots belong to one window, so a slot left over from the last window (or a reset) is never reused.
    series = f"{base}:{window_id}"
    claimed = cache.get(f"{series}:n", 0)  # a hint to skip slots already taken; add() decides
    for slot in range(claimed + 1, attempts + 1):
        if cache.add(f"{series}:{slot}", 1, timeout=ttl):
            cache.set(f"{series}:n", slot, timeout=ttl)
            return attempts - slot
    raise rate_limited(ttl)


def ratelimit_reset(name: str, key: str) -> None:
    """Forget the attempts counted under ``name`` for ``key`` (after a successful sign-in)."""
    _limit(name)
    cache.delete(f"{_base_key(name, key)}:window")


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    try:
        return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"settings.CHUSHAN_TRUSTED_PROXIES: {exc}") from None


def _trusted(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or what a trusted proxy says in X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = _networks(tuple(getattr(settings, "CHUSHAN_TRUSTED_PROXIES", ())))
    if not _trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    # Walk back from the nearest hop: the first address our own proxies did not add is the client;
    # anything further left was written by the client and may be forged.
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a proxy we trust wrote garbage: fall back to the proxy itself
    return hops[0] if hops else remote


def address_key(address: str) -> str:
    """The rate-limit key for an address: IPv4 as is, IPv6 by its /64 (one subscriber's whole block)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
