"""Every write about people: one-time codes, sign-up, sign-in, password reset, API tokens and roles.

Attempts are counted (chushan.core.ratelimit) before a transaction opens, and a wrong code's attempt is
committed before the refusal is raised, so a refusal never rolls its own count back.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.accounts import locks
from chushan.accounts.errors import InvalidCredentials
from chushan.accounts.models import ApiToken, OneTimeCode, User
from chushan.accounts.roles import OPERATORS, REVIEWERS, ROLE_LABELS
from chushan.accounts.rules import (
    OTP_EXHAUSTED,
    OTP_EXPIRED,
    OTP_LENGTH,
    OTP_MISSING,
    OTP_OK,
    OTP_RESEND_SECONDS,
    OTP_WRONG,
    PASSWORD_MAX_LENGTH,
    TOKEN_SHOWN_PREFIX,
    TOKENS_PER_USER,
    code_digest,
    code_is_well_formed,
    is_single_line_text,
    new_code,
    new_token,
    normalize_mobile,
    otp_verdict,
    resend_wait,
    token_digest,
)
from chushan.accounts.selectors import user_is_operator
from chushan.accounts.sms import ACCOUNT_EXISTS, OTP_CODE, SmsMessage, SmsNotSent, sms_send
from chushan.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.core.ratelimit import address_key, rate_limited, ratelimit_hit, ratelimit_reset

Purpose = OneTimeCode.Purpose


@dataclass(frozen=True)
class CodeSent:
    """What the client may know after asking for a code: the same whether or not the number has an account."""

    mobile: str
    expires_in: int
    resend_in: int


@dataclass(frozen=True)
class NewToken:
    """A created token; ``raw`` exists only here and is shown once."""

    token: ApiToken
    raw: str


# Input checks shared by the use cases -------------------------------------------------------------------

def _mobile(raw: str) -> str:
    mobile = normalize_mobile(raw or "")
    if not mobile:
        message = _("Enter an 11-digit mainland mobile number.")
        raise Unprocessable(message, errors={"mobile": [message]})
    return mobile


def _code(raw: str) -> str:
    code = (raw or "").strip()
    if not code_is_well_formed(code):
        message = _("Enter the %(length)d-digit code from the text message.") % {"length": OTP_LENGTH}
        raise Unprocessable(message, errors={"code": [message]})
    return code


def _password_checked(password: str, *, user: User, field: str = "password") -> str:
    """Django's password validators, plus a length cap so hashing stays cheap."""
    if not password:
        problems = [_("Enter a password.")]
    elif len(password) > PASSWORD_MAX_LENGTH:
        problems = [_("Use at most %(max)d characters.") % {"max": PASSWORD_MAX_LENGTH}]
    else:
        try:
            validate_password(password, user)
            return password
        except ValidationError as exc:
            problems = list(exc.messages)
    raise Unprocessable(" ".join(problems), errors={field: problems})


def _name(raw: str, *, field: str, max_length: int) -> str:
    name = (raw or "").strip()
    if len(name) > max_length:
        message = _("Use at most %(max)d characters.") % {"max": max_length}
    elif not is_single_line_text(name):
        message = _("Use letters, digits and punctuation only, on one line.")
    else:
        return name
    raise Unprocessable(message, errors={field: [message]})


# One-time codes ----------------------------------------------------------------------------------------

def _code_message(*, mobile: str, purpose: str, code: str) -> SmsMessage | None:
    """Which text the number gets. Nothing differs in the answer to the client, only in the text."""
    registered = User.objects.filter(mobile=mobile)
    if purpose == Purpose.SIGNUP and registered.exists():
        return SmsMessage(mobile=mobile, template=ACCOUNT_EXISTS)
    if purpose != Purpose.SIGNUP and not registered.filter(is_active=True).exists():
        return None  # no account to sign in to: text nobody, answer as if we had
    minutes = str(settings.CHUSHAN_OTP_TTL_SECONDS // 60)
    return SmsMessage(mobile=mobile, template=OTP_CODE,
                      params={"code": code, "minutes": minutes, "purpose": str(Purpose(purpose).label)})


def otp_request(*, mobile: str, purpose: str, address: str) -> CodeSent:
    """Text a one-time code for ``purpose``; it replaces any earlier code for the same number and purpose."""
    mobile = _mobile(mobile)
    if purpose not in Purpose.values:
        message = _("Choose what the code is for: sign in, sign up or reset password.")
        raise Unprocessable(message, errors={"purpose": [message]})
    ratelimit_hit("otp:address", address_key(address))
    now = timezone.now()
    last_sent = (OneTimeCode.objects.filter(mobile=mobile).order_by("-created_at")
                 .values_list("created_at", flat=True).first())
    if wait := resend_wait(last_sent_at=last_sent, now=now):
        raise rate_limited(wait)
    ratelimit_hit("otp:mobile", mobile)
    code = new_code(OTP_LENGTH)
    ttl = settings.CHUSHAN_OTP_TTL_SECONDS
    try:
        with transaction.atomic():
            # A code is stored even for numbers without an account, so both take the same path.
            OneTimeCode.objects.filter(mobile=mobile, purpose=purpose, consumed_at__isnull=True).update(consumed_at=now)
            stored = OneTimeCode.objects.create(mobile=mobile, purpose=purpose, created_at=now,
                                                expires_at=now + timedelta(seconds=ttl),
                                                digest=code_digest(settings.SECRET_KEY, mobile, code))
    except IntegrityError:
        raise rate_limited(OTP_RESEND_SECONDS) from None  # a parallel request for this number won
    # Texted after the commit: a slow provider must not hold the database's write lock.
    if message := _code_message(mobile=mobile, purpose=purpose, code=code):
        try:
            sms_send(message)
        except SmsNotSent:
            stored.delete()  # never delivered: keep nothing, and do not hold the next try back a minute
            raise
    return CodeSent(mobile=mobile, expires_in=ttl, resend_in=OTP_RESEND_SECONDS)


def _code_spend(*, mobile: str, purpose: str, code: str, now: datetime) -> str:
    """Inside the caller's transaction: spend the live code if ``code`` is it, count a wrong guess.

    Returns the verdict (rules.OTP_*). The caller raises after its transaction commits the count."""
    live = locks.otp_live(mobile=mobile, purpose=purpose)
    verdict = otp_verdict(stored_digest=live.digest if live else None,
                          given_digest=code_digest(settings.SECRET_KEY, mobile, code),
                          expires_at=live.expires_at if live else None, attempts=live.attempts if live else 0,
                          now=now)
    if verdict == OTP_OK:
        OneTimeCode.objects.filter(pk=live.pk).update(consumed_at=now)
    elif verdict == OTP_WRONG:
        OneTimeCode.objects.filter(pk=live.pk).update(attempts=F("attempts") + 1)
    return verdict


def _code_refused(verdict: str, *, error: type[ApplicationError] = Unprocessable) -> ApplicationError:
    messages = {
        OTP_MISSING: _("No code is waiting for this number. Ask for a code first."),
        OTP_EXPIRED: _("This code has expired. Ask for a new one."),
        OTP_EXHAUSTED: _("This code has been tried too many times. Ask for a new one."),
        OTP_WRONG: _("The code is not right. Check the text message and try again."),
    }
    return error(messages[verdict], errors={"code": [messages[verdict]]}, code=f"code_{verdict}")


def otp_codes_purge(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete codes sent more than ``older_than`` ago (they hold phone numbers and are of no further use)."""
    with transaction.atomic():
        deleted, _by_model = OneTimeCode.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted


# Sign-up, sign-in, password reset ----------------------------------------------------------------------

def user_signup(*, mobile: str, code: str, password: str, address: str, display_name: str = "") -> User:
    """Open an account for a number proven by a sign-up code, with a password Django's validators accept."""
    mobile, code, display_name = _mobile(mobile), _code(code), _name(display_name, field="display_name", max_length=50)
    ratelimit_hit("signup:address", address_key(address))
    user = User(mobile=mobile, display_name=display_name)
    _password_checked(password, user=user)
    now = timezone.now()
    with transaction.atomic():
        verdict = _code_spend(mobile=mobile, purpose=Purpose.SIGNUP, code=code, now=now)
        if verdict == OTP_OK:
            # Checked only after the code: before it, the answer would tell anyone which numbers have accounts.
            taken = _("This number already has an account. Sign in, or reset your password.")
            if User.objects.filter(mobile=mobile).exists():
                raise Conflict(taken, errors={"mobile": [taken]})
            user.set_password(password)
            user.full_clean(exclude=["password"])
            try:
                with transaction.atomic():
                    user.save()
            except IntegrityError:
                raise Conflict(taken, errors={"mobile": [taken]}) from None
    if verdict != OTP_OK:
        raise _code_refused(verdict)
    return user


def user_login_password(*, mobile: str, password: str, address: str) -> User:
    """Check a number and password. Every attempt counts; success clears the number's count."""
    mobile = _mobile(mobile)
    if not password:
        message = _("Enter your password.")
        raise Unprocessable(message, errors={"password": [message]})
    ratelimit_hit("login:address", address_key(address))
    ratelimit_hit("login:mobile", mobile)
    user = None
    if len(password) <= PASSWORD_MAX_LENGTH:
        with transaction.atomic():  # authenticate() re-hashes a password stored with an outdated hasher
            user = authenticate(None, mobile=mobile, password=password)
    if user is None:
        raise InvalidCredentials(_("The mobile number or the password is not right."))
    ratelimit_reset("login:mobile", mobile)
    return user


def user_login_otp(*, mobile: str, code: str, address: str) -> User:
    """Sign in with a code texted to the number. Counts like a password attempt."""
    mobile, code = _mobile(mobile), _code(code)
    ratelimit_hit("login:address", address_key(address))
    ratelimit_hit("login:mobile", mobile)
    with transaction.atomic():
        verdict = _code_spend(mobile=mobile, purpose=Purpose.LOGIN, code=code, now=timezone.now())
        user = User.objects.filter(mobile=mobile, is_active=True).first() if verdict == OTP_OK else None
        if verdict == OTP_OK and user is None:
            transaction.set_rollback(True)  # the account went away after the code was sent: keep nothing
            verdict = OTP_WRONG
    if user is None:
        raise _code_refused(verdict, error=InvalidCredentials)
    ratelimit_reset("login:mobile", mobile)
    return user


def password_reset(*, mobile: str, code: str, new_password: str, address: str) -> User:
    """Set a new password with a reset code; every API token of the account is revoked with it."""
    mobile, code = _mobile(mobile), _code(code)
    ratelimit_hit("login:address", address_key(address))
    _password_checked(new_password, user=User(mobile=mobile))
    now = timezone.now()
    with transaction.atomic():
        verdict = _code_spend(mobile=mobile, purpose=Purpose.RESET, code=code, now=now)
        user = User.objects.filter(mobile=mobile, is_active=True).first() if verdict == OTP_OK else None
        if verdict == OTP_OK and user is None:
            transaction.set_rollback(True)
            verdict = OTP_WRONG
        if user is not None:
            _password_checked(new_password, user=user)  # now against the real name, too
            user.set_password(new_password)
            user.save(update_fields=["password"])
            ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    if user is None:
        raise _code_refused(verdict)
    ratelimit_reset("login:mobile", mobile)
    return user


# API tokens --------------------------------------------------------------------------------------------

def _active_actor(actor: User) -> None:
    if not (actor and actor.is_authenticated and actor.is_active):
        raise PermissionDenied(_("Sign in first."))


def api_token_create(*, actor: User, name: str) -> NewToken:
    """Create a bearer token for the actor; only its digest is stored."""
    name = _name(name, field="name", max_length=60)
    if not name:
        message = _("Name the token in 1 to 60 characters, for example the app that will use it.")
        raise Unprocessable(message, errors={"name": [message]})
    with transaction.atomic():
        _active_actor(actor)
        locks.user_locked(pk=actor.pk)  # so two requests cannot both take the last free place
        if ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= TOKENS_PER_USER:
            raise Conflict(_("You have %(max)d tokens already. Revoke one you no longer use.")
                           % {"max": TOKENS_PER_USER})
        raw = new_token()
        token = ApiToken.objects.create(user=actor, name=name, prefix=raw[:TOKEN_SHOWN_PREFIX],
                                        digest=token_digest(raw))
    return NewToken(token=token, raw=raw)


def api_token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's tokens; revoking it again changes nothing."""
    with transaction.atomic():
        _active_actor(actor)
        token = locks.api_token_locked(user=actor, token_id=token_id)
        if token is None:
            raise NotFound(_("You have no such token."))
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


# Roles -------------------------------------------------------------------------------------------------

def _role_check(*, actor: User, role: str) -> None:
    """Superusers manage every role; operators manage reviewers, so no operator can make another operator."""
    if role not in ROLE_LABELS:
        message = _("Choose a role: operators or reviewers.")
        raise Unprocessable(message, errors={"role": [message]})
    if actor.is_active and actor.is_superuser:
        return
    if role == REVIEWERS and user_is_operator(user=actor):
        return
    if role == OPERATORS:
        raise PermissionDenied(_("Only a superuser can grant or revoke the operators role."))
    raise PermissionDenied(_("Only platform operators can grant or revoke roles."))


def role_grant(*, actor: User, user: User, role: str) -> None:
    """Give ``user`` a platform role; it also opens the back office (admin) to them."""
    with transaction.atomic():
        _role_check(actor=actor, role=role)
        group, _created = Group.objects.get_or_create(name=role)
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])


def role_revoke(*, actor: User, user: User, role: str) -> None:
    """Take a role away; without any role left, back-office access goes too (superusers keep theirs)."""
    with transaction.atomic():
        _role_check(actor=actor, role=role)
        user.groups.remove(*Group.objects.filter(name=role))
        still_staff = user.is_superuser or user.groups.filter(name__in=ROLE_LABELS).exists()
        if user.is_staff and not still_staff:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
