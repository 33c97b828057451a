"""The platform's own words in after-sales: ticket subjects and notes it writes, the reason it gives when it takes
a ticket over, its decision on a return request. Stored as a code with parameters and translated when shown, so
the shopper, the seller and the operator each read them in their own language; what a person typed is kept as
typed."""

from django.utils.translation import gettext_lazy as _

from chushan.core import messages

THE_PLATFORM = "the_platform"
RETURN_NOT_DECIDED = "return_not_decided"
RETURN_NOT_DECIDED_NOTE = "return_not_decided_note"
GIVEN_TO = "given_to"
NOT_ANSWERED_BY_DEADLINE = "not_answered_by_deadline"
PLATFORM_LATE = "platform_late"
APPROVED_BY_PLATFORM = "approved_by_platform"
RETURNED_BY_SHOPPER = "returned_by_shopper"

# Other apps' records (the stock ledger's return lines) name these as "aftersales:code" (core.messages).
NAMESPACE = "aftersales"

MESSAGES = {
    THE_PLATFORM: _("the platform"),
    RETURN_NOT_DECIDED: _("Return request %(number)s was not decided in time"),
    RETURN_NOT_DECIDED_NOTE: _("The seller did not decide return request %(number)s by %(when)s; the platform "
                               "decides it now."),
    GIVEN_TO: _("Given to %(owner)s: %(reason)s"),
    NOT_ANSWERED_BY_DEADLINE: _("%(owner)s did not answer by the deadline."),
    PLATFORM_LATE: _("The platform has not answered in time; operators, please answer now."),
    APPROVED_BY_PLATFORM: _("Approved by the platform: the seller did not decide in time."),
    RETURNED_BY_SHOPPER: _("Returned by the shopper"),
}


def check(code: str, *, what: str = "after-sales note") -> str:
    """``code`` if it is one of these (or empty); an unknown code is a programming error, refused before writing."""
    return messages.check(MESSAGES, code, what=what)


def nested(code: str, **params) -> dict:
    """A parameter that is itself one of these messages (translated when shown, like the message around it)."""
    return {"code": check(code), "params": params}


def named(code: str) -> str:
    """``code`` as another app's record names it ("aftersales:code")."""
    return messages.named(NAMESPACE, code)


def render(code: str, params: dict | None, fallback: str = "") -> str:
    """The note for ``code`` in the active language, else ``fallback``: the stored text (typed by a person, or
    written before codes existed)."""
    return messages.render(MESSAGES, code, params, fallback)
