from django.urls import path, re_path

from chushan.accounts import views
from chushan.accounts.models import OneTimeCode

Purpose = OneTimeCode.Purpose

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_password, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("login/code/", views.code_request, {"purpose": Purpose.LOGIN}, name="login_code"),
    path("login/code/verify/", views.code_verify, {"purpose": Purpose.LOGIN}, name="login_code_verify"),
    path("signup/", views.code_request, {"purpose": Purpose.SIGNUP}, name="signup"),
    path("signup/verify/", views.code_verify, {"purpose": Purpose.SIGNUP}, name="signup_verify"),
    path("password/reset/", views.code_request, {"purpose": Purpose.RESET}, name="password_reset"),
    path("password/reset/verify/", views.code_verify, {"purpose": Purpose.RESET}, name="password_reset_verify"),
    path("me/", views.account, name="account"),
    # At most 18 digits: a longer id cannot exist and would overflow the database's integer.
    re_path(r"^me/tokens/(?P<token_id>[0-9]{1,18})/revoke/$", views.token_revoke, name="token_revoke"),
]
