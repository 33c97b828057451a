"""CBV 2.0 Event Hash ID: published vectors, normalisation rules and invariance properties."""

import copy
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chushan.trace.hashing import (
    InvalidEpcisDocument,
    document_event_hash_ids,
    event_hash_id,
    prehash_string,
)
from chushan.trace.hashing.digital_link import normalise_identifier
from chushan.trace.hashing.values import canonical_timestamp, canonical_value

from .testdata import OWN_DATA, find_shared_testdata, shared_params

OWN_VECTORS = OWN_DATA / "epcis-hash"
CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"example": "https://ns.example.com/epcis/"}]
REFERENCE_EVENT_HASH = "ni:///sha-256;6ae96341e0acc6d7a261364751f60e68278a81cdf51da0abb6b4e617014e39d7?ver=CBV2.0"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _expected(path: Path) -> list[str]:
    return path.with_suffix(".hashes").read_text(encoding="ascii").split()


def _own_vectors() -> list:
    return [pytest.param(p, id=p.name) for p in sorted(OWN_VECTORS.glob("*.jsonld"))]


@pytest.mark.parametrize("path", shared_params("epcis-hash", "*.jsonld"))
def test_shared_vectors_give_the_published_hashes(path):
    assert document_event_hash_ids(_load(path)) == _expected(path)


@pytest.mark.parametrize("path", _own_vectors())
def test_copied_upstream_vectors_give_their_hashes(path):
    expected = _expected(path)
    assert len(expected) >= 1
    assert document_event_hash_ids(_load(path)) == expected


def test_own_vector_set_is_complete():
    docs = {p.stem for p in OWN_VECTORS.glob("*.jsonld")}
    assert len(docs) >= 8 and docs == {p.stem for p in OWN_VECTORS.glob("*.hashes")}
    assert (OWN_VECTORS / "LICENSE").exists() and (OWN_VECTORS / "PROVENANCE.md").exists()


@pytest.mark.parametrize("path", sorted((OWN_VECTORS / "expected_equal").glob("*.json*")), ids=lambda p: p.name)
def test_expected_equal_documents_hash_alike(path):
    hashes = document_event_hash_ids(_load(path))
    assert len(hashes) >= 2 and set(hashes) == {REFERENCE_EVENT_HASH}


def test_worked_example_prehash_string():
    doc = _load(OWN_VECTORS / "expected_equal" / "ReferenceEventHashAlgorithm.json")
    ns = "{https://ns.example.com/epcis/}"
    assert prehash_string(doc["epcisBody"]["eventList"][0], doc["@context"]) == (
        "eventType=ObjectEventeventTime=2020-03-04T10:00:30.000ZeventTimeZoneOffset=+01:00"
        "epcListepc=https://id.gs1.org/00/040123450000001112epc=https://id.gs1.org/00/040123450000002225"
        "epc=https://id.gs1.org/00/040123450000003338action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-departing"
        "readPointid=https://id.gs1.org/414/4012345000115/254/987"
        f"{ns}myField1{ns}mySubField1=2{ns}mySubField2=5{ns}myField2=0{ns}myField3{ns}mySubField3=1{ns}mySubField3=3"
    )


def _event(**fields) -> dict:
    base = {
        "type": "ObjectEvent",
        "eventTime": "2024-05-01T08:00:00.000+08:00",
        "eventTimeZoneOffset": "+08:00",
        "epcList": ["https://id.gs1.org/01/09520123456788/21/S1"],
        "action": "OBSERVE",
        "bizStep": "shipping",
        "readPoint": {"id": "https://id.gs1.org/414/9520123456788"},
    }
    base.update(fields)
    return base


def test_event_hash_id_format():
    ni = event_hash_id(_event())
    assert ni.startswith("ni:///sha-256;") and ni.endswith("?ver=CBV2.0") and len(ni) == 14 + 64 + 11


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("2023-02-02T11:04:03.1415Z", "2023-02-02T11:04:03.142Z"),
        ("2023-02-02T11:04:03.1414Z", "2023-02-02T11:04:03.141Z"),
        ("2023-02-02T11:04:03.1425Z", "2023-02-02T11:04:03.143Z"),  # half-up, not half-even
        ("2023-12-31T23:59:59.9995Z", "2024-01-01T00:00:00.000Z"),  # carries into the next year
        ("2022-02-16T20:33:31.116000-06:00", "2022-02-17T02:33:31.116Z"),
        ("2020-04-01T15:00:00+01:00", "2020-04-01T14:00:00.000Z"),
        ("2020-04-01T15:00:00.5+05:30", "2020-04-01T09:30:00.500Z"),
        ("2020-04-01T15:00:00", "2020-04-01T15:00:00.000Z"),  # no offset: read as UTC, never local time
        ("not a time", "not a time"),
    ],
)
def test_timestamps_are_utc_with_milliseconds(raw, canonical):
    assert canonical_timestamp(raw) == canonical


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [("1.0", "1"), ("0.50", "0.5"), ("452.0", "452"), ("26", "26"), ("+7", "7"), ("1e3", "1000"), ("nan", "nan"),
     ("inf", "inf"), ("AB-12", "AB-12"), ("urn:epcglobal:cbv:bizstep:receiving", "https://ref.gs1.org/cbv/BizStep-receiving"),
     ("urn:epcglobal:cbv:disp:in_transit", "https://ref.gs1.org/cbv/Disp-in_transit"),
     ("urn:epcglobal:cbv:btt:po", "https://ref.gs1.org/cbv/BTT-po"),
     ("urn:epcglobal:cbv:sdt:owning_party", "https://ref.gs1.org/cbv/SDT-owning_party"),
     ("urn:epcglobal:cbv:bt:4012345000009:ASN1099", "urn:epcglobal:cbv:bt:4012345000009:ASN1099")],
)
def test_values_are_canonical(raw, canonical):
    assert canonical_value(raw) == canonical


@pytest.mark.parametrize(
    ("uri", "dl"),
    [
        ("urn:epc:id:sgtin:4012345.011111.9876", "https://id.gs1.org/01/04012345111118/21/9876"),
        ("urn:epc:id:sscc:4012345.0000000333", "https://id.gs1.org/00/040123450000003338"),
        ("urn:epc:id:sgln:4012345.00011.987", "https://id.gs1.org/414/4012345000115/254/987"),
        ("urn:epc:id:sgln:4012345.00011.0", "https://id.gs1.org/414/4012345000115"),
        ("urn:epc:id:pgln:4012345.00000", "https://id.gs1.org/417/4012345000009"),
        ("urn:epc:id:grai:4012345.66666.87", "https://id.gs1.org/8003/0401234566666387"),
        ("urn:epc:id:giai:4000001.111", "https://id.gs1.org/8004/4000001111"),
        ("urn:epc:id:gdti:4012345.55555.1234", "https://id.gs1.org/253/40123455555541234"),
        ("urn:epc:id:itip:4012345.012345.01.02.999", "https://id.gs1.org/8006/040123451234560102/21/999"),
        ("urn:epc:id:upui:4012345.012345.AB12", "https://id.gs1.org/01/04012345123456/235/AB12"),
        ("urn:epc:id:cpi:4012345.ABC.123", "https://id.gs1.org/8010/4012345ABC/8011/123"),
        ("urn:epc:class:lgtin:4054739.099914.20160711", "https://id.gs1.org/01/04054739999148/10/20160711"),
        ("urn:epc:idpat:sgtin:4012345.066666.*", "https://id.gs1.org/01/04012345666663"),
        ("urn:epc:id:sgtin:4012345.011111.A!B", "https://id.gs1.org/01/04012345111118/21/A%21B"),
        ("https://id.gs1.de/01/04012345999990/21/XYZ-1234", "https://id.gs1.org/01/04012345999990/21/XYZ-1234"),
        ("https://example.com/gtin/09780345418913/21/765tz?abc=211121", "https://id.gs1.org/01/09780345418913/21/765tz"),
        ("https://example.com/shop/01/9520123456788/10/L1/21/S1?17=261231", "https://id.gs1.org/01/09520123456788/21/S1"),
        ("https://example.com/01/09520123456788/22/V2/10/L1", "https://id.gs1.org/01/09520123456788/10/L1"),
        ("http://id.gs1.org/00/040123451111111110", "https://id.gs1.org/00/040123451111111110"),
        ("https://example.com/8004/401234599999", "https://id.gs1.org/8004/401234599999"),
    ],
)
def test_identifiers_become_constrained_digital_links(uri, dl):
    assert normalise_identifier(uri) == dl


_QUALIFIED = "AZaz09-._'\";<=>?"  # some of the constrained characters, and '?', which starts a query string


@settings(max_examples=300)
@given(st.text(alphabet="0123456789", min_size=14, max_size=14) | st.text(alphabet="0123456789\u0663", max_size=15),
       st.sampled_from(["", "/10/", "/21/", "/22/"]),
       st.text(alphabet=_QUALIFIED, max_size=22) | st.text(alphabet=_QUALIFIED + "/#%:! \u00e9", max_size=22))
def test_digital_links_already_constrained_come_out_as_the_slow_way_gives_them(gtin, ai, qualifier):
    uri = f"https://id.gs1.org/01/{gtin}{ai}{qualifier if ai else ''}"
    assert canonical_value(uri) == (normalise_identifier(uri) or uri)


@pytest.mark.parametrize(
    "value", ["geo:47.506694,11.104301", "https://www.example.org/doc", "urn:epc:id:sgtin:4012345.0111.1", "plain"]
)
def test_other_values_are_not_identifiers(value):
    assert normalise_identifier(value) is None


@pytest.mark.parametrize(
    ("field", "bare", "uri"),
    [
        ("bizStep", "receiving", "https://ref.gs1.org/cbv/BizStep-receiving"),
        ("bizStep", "urn:epcglobal:cbv:bizstep:receiving", "https://ref.gs1.org/cbv/BizStep-receiving"),
        ("bizStep", "cbv:BizStep-receiving", "https://ref.gs1.org/cbv/BizStep-receiving"),
        ("disposition", "in_transit", "https://ref.gs1.org/cbv/Disp-in_transit"),
        ("disposition", "cbv:Disp-in_transit", "https://ref.gs1.org/cbv/Disp-in_transit"),
    ],
)
def test_bare_words_urns_and_curies_hash_alike(field, bare, uri):
    assert event_hash_id(_event(**{field: bare})) == event_hash_id(_event(**{field: uri}))


def test_unknown_bare_vocabulary_is_kept_verbatim():
    assert "bizStep=harvesting" in prehash_string(_event(bizStep="harvesting"))


def test_sensor_type_curie_expands_without_a_declared_prefix():
    report = {"type": "gs1:Temperature", "value": 4.0, "uom": "CEL"}
    prehash = prehash_string(_event(sensorElementList=[{"sensorReport": [report]}]))
    assert "sensorReporttype=https://gs1.org/voc/Temperaturevalue=4uom=CEL" in prehash
    bare = _event(sensorElementList=[{"sensorReport": [{**report, "type": "Temperature"}]}])
    assert event_hash_id(bare) == event_hash_id(_event(sensorElementList=[{"sensorReport": [report]}]))


def test_bare_words_expand_only_in_vocabulary_fields():
    prehash = prehash_string(_event(ilmd={"example:note": "shipping"}), CONTEXT)
    assert "ilmd{https://ns.example.com/epcis/}note=shipping" in prehash


def test_declared_prefixes_expand_keys_and_undeclared_ones_do_not():
    event = _event(**{"example:colour": "red", "other:size": "L"})
    prehash = prehash_string(event, CONTEXT)
    assert prehash.endswith("other:size=L{https://ns.example.com/epcis/}colour=red")


def test_prefix_declared_in_the_events_own_context():
    event = _event(**{"@context": {"example": "https://ns.example.com/epcis/"}, "example:colour": "red"})
    assert "{https://ns.example.com/epcis/}colour=red" in prehash_string(event)
    assert event_hash_id(event) == event_hash_id({k: v for k, v in event.items() if k != "@context"}, CONTEXT)


def test_ilmd_and_extensions_sorted_with_transactions_after_standard_fields():
    event = _event(
        sourceList=[{"type": "owning_party", "source": "urn:epc:id:pgln:9520123.00000"}],
        ilmd={"example:b": "2", "example:a": {"example:z": "1", "example:y": ["3", "2"]}},
        **{"example:ext": "x"},
    )
    ns = "{https://ns.example.com/epcis/}"
    assert prehash_string(event, CONTEXT).endswith(
        f"ilmd{ns}a{ns}y=2{ns}y=3{ns}z=1{ns}b=2"
        "sourceListtype=https://ref.gs1.org/cbv/SDT-owning_partysource=https://id.gs1.org/417/9520123000004"
        f"{ns}ext=x"
    )


def test_extension_inside_read_point_follows_its_id():
    event = _event(readPoint={"example:dock": "7", "id": "urn:epc:id:sgln:9520123.45678.0"})
    assert "readPointid=https://id.gs1.org/414/9520123456788{https://ns.example.com/epcis/}dock=7action" not in (
        prehash_string(event, CONTEXT)
    )
    assert "readPointid=https://id.gs1.org/414/9520123456788{https://ns.example.com/epcis/}dock=7" in (
        prehash_string(event, CONTEXT)
    )


def test_business_transaction_type_is_written_first_whatever_the_key_order():
    forward = _event(bizTransactionList=[{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:9520123456788:1"}])
    backward = _event(bizTransactionList=[{"bizTransaction": "urn:epcglobal:cbv:bt:9520123456788:1", "type": "po"}])
    assert "bizTransactionListtype=https://ref.gs1.org/cbv/BTT-pobizTransaction=" in prehash_string(forward)
    assert event_hash_id(forward) == event_hash_id(backward)
    untyped = prehash_string(_event(bizTransactionList=[{"bizTransaction": "urn:epcglobal:cbv:bt:9520123456788:1"}]))
    assert "bizTransactionListbizTransaction=urn:epcglobal:cbv:bt:9520123456788:1" in untyped


@pytest.mark.parametrize(
    "extra",
    [{"recordTime": "2024-05-02T00:00:00Z"}, {"eventID": "urn:uuid:1"}, {"rdfs:comment": "note"},
     {"errorDeclaration": {"declarationTime": "2024-05-03T00:00:00Z", "reason": "incorrect_data"}},
     {"epcList": ["https://id.gs1.org/01/09520123456788/21/S1"], "quantityList": []}],
)
def test_excluded_and_empty_fields_do_not_change_the_hash(extra):
    assert event_hash_id(_event(**extra)) == event_hash_id(_event())


def test_equivalent_serialisations_hash_alike():
    variant = _event(
        eventTime="2024-05-01T00:00:00Z",
        epcList=["urn:epc:id:sgtin:9520123.045678.S1"],
        bizStep="urn:epcglobal:cbv:bizstep:shipping",
        readPoint={"id": "https://trace.example.cn/414/9520123456788?x=1"},
    )
    assert event_hash_id(variant) == event_hash_id(_event())
    quantity = [{"epcClass": "urn:epc:class:lgtin:9520123.045678.L1", "quantity": 12.50, "uom": "KGM"}]
    same = [{"epcClass": "https://id.gs1.org/01/09520123456788/10/L1", "quantity": "12.5", "uom": "KGM"}]
    assert event_hash_id(_event(quantityList=quantity)) == event_hash_id(_event(quantityList=same))


def test_booleans_are_written_in_xsd_form():
    report = {"type": "Dimensionless", "booleanValue": True}
    assert "booleanValue=true" in prehash_string(_event(sensorElementList=[{"sensorReport": [report]}]))


def test_query_document_events_are_hashed():
    events = [_event(), _event(bizStep="receiving")]
    query = {"@context": CONTEXT, "type": "EPCISQueryDocument", "schemaVersion": "2.0",
             "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {"eventList": events}}}}
    assert document_event_hash_ids(query) == [event_hash_id(e, CONTEXT) for e in events]


@pytest.mark.parametrize(
    ("document", "message"),
    [([], "JSON object"), ({"type": "Invoice"}, "'type' must be"), ({"type": "EPCISDocument"}, "epcisBody"),
     ({"type": "EPCISDocument", "epcisBody": {"eventList": "x"}}, "eventList"),
     ({"type": "EPCISDocument", "epcisBody": {"eventList": [{"type": "Event", "eventTime": "2024-01-01T00:00Z"}]}},
      "'type' must be one of"),
     ({"type": "EPCISDocument", "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2024-13-01"}]}},
      "'eventTime' must be")],
)
def test_non_epcis_documents_are_rejected(document, message):
    with pytest.raises(InvalidEpcisDocument, match=message):
        document_event_hash_ids(document)
    assert issubclass(InvalidEpcisDocument, ValueError)


# --- properties -------------------------------------------------------------------------------------------

def _sample_events() -> list[tuple[dict, object]]:
    shared = find_shared_testdata("epcis-hash")
    paths = sorted(OWN_VECTORS.glob("*.jsonld")) + (sorted(shared.glob("*.jsonld")) if shared else [])
    docs = [_load(p) for p in paths]
    return [(event, doc["@context"]) for doc in docs for event in doc["epcisBody"]["eventList"]]


SAMPLES = _sample_events()
EXCLUDED = {"recordTime", "eventID", "errorDeclaration", "rdfs:comment"}


def _reordered(value, rng: random.Random):
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {k: _reordered(value[k], rng) for k in keys}
    if isinstance(value, list):
        items = [_reordered(v, rng) for v in value]
        rng.shuffle(items)
        return items
    return value


def _leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            if not (len(path) == 0 and k in EXCLUDED):
                yield from _leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i))
    else:
        yield path


def _set(event, path, new):
    target = event
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SAMPLES), st.randoms(use_true_random=False))
def test_key_order_and_list_order_do_not_change_the_hash(sample, rng):
    event, context = sample
    assert event_hash_id(_reordered(event, rng), context) == event_hash_id(event, context)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SAMPLES), st.data())
def test_changing_any_field_changes_the_hash(sample, data):
    event, context = sample
    path = data.draw(st.sampled_from(list(_leaves(event))))
    changed = copy.deepcopy(event)
    old = changed
    for step in path:
        old = old[step]
    # A prefix keeps any value from normalising back to the original (a suffix could land in a query string).
    _set(changed, path, old + 1 if isinstance(old, int | float) and not isinstance(old, bool) else f"X{old}")
    assert event_hash_id(changed, context) != event_hash_id(event, context), path


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SAMPLES), st.text(alphabet="abcdefghij", min_size=1, max_size=8))
def test_adding_or_removing_a_field_changes_the_hash(sample, name):
    event, context = sample
    added = {**event, f"example:{name}": "v"}
    assert event_hash_id(added, context) != event_hash_id(event, context)
    for key in set(event) - EXCLUDED - {"type"}:
        removed = {k: v for k, v in event.items() if k != key}
        assert event_hash_id(removed, context) != event_hash_id(event, context), key
