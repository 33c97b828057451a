"""EPCIS 2.0 schema rules: valid documents pass, each violation is reported on its field."""

import copy
import json

import pytest

from chushan.trace.validation import validate_epcis_document, validate_event

from .testdata import OWN_DATA, shared_params

CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]


def _object_event(**fields) -> dict:
    event = {
        "type": "ObjectEvent",
        "eventTime": "2024-05-01T08:00:00.000+08:00",
        "eventTimeZoneOffset": "+08:00",
        "epcList": ["https://id.gs1.org/01/09520123456788/21/S1"],
        "action": "OBSERVE",
        "bizStep": "shipping",
        "readPoint": {"id": "https://id.gs1.org/414/9520123456788"},
    }
    event.update(fields)
    return {k: v for k, v in event.items() if v is not None}


def _document(*events, **fields) -> dict:
    doc = {"@context": CONTEXT, "type": "EPCISDocument", "schemaVersion": "2.0",
           "creationDate": "2024-05-01T08:00:00Z", "epcisBody": {"eventList": list(events)}}
    doc.update(fields)
    return doc


@pytest.mark.parametrize("path", shared_params("epcis-hash", "*.jsonld"))
def test_shared_example_documents_are_valid(path):
    assert validate_epcis_document(json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", sorted((OWN_DATA / "epcis-hash").glob("*.jsonld")), ids=lambda p: p.name)
def test_upstream_example_documents_are_valid(path):
    assert validate_epcis_document(json.loads(path.read_text(encoding="utf-8"))) == []


def _only(errors: list[str], *fragments: str) -> None:
    assert len(errors) == 1, errors
    for fragment in fragments:
        assert fragment in errors[0], errors


@pytest.mark.parametrize(
    ("fields", "fragments"),
    [
        ({"eventTime": None}, ("event.eventTime", "required")),
        ({"eventTime": "2024-05-01 08:00"}, ("event.eventTime", "ISO 8601")),
        ({"eventTime": "2024-05-01T08:00:00"}, ("event.eventTime", "UTC offset")),
        ({"eventTime": "2024-02-30T08:00:00Z"}, ("event.eventTime",)),
        ({"eventTimeZoneOffset": "+8:00"}, ("event.eventTimeZoneOffset", "+08:00")),
        ({"eventTimeZoneOffset": "+14:30"}, ("event.eventTimeZoneOffset",)),
        ({"action": None}, ("event.action", "required")),
        ({"action": "UPDATE"}, ("event.action", "ADD, OBSERVE or DELETE")),
        ({"bizStep": "harvesting"}, ("event.bizStep", "'harvesting'", "business step", "URI")),
        ({"disposition": "fresh"}, ("event.disposition", "disposition")),
        ({"epcList": "urn:epc:id:sgtin:9520123.045678.1"}, ("event.epcList", "array")),
        ({"epcList": ["not a uri"]}, ("event.epcList[0]", "not a URI")),
        ({"readPoint": {}}, ("event.readPoint.id", "required")),
        ({"recordTime": 5}, ("event.recordTime",)),
        ({"parentID": "urn:epc:id:sscc:9520123.0000000001"}, ("event.parentID", "not allowed on ObjectEvent")),
        ({"colour": "red"}, ("event.colour", "unknown field", "example:colour")),
        ({"ilmd": {"example:bestBefore": "2025-01-01"}}, ("event.ilmd", "action ADD")),
        ({"certificationInfo": ["https://cert.example.org/1", 7]}, ("event.certificationInfo[1]",)),
        ({"persistentDisposition": {"set": ["recalled", "lost"]}}, ("event.persistentDisposition.set[1]", "'lost'")),
        ({"errorDeclaration": {"reason": "incorrect_data"}}, ("event.errorDeclaration.declarationTime", "required")),
    ],
)
def test_object_event_violations_are_reported_on_their_field(fields, fragments):
    _only(validate_event(_object_event(**fields)), *fragments)


def test_valid_events_have_no_messages():
    assert validate_event(_object_event()) == []
    assert validate_event(_object_event(bizStep="https://example.com/voc/harvesting", disposition="in_transit")) == []
    assert validate_event(_object_event(action="ADD", ilmd={"example:lot": "L1"}, **{"example:note": "x"})) == []
    assert validate_event(_object_event(bizStep="urn:epcglobal:cbv:bizstep:receiving")) == []


@pytest.mark.parametrize(
    ("quantity", "fragments"),
    [({"quantity": 2}, ("quantityList[0].epcClass", "required")),
     ({"epcClass": "urn:epc:class:lgtin:9520123.045678.L1", "quantity": 2, "uom": "kg"}, ("uom", "KGM")),
     ({"epcClass": "urn:epc:class:lgtin:9520123.045678.L1", "quantity": "2"}, ("quantity", "number")),
     ({"epcClass": "urn:epc:class:lgtin:9520123.045678.L1", "uom": "KGM"}, ("uom", "needs a quantity")),
     ({"epcClass": "urn:epc:class:lgtin:9520123.045678.L1", "quantity": -1}, ("quantity", "negative"))],
)
def test_quantity_elements(quantity, fragments):
    _only(validate_event(_object_event(epcList=None, quantityList=[quantity])), *fragments)


def test_object_event_needs_what():
    _only(validate_event(_object_event(epcList=None)), "epcList or quantityList", "sensorElementList")
    _only(validate_event(_object_event(epcList=[])), "epcList or quantityList")
    sensor = [{"sensorReport": [{"type": "Temperature", "value": 4.5, "uom": "CEL"}]}]
    assert validate_event(_object_event(epcList=None, sensorElementList=sensor)) == []
    _only(validate_event(_object_event(epcList=None, readPoint=None, sensorElementList=sensor)), "readPoint")


def test_sensor_elements_are_typed():
    bad = [{"sensorMetadata": {"time": "yesterday"},
            "sensorReport": [{"type": "Warmth", "value": "4.5", "booleanValue": "yes", "uom": "celsius"}]}]
    errors = validate_event(_object_event(sensorElementList=bad))
    where = "event.sensorElementList[0]"
    assert {e.split(":")[0] for e in errors} == {
        f"{where}.sensorMetadata.time", f"{where}.sensorReport[0].type", f"{where}.sensorReport[0].value",
        f"{where}.sensorReport[0].booleanValue", f"{where}.sensorReport[0].uom"}
    _only(validate_event(_object_event(sensorElementList=[{"sensorMetadata": {}}])), "sensorReport", "required")


def test_source_destination_and_transactions():
    good = _object_event(sourceList=[{"type": "owning_party", "source": "urn:epc:id:pgln:9520123.00000"}],
                         bizTransactionList=[{"bizTransaction": "urn:epcglobal:cbv:bt:9520123456788:PO1"}])
    assert validate_event(good) == []
    _only(validate_event(_object_event(destinationList=[{"destination": "urn:epc:id:pgln:9520123.00000"}])),
          "destinationList[0].type", "required")
    _only(validate_event(_object_event(bizTransactionList=[{"type": "order", "bizTransaction": "urn:x:1"}])),
          "bizTransactionList[0].type", "'order'")


AGGREGATION = {"type": "AggregationEvent", "eventTime": "2024-05-01T08:00:00Z", "eventTimeZoneOffset": "+08:00",
               "parentID": "urn:epc:id:sscc:9520123.0000000001", "childEPCs": ["urn:epc:id:sgtin:9520123.045678.1"],
               "action": "ADD", "bizStep": "packing"}


def test_aggregation_and_association_rules():
    assert validate_event(AGGREGATION) == []
    _only(validate_event({**AGGREGATION, "childEPCs": []}), "childEPCs or childQuantityList")
    assert validate_event({**AGGREGATION, "action": "DELETE", "childEPCs": []}) == []
    _only(validate_event({k: v for k, v in AGGREGATION.items() if k != "parentID"}), "parentID", "required")
    _only(validate_event({**AGGREGATION, "epcList": ["urn:epc:id:sgtin:9520123.045678.1"]}), "not allowed")
    association = {**AGGREGATION, "type": "AssociationEvent", "action": "OBSERVE"}
    assert validate_event(association) == []
    _only(validate_event({k: v for k, v in association.items() if k != "parentID"}), "AssociationEvent")


def test_transaction_needs_business_transactions():
    event = {**AGGREGATION, "type": "TransactionEvent", "childEPCs": None}
    event = {k: v for k, v in event.items() if v is not None}
    _only(validate_event(event), "bizTransactionList", "required")
    assert validate_event({**event, "bizTransactionList": [{"type": "po", "bizTransaction": "urn:x:1"}]}) == []


TRANSFORMATION = {"type": "TransformationEvent", "eventTime": "2024-05-01T08:00:00Z", "eventTimeZoneOffset": "+08:00",
                  "inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:9520123.045678.CHILI", "quantity": 80.0,
                                         "uom": "KGM"}],
                  "outputEPCList": ["urn:epc:id:sgtin:9520123.045679.1"],
                  "bizStep": "commissioning", "ilmd": {"example:bestBefore": "2025-05-01"}}


def test_transformation_rules():
    assert validate_event(TRANSFORMATION) == []
    no_output = {k: v for k, v in TRANSFORMATION.items() if k != "outputEPCList"}
    _only(validate_event(no_output), "inputs", "outputs", "transformationID")
    assert validate_event({**no_output, "transformationID": "urn:epc:id:gdti:9520123.45678.1"}) == []
    _only(validate_event({**TRANSFORMATION, "action": "ADD"}), "event.action", "not allowed on TransformationEvent")


@pytest.mark.parametrize("event_type", [None, "SensorEvent", 7])
def test_event_type_must_be_known(event_type):
    _only(validate_event(_object_event(type=event_type)), "event.type")
    assert validate_event(["not", "an", "event"])[0].startswith("event: an event must be an object")


def test_document_rules():
    assert validate_epcis_document(_document(_object_event())) == []
    doc = _document(_object_event(action="MOVE"), _object_event())
    _only(validate_epcis_document(doc), "epcisBody.eventList[0].action")
    _only(validate_epcis_document(_document(_object_event(), schemaVersion=2.0)), "schemaVersion")
    _only(validate_epcis_document(_document(_object_event(), type="Invoice")), "type")
    _only(validate_epcis_document(_document(_object_event(), creationDate="today")), "creationDate")
    _only(validate_epcis_document(_document(_object_event(), **{"@context": ["https://example.com/ctx"]})), "@context")
    _only(validate_epcis_document({**_document(), "epcisBody": {}}), "epcisBody.eventList", "array")
    missing = validate_epcis_document({"epcisBody": {"eventList": []}})
    assert {m.split(":")[0] for m in missing} == {"@context", "type", "schemaVersion", "creationDate"}
    assert validate_epcis_document("{}") == ["document: must be a JSON object, got str"]


def test_query_document():
    query = _document(type="EPCISQueryDocument", epcisBody={
        "queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {"eventList": [_object_event()]}}})
    assert validate_epcis_document(query) == []
    broken = copy.deepcopy(query)
    broken["epcisBody"]["queryResults"]["resultsBody"]["eventList"][0]["eventTimeZoneOffset"] = "CST"
    _only(validate_epcis_document(broken), "epcisBody.queryResults.resultsBody.eventList[0].eventTimeZoneOffset")
    _only(validate_epcis_document(_document(type="EPCISQueryDocument")), "queryResults")
