"""The one base error every domain error subclasses; the API and the forms render it the same way."""

from typing import Any


class ApplicationError(Exception):
    """A use case refused: ``message`` is translatable and says what to do.

    ``status`` is the HTTP status the API answers with; ``code`` is a stable machine word;
    ``errors`` maps field names to messages where the failure concerns particular fields.
    """

    status = 400
    code = "invalid"

    def __init__(self, message: Any, *, code: str | None = None, status: int | None = None,
                 errors: dict[str, list[str]] | None = None, extra: dict | None = None):
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status
        self.errors = errors or {}
        self.extra = extra or {}


class NotFound(ApplicationError):
    status = 404
    code = "not_found"


class PermissionDenied(ApplicationError):
    status = 403
    code = "forbidden"


class Unprocessable(ApplicationError):
    """Well-formed input that the domain rules refuse (an expired certificate, a claim without one)."""

    status = 422
    code = "unprocessable"


class Conflict(ApplicationError):
    status = 409
    code = "conflict"


class RateLimited(ApplicationError):
    status = 429
    code = "rate_limited"
