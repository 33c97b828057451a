"""In and Out schemas of the auth API."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import model_validator

from chushan.accounts.rules import PASSWORD_MAX_LENGTH


def mobile_field():
    return Field(..., min_length=1, max_length=32, examples=["13800138000"])


def code_field():
    return Field(..., min_length=1, max_length=12, examples=["123456"])


def password_field():
    return Field(..., min_length=1, max_length=PASSWORD_MAX_LENGTH)


class TokenPagination(LimitOffsetPagination):
    """Bounded: ninja's own offset has no upper bound, and a huge one overflows PostgreSQL's bigint (500)."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000)


class CsrfOut(Schema):
    csrf_token: str


class OtpIn(Schema):
    mobile: str = mobile_field()
    purpose: Literal["login", "signup", "reset"]


class OtpOut(Schema):
    detail: str
    expires_in: int = Field(..., description="Seconds the code stays valid.")
    resend_in: int = Field(..., description="Seconds before another code may be asked for.")


class SignInOptions(Schema):
    session: bool = Field(True, description="Sign the browser session in (needs the X-CSRFToken header).")
    issue_token: bool = Field(False, description="Also create an API token and return it once.")
    token_name: str = Field("API", min_length=1, max_length=60)

    @model_validator(mode="after")
    def _something_to_issue(self):
        if not (self.session or self.issue_token):
            raise ValueError("ask for a session, a token, or both")
        return self


class SignupIn(SignInOptions):
    mobile: str = mobile_field()
    code: str = code_field()
    password: str = password_field()
    display_name: str = Field("", max_length=50)


class LoginIn(SignInOptions):
    mobile: str = mobile_field()
    password: str | None = Field(None, min_length=1, max_length=PASSWORD_MAX_LENGTH)
    code: str | None = Field(None, min_length=1, max_length=12)

    @model_validator(mode="after")
    def _password_or_code(self):
        if (self.password is None) == (self.code is None):
            raise ValueError("send either a password or a code")
        return self


class PasswordResetIn(Schema):
    mobile: str = mobile_field()
    code: str = code_field()
    new_password: str = password_field()


class MeOut(Schema):
    id: int
    mobile: str
    display_name: str
    roles: list[str]
    is_staff: bool
    date_joined: datetime


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=60, examples=["inventory sync"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(..., description="The first characters of the token, to tell tokens apart.")
    created_at: datetime
    last_used_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(..., description="The token itself. It is shown only this once.")


class SignedInOut(Schema):
    user: MeOut
    session: bool
    token: TokenCreatedOut | None = None
