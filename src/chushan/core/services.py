"""Writes that belong to no domain: claiming, completing and purging Idempotency-Key records."""

from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chushan.core.errors import Conflict, Unprocessable
from chushan.core.models import IdempotencyRecord

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout expires


def retention() -> timedelta:
    return timedelta(seconds=getattr(settings, "CHUSHAN_IDEMPOTENCY_RETENTION_SECONDS", 24 * 3600))


@contextmanager
def _bounded_lock_wait():
    """On PostgreSQL, wait at most CHUSHAN_IDEMPOTENCY_WAIT_SECONDS for a racing twin to commit."""
    if connection.vendor != "postgresql":
        yield
        return
    wait_ms = int(getattr(settings, "CHUSHAN_IDEMPOTENCY_WAIT_SECONDS", 10) * 1000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{wait_ms}ms"])
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout TO DEFAULT")


def idempotency_claim(*, user, key: str, method: str, path: str, fingerprint: str) -> tuple[IdempotencyRecord, bool]:
    """Claim `key` for this request, or return the record of the first request with it.

    Run inside the caller's transaction: the unique index makes a racing twin wait until the first commits
    (then it gets the stored record) or rolls back (then it claims the key itself).
    Returns (record, claimed).
    """
    user = user if getattr(user, "is_authenticated", False) else None
    for _attempt in range(3):
        with transaction.atomic():
            IdempotencyRecord.objects.filter(user=user, key=key, created_at__lt=timezone.now() - retention()).delete()
        try:
            with transaction.atomic(), _bounded_lock_wait():
                record = IdempotencyRecord.objects.create(user=user, key=key, method=method, path=path,
                                                          fingerprint=fingerprint)
            return record, True
        except IntegrityError:
            pass
        except OperationalError as exc:
            if getattr(exc.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
                raise Conflict(_("A request with this Idempotency-Key is still being processed; retry in a "
                                 "moment."), code="idempotency_in_progress") from exc
            raise
        first = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if first is None:
            continue  # the first request rolled back between our insert and this read: claim again
        if (first.method, first.path, first.fingerprint) != (method, path, fingerprint):
            raise Unprocessable(_("This Idempotency-Key was already used for a different request; send a new key "
                                  "with a new request."), code="idempotency_key_reused")
        return first, False
    raise Conflict(_("A request with this Idempotency-Key is still being processed; retry in a moment."),
                   code="idempotency_in_progress")


def idempotency_complete(*, record: IdempotencyRecord, status: int, content_type: str, body: str) -> None:
    """Keep the response a claimed request answered, for replays."""
    with transaction.atomic():
        IdempotencyRecord.objects.filter(pk=record.pk).update(
            response_status=status, response_content_type=content_type, response_body=body)


def idempotency_records_purge(*, now=None) -> int:
    """Delete records older than the retention period; returns how many went."""
    cutoff = (now or timezone.now()) - retention()
    with transaction.atomic():
        deleted, _detail = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
