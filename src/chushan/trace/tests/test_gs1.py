"""GS1 keys, AI values and Digital Link URIs, against GS1 syntax-engine conformance cases."""

import json

import pytest
from biip.gs1_messages import GS1Message

from chushan.trace.gs1 import (
    InvalidIdentifier,
    ai_value_problem,
    check_digit,
    check_digit_problem,
    digital_link,
    gln_digital_link,
    gln_make,
    gtin_make,
    has_valid_check_digit,
    parse_digital_link,
    parse_digital_link_path,
    validate_gln,
    validate_gtin,
    validate_lot,
    validate_serial,
    validate_sscc,
)

from .testdata import find_shared_testdata, shared_testdata

# The syntax engine's linter error codes and the words our messages use for them.
CHECK_DIGIT_ERRORS = {
    "GS1_LINTER_TOO_SHORT_FOR_CHECK_DIGIT": "too short",
    "GS1_LINTER_INCORRECT_CHECK_DIGIT": "incorrect check digit",
    "GS1_LINTER_NON_DIGIT_CHARACTER": "digits only",
}


def _cases(name: str) -> list[dict]:
    return json.loads(shared_testdata("digital-link", name).read_text(encoding="utf-8"))


def test_check_digit_conformance_cases():
    cases = _cases("check-digit.json")
    assert len(cases) == 14
    for case in cases:
        problem = check_digit_problem(case["input"])
        assert has_valid_check_digit(case["input"]) is case["valid"], case
        if case["valid"]:
            assert problem is None
        else:
            assert CHECK_DIGIT_ERRORS[case["error"]] in problem, (case, problem)


@pytest.mark.parametrize(("body", "digit"), [("950110153100", 0), ("9501234", 6), ("0952012345678", 8),
                                             ("00614141123456789", 0), ("952012345678", 8)])
def test_check_digit(body, digit):
    assert check_digit(body) == digit


def test_check_digit_rejects_non_digits():
    with pytest.raises(InvalidIdentifier, match="digits"):
        check_digit("95A")


def test_keys_validate_and_report_why():
    assert validate_gtin("9520123456788") == "09520123456788"
    assert validate_gtin("09520123456788") == "09520123456788"
    assert validate_gln("9520123456788") == "9520123456788"
    assert validate_sscc("006141411234567890") == "006141411234567890"
    with pytest.raises(InvalidIdentifier, match="expected 8, got 9"):
        validate_gtin("09520123456789")
    with pytest.raises(InvalidIdentifier, match="GLN has 13 digits"):
        validate_gln("952012345678")
    with pytest.raises(InvalidIdentifier, match="SSCC"):
        validate_sscc("006141411234567891")


def test_gtin_and_gln_are_made_with_their_check_digit():
    assert gtin_make("952012", "345678") == "09520123456788"
    assert gtin_make("6901234", "56789") == "0" + "690123456789" + str(check_digit("0690123456789"))
    assert gtin_make("952012", "345678", indicator="1") == "1952012345678" + str(check_digit("1952012345678"))
    assert gln_make("952012", "345678") == "9520123456788"
    with pytest.raises(InvalidIdentifier, match="total 12 digits"):
        gtin_make("952012", "3456789")
    with pytest.raises(InvalidIdentifier, match="digits 0-9"):
        gln_make("95201x", "345678")


@pytest.mark.parametrize("value", ["ABC123", "LOT-2024/07", "a" * 20, "!\"%&'()*+,-./:;<=>?_"])
def test_lot_and_serial_accept_character_set_82(value):
    assert validate_lot(value) == value
    assert validate_serial(value) == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [("茶叶2024", "'茶' (U+8336)"), ("辣椒酱", "character set 82"), ("LOT 1", "' ' (U+0020)"),
     ("", "must not be empty"), ("A" * 21, "X..20"), ("LOT#1", "'#'")],
)
def test_lot_and_serial_reject_with_a_reason(value, reason):
    for validate in (validate_lot, validate_serial):
        with pytest.raises(InvalidIdentifier, match=None) as raised:
            validate(value)
        assert reason in str(raised.value)


def test_unknown_ai_is_reported():
    assert ai_value_problem("89", "X") == "unknown GS1 application identifier (89)"


def test_canonical_digital_links():
    assert digital_link("9520123456788") == "https://id.gs1.org/01/09520123456788"
    assert digital_link("09520123456788", lot="ABC123") == "https://id.gs1.org/01/09520123456788/10/ABC123"
    assert digital_link("09520123456788", serial="XYZ") == "https://id.gs1.org/01/09520123456788/21/XYZ"
    assert digital_link("09520123456788", "L/1", "S 1".replace(" ", "-"), base="https://trace.example.cn/") == (
        "https://trace.example.cn/01/09520123456788/10/L%2F1/21/S-1"
    )
    assert gln_digital_link("9520123456788") == "https://id.gs1.org/414/9520123456788"
    assert gln_digital_link("9520123456788", ext="32a/b") == "https://id.gs1.org/414/9520123456788/254/32a%2Fb"
    with pytest.raises(InvalidIdentifier, match="character set 82"):
        digital_link("09520123456788", lot="批次1")


@pytest.mark.parametrize("lot", [None, "ABC123", "L/1%"])
@pytest.mark.parametrize("serial", [None, "X1", "a'b"])
def test_digital_link_round_trip(lot, serial):
    uri = digital_link("09520123456788", lot, serial)
    assert parse_digital_link(uri) == ("09520123456788", lot, serial)
    assert parse_digital_link_path(uri.removeprefix("https://id.gs1.org")) == ("09520123456788", lot, serial)


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/01/09520123456788/10/ABC123", ("09520123456788", "ABC123", None)),
     ("/01/09520123456788/21/XYZ", ("09520123456788", None, "XYZ")),
     ("/shop/01/09520123456788/22/2A/10/L1/21/S1", ("09520123456788", "L1", "S1"))],
)
def test_parse_digital_link_path(path, expected):
    assert parse_digital_link_path(path) == expected


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/01/09520123456789", "check digit"), ("/01/9520123456788", "14 digits"),
     ("/01/09520123456788/21/S/10/L", "order"), ("/01/09520123456788/17/261231", "cannot qualify"),
     ("/00/006141411234567890", "no '/01/"),
     ("/01/09520123456788/10/%E8%8C%B6", "U+8336"), ("01/09520123456788", "starts with '/'")],
)
def test_parse_digital_link_path_rejects(path, reason):
    with pytest.raises(InvalidIdentifier, match=None) as raised:
        parse_digital_link_path(path)
    assert reason in str(raised.value)


def _element_strings(expected: str) -> dict[str, str]:
    message = GS1Message.parse(expected.removeprefix("^").replace("^", "\x1d"))
    return {es.ai.ai: es.value for es in message.element_strings}


def _dl_case_params() -> list:
    params = []
    cases = _cases_or_empty()
    if not cases:
        absent = pytest.mark.skip(reason="shared/testdata/digital-link not found beside the checkout")
        return [pytest.param(None, marks=absent, id="absent")]
    for case in cases:
        reason = None
        if case["options"]:
            reason = f"parser mode {sorted(case['options'])} (non-strict) is not supported"
        elif case["valid"] and not case["expected_element_string"].startswith("^01"):
            reason = "primary key other than GTIN (AI 01): outside parse_digital_link's (gtin, lot, serial)"
        elif case["valid"] and "/235/" in case["uri"]:
            reason = "AI 235 (third-party serial) qualifier is not supported"
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        params.append(pytest.param(case, marks=marks, id=f"line{case['line']}"))
    return params


def _cases_or_empty() -> list[dict]:
    path = find_shared_testdata("digital-link", "parse-dl-uri.json")
    return json.loads(path.read_text(encoding="utf-8")) if path else []


@pytest.mark.parametrize("case", _dl_case_params())
def test_digital_link_conformance_cases(case):
    if not case["valid"]:
        with pytest.raises(InvalidIdentifier):
            parse_digital_link(case["uri"])
        return
    gtin, lot, serial = parse_digital_link(case["uri"])
    element_strings = _element_strings(case["expected_element_string"])
    assert (gtin, lot, serial) == (element_strings["01"], element_strings.get("10"), element_strings.get("21"))


def test_conformance_file_has_the_cases_we_rely_on():
    cases = _cases("parse-dl-uri.json")
    strict = [c for c in cases if not c["options"]]
    assert sum(1 for c in strict if c["valid"] and c["expected_element_string"].startswith("^01")) >= 15
    assert sum(1 for c in strict if not c["valid"]) >= 15
