"""Pure rules: mobile numbers, one-time codes, tokens."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chushan.accounts import rules

NOW = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
DIGEST = rules.code_digest("secret", "13800138000", "123456")


@pytest.mark.parametrize("raw", ["13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000",
                                 "008613800138000", "(138)00138000"])
def test_common_ways_of_writing_a_mobile_number_are_understood(raw):
    assert rules.normalize_mobile(raw) == "13800138000"


@pytest.mark.parametrize("raw", ["", None, "12800138000", "1380013800", "138001380001", "+1 415 555 0100",
                                 "１３８００１３８０００", "13800138000\n13900139000", "abc", "1" * 10_000])
def test_anything_else_is_not_a_mainland_mobile_number(raw):
    assert rules.normalize_mobile(raw) == ""


@given(st.text(max_size=40))
def test_normalizing_never_fails_and_gives_a_number_or_nothing(raw):
    result = rules.normalize_mobile(raw)
    assert result == "" or rules.MOBILE_RE.fullmatch(result)


def test_codes_are_six_random_digits():
    codes = {rules.new_code() for _ in range(200)}
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    assert len(codes) > 190


def test_a_code_digest_depends_on_the_number_and_the_secret():
    assert rules.code_digest("secret", "13800138000", "123456") == DIGEST
    assert rules.code_digest("secret", "13900139000", "123456") != DIGEST
    assert rules.code_digest("other", "13800138000", "123456") != DIGEST
    assert "123456" not in DIGEST


@pytest.mark.parametrize(("code", "ok"), [("123456", True), ("12345", False), ("1234567", False),
                                          ("12345a", False), ("１２３４５６", False), ("", False)])
def test_a_well_formed_code_is_six_ascii_digits(code, ok):
    assert rules.code_is_well_formed(code) is ok


def _verdict(**kwargs):
    defaults = {"stored_digest": DIGEST, "given_digest": DIGEST, "expires_at": NOW + timedelta(minutes=5),
                "attempts": 0, "now": NOW}
    return rules.otp_verdict(**{**defaults, **kwargs})


def test_the_right_code_in_time_is_accepted():
    assert _verdict() == rules.OTP_OK


def test_without_a_live_code_nothing_is_accepted():
    assert _verdict(stored_digest=None, expires_at=None) == rules.OTP_MISSING


def test_an_expired_code_is_refused_even_when_right():
    assert _verdict(expires_at=NOW) == rules.OTP_EXPIRED


def test_a_code_tried_too_often_is_refused_even_when_right():
    assert _verdict(attempts=rules.OTP_MAX_ATTEMPTS) == rules.OTP_EXHAUSTED
    assert _verdict(attempts=rules.OTP_MAX_ATTEMPTS - 1) == rules.OTP_OK


def test_a_wrong_code_is_wrong():
    assert _verdict(given_digest=rules.code_digest("secret", "13800138000", "654321")) == rules.OTP_WRONG


def test_a_new_code_may_be_sent_a_minute_after_the_last():
    assert rules.resend_wait(last_sent_at=None, now=NOW) == 0
    assert rules.resend_wait(last_sent_at=NOW - timedelta(seconds=20), now=NOW) == 40
    assert rules.resend_wait(last_sent_at=NOW - timedelta(seconds=60), now=NOW) == 0


def test_tokens_are_long_random_and_recognisable():
    raw = rules.new_token()
    assert raw.startswith("chs_") and len(raw) >= 40
    assert rules.new_token() != raw
    assert rules.token_digest(raw) != raw and len(rules.token_digest(raw)) == 64


def test_masked_numbers_keep_the_first_three_and_last_four_digits():
    assert rules.mask_mobile("13800138000") == "138****8000"
