"""Pure rules: what an identifier denotes, CBV words, committed IDs; the events the console builds are valid."""

import datetime
from decimal import Decimal

import pytest

from chushan.trace import builders, rules
from chushan.trace.gs1 import InvalidIdentifier
from chushan.trace.hashing import event_hash_id
from chushan.trace.validation import validate_event

GTIN = "09521234000013"
GLN = "9521234000013"


@pytest.mark.parametrize("uri, expected", [
    (f"https://id.gs1.org/01/{GTIN}/10/LS-1", ("01", GTIN, "LS-1", None)),
    (f"https://trace.example.cn/01/{GTIN}/10/LS-1/21/S9?17=261231", ("01", GTIN, "LS-1", "S9")),
    ("urn:epc:id:sgtin:9521234.000001.S9", ("01", GTIN, None, "S9")),
    ("urn:epc:class:lgtin:9521234.000001.LS-1", ("01", GTIN, "LS-1", None)),
    (f"https://id.gs1.org/414/{GLN}", ("414", GLN, None, None)),
    ("https://id.gs1.org/00/095212340000000013", ("00", "095212340000000013", None, None)),
    ("urn:uuid:6d1e8a1c-4c2f-4a61", ("", "urn:uuid:6d1e8a1c-4c2f-4a61", None, None)),
    ("https://example.com/2024/01/15/report", ("", "https://example.com/2024/01/15/report", None, None)),
])
def test_identify_names_the_key_and_its_qualifiers(uri, expected):
    key = rules.identify(uri)
    assert (key.ai, key.value, key.lot, key.serial) == expected


def test_a_gtin_identifier_is_matched_in_its_finest_canonical_form():
    assert rules.identify(f"https://trace.example.cn/01/{GTIN}/10/A/21/B").canonical == \
        f"https://id.gs1.org/01/{GTIN}/21/B"
    assert rules.canonical_id("urn:epc:id:sgln:9521234.00001.0") == f"https://id.gs1.org/414/{GLN}"


@pytest.mark.parametrize("uri, message", [
    ("https://id.gs1.org/01/09521234000014/10/A", "check digit"),
    (f"https://id.gs1.org/01/{GTIN}/10/雷山", "character set 82"),
    (f"https://id.gs1.org/01/{GTIN}/21/S/10/L", "out of order"),
    ("https://id.gs1.org/414/9521234000014", "check digit"),
    ("urn:epc:id:sgtin:9521234.1.S9", "not a valid EPC URI"),
])
def test_malformed_keys_say_what_is_wrong(uri, message):
    with pytest.raises(InvalidIdentifier, match=message):
        rules.identify(uri)


def test_cbv_values_are_compared_in_their_uri_form():
    assert rules.biz_step_uri("shipping") == "https://ref.gs1.org/cbv/BizStep-shipping"
    assert rules.biz_step_uri("urn:epcglobal:cbv:bizstep:shipping") == "https://ref.gs1.org/cbv/BizStep-shipping"
    assert rules.disposition_uri("cbv:Disp-in_transit") == "https://ref.gs1.org/cbv/Disp-in_transit"
    assert rules.cbv_word("https://ref.gs1.org/cbv/BizStep-receiving") == "receiving"


def test_the_chain_commits_to_what_the_hash_leaves_out():
    event_id = "ni:///sha-256;" + "a" * 64 + "?ver=CBV2.0"
    assert rules.committed_event_id(event_id, {"type": "ObjectEvent"}) == event_id
    declared = rules.committed_event_id(event_id, {"errorDeclaration": {"reason": "incorrect_data"}})
    other = rules.committed_event_id(event_id, {"errorDeclaration": {"reason": "did_not_occur"}})
    assert declared.startswith(event_id + "#") and declared != other


def test_record_times_are_hashed_to_the_millisecond_in_utc():
    moment = datetime.datetime(2024, 5, 1, 8, 0, 0, 123456, tzinfo=builders.SHANGHAI)
    assert rules.iso_ms(moment) == "2024-05-01T00:00:00.123Z"
    assert rules.truncate_ms(moment).microsecond == 123000


def test_trace_codes_are_unambiguous():
    code = rules.trace_code_new()
    assert len(code) == 16 and code.startswith("CS") and not set(code[2:]) & set("ILOU")


LOT = builders.LotFacts(gtin=GTIN, code="LS-1", trace_code="CS0123456789ABCD", credit_code="93522634MA6DKTEA1X")
WHEN = datetime.datetime(2024, 5, 1, 8, 0, tzinfo=builders.SHANGHAI)
FORMS = {
    "harvest": {"harvest_date": datetime.date(2024, 4, 30), "field_name": "3号地", "grade": "特级"},
    "inspection": {"result": "pass", "certificate_url": "https://example.org/r.pdf", "inspector": "检测中心"},
    "packing": {"parent": "urn:chushan:case:1"},
    "shipping": {"destination_gln": GLN, "destination_name": "门店"},
    "receiving": {"source_gln": GLN},
    "temperature": {"readings": [builders.SensorReading(value=4.0, min_value=2.5, max_value=6.0, mean_value=4.0,
                                                        time=WHEN)], "device": "urn:chushan:logger:1"},
    "transformation": {"inputs": [(LOT, Decimal("40"), "KGM")]},
}


@pytest.mark.parametrize("kind", builders.CONSOLE_KINDS)
def test_every_console_event_is_a_valid_epcis_event(kind):
    data = {"when": WHEN, "site_gln": GLN, "quantity": Decimal("12.5"), "uom": "KGM", **FORMS[kind]}
    event = builders.console_event(kind, LOT, data)
    assert validate_event(event) == []
    assert event["eventTime"] == "2024-05-01T08:00:00.000+08:00" and event["eventTimeZoneOffset"] == "+08:00"
    assert event_hash_id(event).startswith("ni:///sha-256;")
    if kind != "transformation":
        assert event["chushan:traceCode"] == LOT.trace_code
