"""Reads about people: roles and API tokens."""

from django.db.models import QuerySet

from chushan.accounts.models import ApiToken, User
from chushan.accounts.roles import OPERATORS, ROLE_LABELS


def user_roles(*, user: User) -> list[str]:
    """The platform roles (group names in roles.ROLE_LABELS) the user holds, in a stable order."""
    if not user.is_authenticated:
        return []
    return sorted(user.groups.filter(name__in=ROLE_LABELS).values_list("name", flat=True))


def user_is_operator(*, user: User) -> bool:
    return bool(user.is_authenticated and user.is_active
                and (user.is_superuser or user.groups.filter(name=OPERATORS).exists()))


def api_tokens_active(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at", "-pk")
