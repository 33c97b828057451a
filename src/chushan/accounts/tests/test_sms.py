"""The pluggable SMS sender: the log by default, an outbox in tests, an interface for providers."""

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from chushan.accounts import sms
from chushan.accounts.sms import ACCOUNT_EXISTS, OTP_CODE, LogSender, OutboxSender, SmsMessage, SmsNotSent, SmsSender

CODE_TEXT = SmsMessage(mobile="13800138000", template=OTP_CODE,
                       params={"code": "246810", "minutes": "5", "purpose": "sign in"})


def test_the_default_sender_writes_the_code_to_the_log(caplog, settings):
    settings.CHUSHAN_SMS_SENDER = "chushan.accounts.sms.LogSender"
    with caplog.at_level(logging.INFO, logger="chushan.accounts.sms"), translation.override("en"):
        sms.sms_send(CODE_TEXT)
    assert "13800138000" in caplog.text and "246810" in caplog.text


def test_the_outbox_keeps_messages_for_tests(outbox):
    sms.sms_send(CODE_TEXT)
    assert outbox == [CODE_TEXT]


def test_messages_read_well_in_chinese():
    with translation.override("zh-hans"):
        assert "246810" in CODE_TEXT.render() and "验证码" in CODE_TEXT.render()
        assert "已" in SmsMessage(mobile="13800138000", template=ACCOUNT_EXISTS).render()


def test_a_provider_adapter_implements_send():
    with pytest.raises(NotImplementedError):
        SmsSender().send(CODE_TEXT)
    assert issubclass(LogSender, SmsSender) and issubclass(OutboxSender, SmsSender)


@pytest.mark.parametrize("path", ["chushan.accounts.sms.NoSuchSender", "no.such.module.Sender",
                                  "chushan.accounts.sms.SmsMessage"])
def test_a_wrong_sender_setting_says_which_setting(settings, path):
    settings.CHUSHAN_SMS_SENDER = path
    with pytest.raises(ImproperlyConfigured, match="CHUSHAN_SMS_SENDER"):
        sms.get_sender()


def test_a_provider_failure_becomes_a_503_that_says_to_try_again(monkeypatch):
    monkeypatch.setattr(OutboxSender, "send", lambda self, message: 1 / 0)
    with pytest.raises(SmsNotSent) as refused:
        sms.sms_send(CODE_TEXT)
    assert refused.value.status == 503


def test_a_provider_refusal_passes_through(monkeypatch):
    def refuse(self, message):
        raise SmsNotSent("daily limit for this number reached")

    monkeypatch.setattr(OutboxSender, "send", refuse)
    with pytest.raises(SmsNotSent, match="daily limit"):
        sms.sms_send(CODE_TEXT)
