"""RFC 9457 problem details: the one shape every API error takes."""

import json
import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from chushan.core.errors import ApplicationError

log = logging.getLogger(__name__)
PROBLEM_TYPE_BASE = "https://chushan.example.cn/problems/"
CONTENT_TYPE = "application/problem+json"


def problem_response(*, status: int, detail: str, code: str | None = None,
                     errors: dict | None = None, extra: dict | None = None) -> HttpResponse:
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body = {
        "type": PROBLEM_TYPE_BASE + (code or title.lower().replace(" ", "-")),
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    if extra:
        body.update({k: v for k, v in extra.items() if k not in body})
    return HttpResponse(json.dumps(body, ensure_ascii=False, default=str), status=status,
                        content_type=CONTENT_TYPE)


def _field_name(loc) -> str:
    # ninja reports ("body", "payload", "name"); the client knows the field as "name".
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form", "file", "payload", "data")]
    return ".".join(parts) or "__all__"


def validation_problem(errors: list[dict]) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_field_name(error.get("loc", ())), []).append(force_str(error.get("msg", "")))
    summary = "; ".join(f"{name}: {', '.join(msgs)}" for name, msgs in fields.items())
    return problem_response(status=422, code="validation",
                            detail=_("The request is not valid: %(summary)s") % {"summary": summary},
                            errors=fields)


def install_handlers(api) -> None:
    """Register one handler per error family on a NinjaAPI instance."""

    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        response = problem_response(status=exc.status, detail=force_str(exc.message), code=exc.code,
                                    errors=exc.errors, extra=exc.extra)
        if "retry_after" in exc.extra:
            response["Retry-After"] = str(exc.extra["retry_after"])
        return response

    @api.exception_handler(NinjaValidationError)
    def ninja_validation(request, exc: NinjaValidationError):
        return validation_problem(exc.errors)

    @api.exception_handler(DjangoValidationError)
    def django_validation(request, exc: DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        detail = "; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items())
        return problem_response(status=422, code="validation", detail=detail, errors=errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return problem_response(status=401, code="unauthenticated",
                                detail=_("Sign in, or send a valid token in the Authorization header."))

    @api.exception_handler(DjangoPermissionDenied)
    def forbidden(request, exc):
        return problem_response(status=403, code="forbidden",
                                detail=force_str(exc) or _("You may not do this."))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem_response(status=404, code="not_found",
                                detail=force_str(exc) or _("There is nothing here."))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return problem_response(status=exc.status_code, detail=force_str(exc))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return problem_response(status=413, code="too_large", detail=_("The request body is too large."))

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):
        return problem_response(status=400, code="bad_request", detail=_("The request is malformed."))

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        log.exception("unhandled API error on %s %s", request.method, request.path)
        return problem_response(status=500, code="server_error",
                                detail=_("Something went wrong on our side; it has been logged."))
