"""Pure rules for people: mobile numbers, one-time codes and API tokens."""

import hashlib
import hmac
import math
import re
import secrets
import unicodedata

MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")


def normalize_mobile(raw: str) -> str:
    """'+86 138-0013-8000' -> '13800138000'; returns '' when it is not a mainland mobile number."""
    digits = re.sub(r"[\s\-()]", "", raw or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits if MOBILE_RE.match(digits) else ""


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(length))


def code_digest(secret: str, mobile: str, code: str) -> str:
    """Codes are stored keyed by number, so a leaked table does not give usable codes."""
    return hmac.new(secret.encode(), f"{mobile}:{code}".encode(), hashlib.sha256).hexdigest()


def is_single_line_text(text: str) -> bool:
    """No control characters: no NUL (PostgreSQL refuses it), no line breaks or escapes in a name."""
    return not any(unicodedata.category(char) == "Cc" for char in text)


def mask_mobile(mobile: str) -> str:
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) == 11 else mobile


# One-time codes ----------------------------------------------------------------------------------------
OTP_LENGTH = 6
OTP_MAX_ATTEMPTS = 5  # wrong guesses a code survives; with 3 codes per 10 minutes that is 15 guesses in 10**6
OTP_RESEND_SECONDS = 60  # SMS providers refuse faster resends to one number anyway
PASSWORD_MAX_LENGTH = 128  # hashing a megabyte "password" is a cheap way to burn our CPU

OTP_OK = "ok"
OTP_MISSING = "missing"
OTP_EXPIRED = "expired"
OTP_EXHAUSTED = "exhausted"
OTP_WRONG = "wrong"


def code_is_well_formed(code: str) -> bool:
    return len(code) == OTP_LENGTH and code.isascii() and code.isdigit()


def otp_verdict(*, stored_digest: str | None, given_digest: str, expires_at, attempts: int, now) -> str:
    """What a code guess amounts to: OTP_OK, or why it is refused. ``stored_digest`` None means no live code."""
    if stored_digest is None:
        return OTP_MISSING
    if now >= expires_at:
        return OTP_EXPIRED
    if attempts >= OTP_MAX_ATTEMPTS:
        return OTP_EXHAUSTED
    return OTP_OK if hmac.compare_digest(stored_digest, given_digest) else OTP_WRONG


def resend_wait(*, last_sent_at, now) -> int:
    """Seconds until another code may be sent to the same number (0: now)."""
    if last_sent_at is None:
        return 0
    return max(0, math.ceil(OTP_RESEND_SECONDS - (now - last_sent_at).total_seconds()))


# API tokens --------------------------------------------------------------------------------------------
TOKEN_PREFIX = "chs_"  # recognisable by secret scanners
TOKEN_SHOWN_PREFIX = 8
TOKENS_PER_USER = 20


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(raw: str) -> str:
    """Tokens carry 256 random bits, so a plain SHA-256 is enough to keep the table useless if leaked."""
    return hashlib.sha256(raw.encode()).hexdigest()
