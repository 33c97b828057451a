"""PrehashMemo gives exactly the pre-hash strings of event_prehash, cold and warm, on every vector document."""

import json

import pytest

from chushan.trace.hashing import document_events, prehash_string
from chushan.trace.hashing.memo import PrehashMemo

from .testdata import OWN_DATA, shared_params

OWN = sorted((OWN_DATA / "epcis-hash").rglob("*.json*"))


def _check(document: dict, memo: PrehashMemo) -> None:
    context = document.get("@context")
    for event in document_events(document):
        assert memo.prehash(event, context) == prehash_string(event, context)


@pytest.mark.parametrize("path", shared_params("epcis-hash", "*.jsonld"))
def test_memo_matches_on_the_shared_vectors(path):
    memo = PrehashMemo()
    document = json.loads(path.read_text(encoding="utf-8"))
    _check(document, memo)
    _check(document, memo)  # warm: every fragment now comes from the memo


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.name)
def test_memo_matches_on_the_copied_vectors(path):
    memo = PrehashMemo()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        document_events(document)
    except ValueError:
        pytest.skip("not an EPCIS JSON document")
    _check(document, memo)
    _check(document, memo)


def test_values_equal_in_python_but_not_in_the_prehash_are_kept_apart():
    memo = PrehashMemo()
    base = {"type": "ObjectEvent", "eventTime": "2024-05-01T08:00:00Z", "eventTimeZoneOffset": "+00:00",
            "action": "OBSERVE", "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"]}
    context = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ex.com/"}]
    for value in (True, 1, 1.0, False, 0, "1", "true", [True], [1], {"ex:a": True}, {"ex:a": 1}):
        event = {**base, "ex:flag": value}
        assert memo.prehash(event, context) == prehash_string(event, context), value


def test_the_memo_is_bounded():
    memo = PrehashMemo(limit=10)
    for i in range(50):
        event = {"type": "ObjectEvent", "eventTime": "2024-05-01T08:00:00Z", "eventTimeZoneOffset": "+00:00",
                 "action": "OBSERVE", "epcList": [f"urn:epc:id:sgtin:0614141.107346.{i}"]}
        assert memo.prehash(event) == prehash_string(event)
    assert all(len(m) <= 11 for _ns, m in memo._by_context.values())


@pytest.mark.parametrize("value", [
    "2024-05-01T08:00:00.000+08:00", "2024-01-01T00:30:00.123+08:00", "2023-12-31T23:59:59.999-05:30",
    "2024-02-29T12:00:00.500Z", "2024-05-01T08:00:00+08:00", "2024-05-01T08:00:00.1234+08:00",
    "2024-05-01T08:00:00.999999Z", "2024-13-01T08:00:00.000Z", "not a time",
    "0999-05-01T08:00:00.000Z", "2024-05-01T24:00:00.000Z", "2024-02-30T08:00:00.000Z",
])
def test_event_times_are_canonical_in_the_fast_path_too(value):
    event = {"type": "ObjectEvent", "eventTime": value, "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
             "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"]}
    assert PrehashMemo().prehash(event) == prehash_string(event)


@pytest.mark.parametrize("quantities", [
    [{"epcClass": "urn:epc:class:lgtin:4012345.012345.998877", "quantity": 200, "uom": "KGM"}],
    [{"epcClass": "https://id.gs1.org/01/09521234000013/10/A", "quantity": 1.50},
     {"epcClass": "https://id.gs1.org/01/09521234000013/10/B"}],
    [{"epcClass": " https://id.gs1.org/01/09521234000013/10/A ", "quantity": True, "uom": "EA"}],
    [{"epcClass": "https://id.gs1.org/01/09521234000013/10/A", "ex:note": "extension"}],
    [{"quantity": 5}], [], "not a list", [None],
])
def test_quantity_lists_are_the_same_through_the_memo(quantities):
    memo = PrehashMemo()
    context = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ex.com/"}]
    for field in ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"):
        event = {"type": "AggregationEvent", "eventTime": "2024-05-01T08:00:00Z", "eventTimeZoneOffset": "+00:00",
                 "action": "ADD", field: quantities}
        for _ in range(2):
            assert memo.prehash(event, context) == prehash_string(event, context)
