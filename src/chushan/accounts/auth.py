"""API authentication: a bearer token (Authorization: Bearer <token>) or the browser session."""

import hashlib

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from chushan.accounts.models import ApiToken


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        found = (ApiToken.objects.select_related("user")
                 .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True).first())
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class SessionUserAuth(SessionAuth):
    """The Django session; unsafe methods also need the CSRF token, as on any form."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


# Every authenticated endpoint accepts either.
user_auth = [TokenAuth(), SessionUserAuth()]
