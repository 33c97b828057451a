"""Helpers for accounts tests."""

from datetime import timedelta

from django.db.models import F

from chushan.accounts.models import OneTimeCode
from chushan.accounts.sms import OTP_CODE

ADDRESS = "203.0.113.9"


def last_code(outbox, mobile: str) -> str:
    """The code in the latest text to ``mobile``."""
    sent = [m for m in outbox if m.mobile == mobile and m.template == OTP_CODE]
    assert sent, f"no code was texted to {mobile}"
    return sent[-1].params["code"]


def age_codes(seconds: int, **filters) -> None:
    """Move codes back in time, as if they had been sent ``seconds`` earlier."""
    OneTimeCode.objects.filter(**filters).update(created_at=F("created_at") - timedelta(seconds=seconds),
                                                 expires_at=F("expires_at") - timedelta(seconds=seconds))


def wrong(code: str) -> str:
    """A well-formed code that is not ``code``."""
    return f"{(int(code) + 1) % 1_000_000:06d}"
