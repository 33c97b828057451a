"""Pages: sign in (password or texted code), sign up, reset password, my account and API tokens.

Code flows take two steps: ask for a code (the number is kept in the session), then enter it.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from chushan.accounts import selectors, services
from chushan.accounts.forms import (
    CodeForm,
    MobileForm,
    PasswordLoginForm,
    PasswordResetForm,
    SignupForm,
    TokenForm,
    show_error,
)
from chushan.accounts.models import OneTimeCode
from chushan.accounts.rules import mask_mobile
from chushan.core.errors import ApplicationError, RateLimited
from chushan.core.ratelimit import client_address

BACKEND = "django.contrib.auth.backends.ModelBackend"
Purpose = OneTimeCode.Purpose
FLOWS = {  # purpose: (title, step-1 url name, step-2 url name, step-2 form)
    Purpose.SIGNUP: (gettext_lazy("Create an account"), "accounts:signup", "accounts:signup_verify", SignupForm),
    Purpose.LOGIN: (gettext_lazy("Sign in with a texted code"), "accounts:login_code", "accounts:login_code_verify",
                    CodeForm),
    Purpose.RESET: (gettext_lazy("Reset your password"), "accounts:password_reset", "accounts:password_reset_verify",
                    PasswordResetForm),
}


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _refused(request, template: str, context: dict, form, exc: ApplicationError, rename=None):
    """Re-render the page with the refusal as a form error (429 with Retry-After when rate-limited)."""
    show_error(form, exc, rename)
    status = exc.status if isinstance(exc, RateLimited) else 200
    response = render(request, template, context, status=status)
    if "retry_after" in exc.extra:
        response["Retry-After"] = str(exc.extra["retry_after"])
    return response


@never_cache
def login_password(request):
    form = PasswordLoginForm(request.POST or None)
    context = {"form": form, "next": _next_url(request)}
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_login_password(mobile=form.cleaned_data["mobile"],
                                                password=form.cleaned_data["password"],
                                                address=client_address(request))
        except ApplicationError as exc:
            return _refused(request, "accounts/login.html", context, form, exc)
        login(request, user, backend=BACKEND)
        return redirect(context["next"])
    return render(request, "accounts/login.html", context)


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("storefront:home")


@never_cache
def code_request(request, purpose: str):
    """Step 1 of every code flow: the number, then a texted code."""
    title, _start, verify_url, _form = FLOWS[purpose]
    form = MobileForm(request.POST or None)
    context = {"form": form, "title": title, "purpose": purpose, "next": _next_url(request)}
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.otp_request(mobile=form.cleaned_data["mobile"], purpose=purpose,
                                        address=client_address(request))
        except ApplicationError as exc:
            return _refused(request, "accounts/code_request.html", context, form, exc)
        request.session[f"otp:{purpose}"] = {"mobile": sent.mobile, "next": context["next"]}
        return redirect(verify_url)
    return render(request, "accounts/code_request.html", context)


def _code_use(purpose: str, request, data: dict):
    """Call the use case behind step 2 of a flow; returns the user to sign in, or None."""
    address = client_address(request)
    mobile = request.session[f"otp:{purpose}"]["mobile"]
    if purpose == Purpose.SIGNUP:
        return services.user_signup(mobile=mobile, code=data["code"], password=data["password1"],
                                    display_name=data["display_name"], address=address)
    if purpose == Purpose.LOGIN:
        return services.user_login_otp(mobile=mobile, code=data["code"], address=address)
    services.password_reset(mobile=mobile, code=data["code"], new_password=data["password1"], address=address)
    return None


@never_cache
def code_verify(request, purpose: str):
    """Step 2: the code (and a password where the flow sets one)."""
    title, start_url, _url, form_class = FLOWS[purpose]
    pending = request.session.get(f"otp:{purpose}")
    if not pending:
        return redirect(start_url)
    form = form_class(request.POST or None)
    context = {"form": form, "title": title, "purpose": purpose, "masked": mask_mobile(pending["mobile"]),
               "mobile": pending["mobile"], "next": pending["next"], "start_url": start_url}
    if request.method == "POST" and form.is_valid():
        try:
            user = _code_use(purpose, request, form.cleaned_data)
        except ApplicationError as exc:
            return _refused(request, "accounts/code_verify.html", context, form, exc, {"password": "password1"})
        del request.session[f"otp:{purpose}"]
        if user is None:
            messages.success(request, _("Your password is changed, and your API tokens are revoked. "
                                        "Sign in with the new password."))
            return redirect("accounts:login")
        login(request, user, backend=BACKEND)
        if purpose == Purpose.SIGNUP:
            messages.success(request, _("Welcome to Chushan. Your account is ready."))
        return redirect(pending["next"])
    return render(request, "accounts/code_verify.html", context)


@never_cache
@login_required
def account(request):
    """My account: who I am, my roles, my API tokens (a new token is shown once, on this response only)."""
    form = TokenForm(request.POST or None)
    context = {"form": form, "new_token": None}
    if request.method == "POST" and form.is_valid():
        try:
            context["new_token"] = services.api_token_create(actor=request.user, name=form.cleaned_data["name"])
            context["form"] = TokenForm()
        except ApplicationError as exc:
            show_error(form, exc)
    context.update(roles=selectors.user_roles(user=request.user),
                   tokens=selectors.api_tokens_active(user=request.user),
                   masked=mask_mobile(request.user.mobile))
    return render(request, "accounts/account.html", context)


@require_POST
@login_required
def token_revoke(request, token_id: str):
    try:
        token = services.api_token_revoke(actor=request.user, token_id=int(token_id))
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    return redirect(reverse("accounts:account"))
