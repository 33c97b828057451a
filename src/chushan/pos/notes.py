"""The platform's own words on a counter sale (why a QR payment did not become a sale), stored as a code and
translated when shown, so the clerk reads them in their own language whoever's language was active when written."""

from django.utils.translation import gettext_lazy as _

from chushan.core import messages

QR_NOT_COMPLETED = "qr_not_completed"
PAID_AFTER_SOLD_ELSEWHERE = "paid_after_sold_elsewhere"

# Other apps' records (the stock ledger's release lines) name these as "pos:code" (core.messages).
NAMESPACE = "pos"

MESSAGES = {
    QR_NOT_COMPLETED: _("The QR payment was not completed."),
    PAID_AFTER_SOLD_ELSEWHERE: _("Paid after the goods were sold elsewhere; the payment was refunded."),
}


def check(code: str) -> str:
    """``code`` if it is one of these (or empty); an unknown code is a programming error, refused before writing."""
    return messages.check(MESSAGES, code, what="counter sale note")


def named(code: str) -> str:
    """``code`` as another app's record names it ("pos:code")."""
    return messages.named(NAMESPACE, code)


def render(code: str, params: dict | None, fallback: str = "") -> str:
    """The note for ``code`` in the active language, else ``fallback``: the text stored before codes existed."""
    return messages.render(MESSAGES, code, params, fallback)
