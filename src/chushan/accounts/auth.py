"""API authentication: a bearer token (Authorization: Bearer <token>) or the browser session."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from chushan.accounts.models import ApiToken
from chushan.accounts.rules import token_digest
from chushan.core.errors import PermissionDenied

__all__ = ["SessionUserAuth", "TokenAuth", "token_digest", "user_auth"]

# Recording every request's use would write on every call; a minute's precision is enough to spot stale tokens.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        found = (ApiToken.objects.select_related("user")
                 .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True).first())
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or found.last_used_at < now - LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.auth_token = found  # so logging out can revoke the token that was used
        return found.user


class SessionUserAuth(SessionAuth):
    """The Django session; unsafe methods also need the CSRF token, as on any form."""

    def __call__(self, request):
        # Without a signed-in session there is nothing to forge: answer 401, not a CSRF 403.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise PermissionDenied(_("The CSRF token is missing or wrong: send the X-CSRFToken header "
                                     "with the value of the csrftoken cookie."), code="csrf")
        return user


# Every authenticated endpoint accepts either.
user_auth = [TokenAuth(), SessionUserAuth()]
