"""Text messages to mobile numbers, through the sender named by ``settings.CHUSHAN_SMS_SENDER``.

Mainland SMS providers (Aliyun 短信服务, Tencent Cloud SMS) only deliver pre-approved templates filled
with parameters, so a message is a template name plus parameters, never free text. A provider adapter
subclasses ``SmsSender``, maps our template names to its approved template ids and signature, and raises
``SmsNotSent`` when the provider refuses or cannot be reached.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from chushan.accounts.rules import mask_mobile
from chushan.core.errors import ApplicationError

log = logging.getLogger(__name__)

# Template names and the parameters each one takes.
OTP_CODE = "otp_code"  # code, minutes, purpose
ACCOUNT_EXISTS = "account_exists"  # (none): someone asked to sign up with a number that has an account


class SmsNotSent(ApplicationError):
    status = 503
    code = "sms_not_sent"


@dataclass(frozen=True)
class SmsMessage:
    mobile: str
    template: str
    params: dict[str, str] = field(default_factory=dict)

    def render(self) -> str:
        """The text as our own templates read it (providers render their approved copy)."""
        if self.template == OTP_CODE:
            return _("Your Chushan %(purpose)s code is %(code)s; it expires in %(minutes)s minutes. "
                     "Do not share it with anyone.") % self.params
        if self.template == ACCOUNT_EXISTS:
            return _("Someone asked to sign up on Chushan with this number, which already has an account. "
                     "Sign in, or reset your password if you forgot it.")
        return f"{self.template}: {self.params}"


class SmsSender:
    """The interface: deliver one message or raise SmsNotSent. Adapters must not retry for long."""

    def send(self, message: SmsMessage) -> None:
        raise NotImplementedError


class LogSender(SmsSender):
    """The default: writes the message, code included, to the log. For development and the demo only."""

    def send(self, message: SmsMessage) -> None:
        log.warning("SMS to %s (not sent, CHUSHAN_SMS_SENDER is LogSender): %s", message.mobile, message.render())


class OutboxSender(SmsSender):
    """Keeps messages in memory, like Django's mail outbox; tests read ``OutboxSender.outbox``."""

    outbox: list[SmsMessage] = []

    def send(self, message: SmsMessage) -> None:
        OutboxSender.outbox.append(message)


def get_sender() -> SmsSender:
    path = settings.CHUSHAN_SMS_SENDER
    try:
        sender_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"settings.CHUSHAN_SMS_SENDER = {path!r} cannot be imported: {exc}") from exc
    if not (isinstance(sender_class, type) and issubclass(sender_class, SmsSender)):
        raise ImproperlyConfigured(f"settings.CHUSHAN_SMS_SENDER = {path!r} is not an SmsSender subclass.")
    return sender_class()


def sms_send(message: SmsMessage) -> None:
    """Deliver through the configured sender; a failure becomes a 503 that says to try again."""
    try:
        get_sender().send(message)
    except SmsNotSent:
        raise
    except Exception as exc:
        log.exception("SMS to %s failed", mask_mobile(message.mobile))
        raise SmsNotSent(_("We could not send the text message. Please try again in a minute.")) from exc
