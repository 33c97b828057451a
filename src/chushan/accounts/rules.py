"""Pure rules for people: mobile numbers and one-time codes."""

import hashlib
import hmac
import re
import secrets

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


def mask_mobile(mobile: str) -> str:
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) == 11 else mobile
