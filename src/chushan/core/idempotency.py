"""`Idempotency-Key` for django-ninja POST operations: the same key and request get the first response again.

    @router.post("/payments", response={201: PaymentOut}, auth=user_auth)
    @idempotent
    def payment_create(request, payload: PaymentIn): ...

With the header, the claim of the key, the use case and the stored response commit in one transaction, so
a retried or racing duplicate either waits for the first and replays its response, or (if the first failed
and wrote nothing) runs itself. Only successful (2xx) responses are kept: a refused request releases its key.
Same key with a different body → 422; a twin still running after CHUSHAN_IDEMPOTENCY_WAIT_SECONDS → 409.
"""

import hashlib
import json
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.db import transaction
from django.http import HttpResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from ninja.decorators import decorate_view
from ninja.utils import contribute_operation_callback

from chushan.core.errors import ApplicationError
from chushan.core.services import idempotency_claim, idempotency_complete

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255


def request_fingerprint(body: bytes, content_type: str = "") -> str:
    """SHA-256 of the body in a canonical form: JSON with sorted keys, form fields sorted, else the bytes."""
    canonical = body
    media_type = content_type.split(";")[0].strip().lower()
    try:
        if media_type == "application/json" or media_type.endswith("+json"):
            canonical = json.dumps(json.loads(body or b"null"), sort_keys=True, separators=(",", ":"),
                                   ensure_ascii=False).encode()
        elif media_type == "application/x-www-form-urlencoded":
            canonical = urlencode(sorted(parse_qsl(body.decode(), keep_blank_values=True))).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = body  # unparseable bodies are compared byte for byte
    return hashlib.sha256(canonical).hexdigest()


def _request_fingerprint(request) -> str:
    try:
        return request_fingerprint(request.body, request.content_type or "")
    except RawPostDataException:
        # A multipart body was already streamed into POST and FILES: fingerprint what was parsed from it.
        files = sorted((name, f.name, f.size) for name, f in request.FILES.items())
        return request_fingerprint(f"{sorted(request.POST.lists())}{files}".encode())


def _clean_key(raw: str) -> str:
    if not (0 < len(raw) <= MAX_KEY_LENGTH) or not all(0x20 < ord(ch) < 0x7F for ch in raw):
        raise ApplicationError(
            _("The Idempotency-Key header must be 1 to %(max)d visible ASCII characters, such as a UUID.")
            % {"max": MAX_KEY_LENGTH}, code="idempotency_key_invalid", errors={HEADER: [_("Not a valid key.")]})
    return raw


def _caller(request):
    user = getattr(request, "auth", None)
    if getattr(user, "is_authenticated", False) and getattr(user, "pk", None):
        return user
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def _replay(record) -> HttpResponse:
    response = HttpResponse(record.response_body, status=record.response_status,
                            content_type=record.response_content_type or "application/json")
    response[REPLAYED_HEADER] = "true"
    return response


def _in_one_transaction(run):
    """Wrap ninja's Operation.run: the key's claim, the use case and the kept response commit together."""

    @wraps(run)
    def run_once(request, **kwargs):
        if HEADER not in request.headers:
            return run(request, **kwargs)
        with transaction.atomic():
            response = run(request, **kwargs)
            record = getattr(request, "_idempotency_record", None)
            if record is not None:
                if 200 <= response.status_code < 300:
                    idempotency_complete(record=record, status=response.status_code,
                                         content_type=response.get("Content-Type", ""),
                                         body=response.content.decode("utf-8"))
                else:
                    # Refused: undo anything written and release the key, so a corrected retry may run.
                    transaction.set_rollback(True)
        return response

    return run_once


def _document_header(operation) -> None:
    extra = dict(operation.openapi_extra or {})
    extra["parameters"] = [*extra.get("parameters", []), {
        "in": "header", "name": HEADER, "required": False,
        "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
        "description": "Send a unique key (a UUID) to make retries safe: the same key and body return the "
                       "first response again; the same key with another body gets 422.",
    }]
    operation.openapi_extra = extra


def idempotent(view):
    """Honour `Idempotency-Key` on a ninja operation; put it below the @router.post(...) line."""

    @wraps(view)
    def claimed(request, *args, **kwargs):
        raw = request.headers.get(HEADER)
        if raw is None:
            return view(request, *args, **kwargs)
        record, claimed_now = idempotency_claim(
            user=_caller(request), key=_clean_key(raw), method=request.method, path=request.get_full_path()[:500],
            fingerprint=_request_fingerprint(request))
        if not claimed_now:
            return _replay(record)
        request._idempotency_record = record
        return view(request, *args, **kwargs)

    contribute_operation_callback(claimed, _document_header)
    return decorate_view(_in_one_transaction)(claimed)
