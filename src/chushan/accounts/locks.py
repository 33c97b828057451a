"""The only place accounts builds select_for_update querysets."""

from chushan.accounts.models import ApiToken, OneTimeCode, User


def otp_live(*, mobile: str, purpose: str) -> OneTimeCode | None:
    """The one code still usable for this number and purpose, locked so it is spent once."""
    return (OneTimeCode.objects.filter(mobile=mobile, purpose=purpose, consumed_at__isnull=True)
            .order_by("-created_at").select_for_update().first())


def user_locked(*, pk: int) -> User | None:
    return User.objects.filter(pk=pk).select_for_update().first()


def api_token_locked(*, user: User, token_id: int) -> ApiToken | None:
    return ApiToken.objects.filter(pk=token_id, user=user).select_for_update().first()
