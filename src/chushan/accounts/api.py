"""Auth API under /api/v1/auth: codes, sign-up, sign-in (session and/or token), sign-out, me, tokens."""

from django.contrib.auth import login, logout
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from ninja import Path, Router, Status
from ninja.pagination import paginate
from ninja.utils import check_csrf

from chushan.accounts import selectors, services
from chushan.accounts.auth import user_auth
from chushan.accounts.models import User
from chushan.accounts.schemas import (
    CsrfOut,
    LoginIn,
    MeOut,
    OtpIn,
    OtpOut,
    PasswordResetIn,
    SignedInOut,
    SignInOptions,
    SignupIn,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
    TokenPagination,
)
from chushan.core.errors import PermissionDenied
from chushan.core.ratelimit import client_address

router = Router(tags=["auth"])
TokenId = Path[int, dict(ge=1, le=2**63 - 1)]  # beyond a 64-bit id the database would fail, not answer 404


def _me(user: User) -> dict:
    return {"id": user.pk, "mobile": user.mobile, "display_name": user.display_name, "is_staff": user.is_staff,
            "roles": selectors.user_roles(user=user), "date_joined": user.date_joined}


def _token_out(new) -> dict:
    token = new.token
    return {"id": token.pk, "name": token.name, "prefix": token.prefix, "created_at": token.created_at,
            "last_used_at": token.last_used_at, "token": new.raw}


def _require_csrf_for_session(request, options: SignInOptions) -> None:
    """A session sign-in from another site must fail (login CSRF), so it needs the token a form would carry."""
    if options.session and check_csrf(request):
        raise PermissionDenied(_("The CSRF token is missing or wrong: send the X-CSRFToken header "
                                 "with the value of the csrftoken cookie (GET /api/v1/auth/csrf sets it)."),
                               code="csrf")


def _signed_in(request, user: User, options: SignInOptions) -> dict:
    token = services.api_token_create(actor=user, name=options.token_name) if options.issue_token else None
    if options.session:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return {"user": _me(user), "session": options.session, "token": _token_out(token) if token else None}


@router.get("/csrf", response=CsrfOut, summary="Set the CSRF cookie for session sign-in")
def csrf(request):
    return {"csrf_token": get_token(request)}


@router.post("/otp", response={202: OtpOut}, summary="Text a one-time code")
def otp(request, payload: OtpIn):
    sent = services.otp_request(mobile=payload.mobile, purpose=payload.purpose, address=client_address(request))
    return Status(202, {"detail": _("If this number can use the code, it is on its way by text message."),
                        "expires_in": sent.expires_in, "resend_in": sent.resend_in})


@router.post("/signup", response={201: SignedInOut}, summary="Open an account with a sign-up code")
def signup(request, payload: SignupIn):
    _require_csrf_for_session(request, payload)
    user = services.user_signup(mobile=payload.mobile, code=payload.code, password=payload.password,
                                display_name=payload.display_name, address=client_address(request))
    return Status(201, _signed_in(request, user, payload))


@router.post("/login", response=SignedInOut, summary="Sign in with a password or a texted code")
def login_(request, payload: LoginIn):
    _require_csrf_for_session(request, payload)
    address = client_address(request)
    if payload.password is not None:
        user = services.user_login_password(mobile=payload.mobile, password=payload.password, address=address)
    else:
        user = services.user_login_otp(mobile=payload.mobile, code=payload.code, address=address)
    return _signed_in(request, user, payload)


@router.post("/password-reset", response={204: None}, summary="Set a new password with a reset code")
def password_reset(request, payload: PasswordResetIn):
    services.password_reset(mobile=payload.mobile, code=payload.code, new_password=payload.new_password,
                            address=client_address(request))
    return Status(204, None)


@router.post("/logout", response={204: None}, auth=user_auth, summary="Sign out (revokes the token used)")
def logout_(request):
    token = getattr(request, "auth_token", None)
    if token is not None:
        services.api_token_revoke(actor=request.auth, token_id=token.pk)
    else:
        logout(request)
    return Status(204, None)


@router.get("/me", response=MeOut, auth=user_auth, summary="Who is signed in")
def me(request):
    return _me(request.auth)


@router.get("/tokens", response=list[TokenOut], auth=user_auth, summary="My active API tokens")
@paginate(TokenPagination)
def tokens(request):
    return selectors.api_tokens_active(user=request.auth)


@router.post("/tokens", response={201: TokenCreatedOut}, auth=user_auth, summary="Create an API token")
def token_create(request, payload: TokenIn):
    return Status(201, _token_out(services.api_token_create(actor=request.auth, name=payload.name)))


@router.delete("/tokens/{token_id}", response={204: None}, auth=user_auth, summary="Revoke an API token")
def token_revoke(request, token_id: TokenId):
    services.api_token_revoke(actor=request.auth, token_id=token_id)
    return Status(204, None)
