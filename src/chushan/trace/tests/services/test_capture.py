"""Capturing EPCIS documents and events: all or nothing, proceed, duplicates, ownership, bad identifiers."""

import json

import pytest

from chushan.core.errors import ApplicationError
from chushan.trace import rules
from chushan.trace.chain import GENESIS, body_seal, record_digest
from chushan.trace.hashing import event_hash_id
from chushan.trace.models import CaptureJob, ChainHead, ChainRecord, EventEpc, Lot, Serial, TraceEvent
from chushan.trace.services import document_capture, event_capture
from chushan.trace.tests.documents import CONTEXT, body, document, harvest, lot_class, place, shipping

pytestmark = pytest.mark.django_db


def _nothing_stored():
    assert TraceEvent.objects.count() == 0
    assert ChainRecord.objects.count() == 0
    assert EventEpc.objects.count() == 0
    assert CaptureJob.objects.count() == 0
    assert Lot.objects.count() == 0


def test_a_valid_document_is_captured_with_server_ids_and_chained(tea):
    doc = document(harvest(tea.gtin, "LS2024-001", tea.site.gln), shipping(tea.gtin, "LS2024-001", tea.site.gln))
    job = document_capture(actor=tea.user, body=body(doc))
    assert job.state == CaptureJob.State.SUCCEEDED and job.captured_count == 2
    events = list(TraceEvent.objects.order_by("pk"))
    expected_ids = [event_hash_id(e, doc["@context"]) for e in doc["epcisBody"]["eventList"]]
    assert [e.event_id for e in events] == expected_ids
    stored = json.loads(events[0].body)
    assert stored["eventID"] == expected_ids[0]
    assert stored["recordTime"] == rules.iso_ms(events[0].record_time)
    assert stored["@context"][1] == {"example": "https://ns.example.com/epcis/"}
    assert event_hash_id(stored) == expected_ids[0]  # the stored event re-hashes alone
    records = list(ChainRecord.objects.order_by("seq"))
    assert [r.seq for r in records] == [1, 2]
    assert records[0].prev_digest == GENESIS and records[1].prev_digest == records[0].digest
    when = rules.iso_ms(records[1].record_time)
    assert records[1].body_seal == body_seal(events[1].body)
    assert records[1].digest == record_digest(records[0].digest, expected_ids[1], 2, when, body_seal(events[1].body))
    head = ChainHead.objects.get(seller=tea.seller)
    assert (head.seq, head.digest) == (2, records[1].digest)
    assert events[0].biz_step == "https://ref.gs1.org/cbv/BizStep-commissioning"
    assert events[0].read_point == place(tea.site.gln)


def test_capture_registers_the_sellers_new_lot_with_its_ilmd_and_indexes_it(tea):
    document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "LS2024-001", tea.site.gln))))
    lot = Lot.objects.get(gtin=tea.gtin, code="LS2024-001")
    assert lot.seller == tea.seller and lot.sku.gtin == tea.gtin
    assert lot.ilmd == {"example:field": "雷公山3号地", "example:grade": "特级"}
    assert lot.trace_code.startswith("CS")
    index = EventEpc.objects.get()
    assert (index.role, index.epc, index.lot) == ("class", lot_class(tea.gtin, "LS2024-001"), lot)


def test_one_bad_event_rolls_back_the_whole_document(tea):
    bad = shipping(tea.gtin, "LS2024-001", tea.site.gln, bizStep="harvesting")
    doc = document(harvest(tea.gtin, "LS2024-001", tea.site.gln), bad)
    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=body(doc))
    assert caught.value.status == 400
    assert "epcisBody.eventList[1].bizStep" in caught.value.errors
    assert "harvesting" in caught.value.errors["epcisBody.eventList[1].bizStep"][0]
    _nothing_stored()


def test_proceed_keeps_the_good_events_and_reports_the_bad(tea):
    bad = shipping(tea.gtin, "LS2024-001", tea.site.gln, eventTimeZoneOffset="+8")
    doc = document(harvest(tea.gtin, "LS2024-001", tea.site.gln), bad)
    job = document_capture(actor=tea.user, body=body(doc), behaviour="proceed")
    assert job.state == CaptureJob.State.PARTIAL
    assert (job.event_count, job.captured_count) == (2, 1)
    assert job.errors[0]["path"] == "epcisBody.eventList[1].eventTimeZoneOffset"
    assert TraceEvent.objects.count() == 1 and ChainRecord.objects.count() == 1


def test_a_duplicate_event_is_a_conflict_and_nothing_more_is_stored(tea):
    # Alone, the event carries the context that declares its 'example:' prefix; in the document, the document does.
    event = {"@context": CONTEXT, **harvest(tea.gtin, "LS2024-001", tea.site.gln)}
    event_capture(actor=tea.user, event=body(event))
    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=body(document(shipping(tea.gtin, "LS2024-001", tea.site.gln),
                                                            event)))
    assert caught.value.status == 409
    assert TraceEvent.objects.count() == 1 and ChainRecord.objects.count() == 1


def test_the_same_event_twice_in_one_document_is_a_conflict(tea):
    event = harvest(tea.gtin, "LS2024-001", tea.site.gln)
    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=body(document(event, dict(event))))
    assert caught.value.status == 409
    _nothing_stored()


def test_another_sellers_gtin_is_forbidden(tea, rival):
    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=body(document(harvest(rival.gtin, "B1", tea.site.gln))))
    assert caught.value.status == 403
    assert "belongs to another seller" in str(caught.value.errors)
    _nothing_stored()


def test_another_sellers_location_is_forbidden(tea, rival):
    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "B1", rival.site.gln))))
    assert caught.value.status == 403
    assert "epcisBody.eventList[0].readPoint.id" in caught.value.errors
    _nothing_stored()


def test_a_gtin_nobody_owns_is_unprocessable(tea):
    from chushan.trace.tests.factories import gtin

    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=body(document(harvest(gtin("9529999", "00001"), "B1",
                                                                    tea.site.gln))))
    assert caught.value.status == 422
    _nothing_stored()


def test_a_lot_with_chinese_characters_is_refused(tea):
    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "LS2024-001", tea.site.gln,
                                                                    quantityList=[{"epcClass": f"https://id.gs1.org/01/{tea.gtin}/10/雷山一号",
                                                                                   "quantity": 1, "uom": "KGM"}]))))
    assert caught.value.status == 400
    assert "character set 82" in str(caught.value.errors["epcisBody.eventList[0].quantityList[0].epcClass"])
    _nothing_stored()


def test_a_wrong_check_digit_is_refused(tea):
    wrong = tea.gtin[:-1] + str((int(tea.gtin[-1]) + 1) % 10)
    event = harvest(tea.gtin, "LS1", tea.site.gln)
    event["quantityList"][0]["epcClass"] = f"https://id.gs1.org/01/{wrong}/10/LS1"
    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=body(document(event)))
    assert caught.value.status == 400
    assert "check digit" in str(caught.value.errors)
    _nothing_stored()


def test_malformed_json_is_refused(tea):
    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=b'{"type": "EPCISDocument",')
    assert caught.value.status == 400 and "not valid JSON" in str(caught.value.message)
    _nothing_stored()


def test_over_the_event_limit_is_413(tea, settings):
    settings.CHUSHAN_EPCIS_CAPTURE_LIMIT = 1
    doc = document(harvest(tea.gtin, "L1", tea.site.gln), shipping(tea.gtin, "L1", tea.site.gln))
    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=tea.user, body=body(doc))
    assert caught.value.status == 413
    _nothing_stored()


def test_a_shopper_cannot_capture(db):
    from chushan.accounts.tests.factories import UserFactory

    with pytest.raises(ApplicationError) as caught:
        document_capture(actor=UserFactory(), body=body(document()))
    assert caught.value.status == 403
    _nothing_stored()


def test_a_mismatched_hash_event_id_is_refused(tea):
    event = harvest(tea.gtin, "L1", tea.site.gln, eventID="ni:///sha-256;" + "0" * 64 + "?ver=CBV2.0")
    with pytest.raises(ApplicationError) as caught:
        event_capture(actor=tea.user, event=body(event))
    assert caught.value.status == 400 and "event.eventID" in caught.value.errors
    assert TraceEvent.objects.count() == 0


def test_a_client_event_id_that_is_no_hash_is_replaced(tea):
    stored = event_capture(actor=tea.user, event=body(harvest(tea.gtin, "L1", tea.site.gln,
                                                              eventID="urn:uuid:6d1e8a1c-4c2f-4a61-9d0e-2a6f0f1b3c11")))
    assert stored.event_id.startswith("ni:///sha-256;")
    assert json.loads(stored.body)["eventID"] == stored.event_id


def test_a_correction_is_a_new_event_with_an_error_declaration(tea):
    original = harvest(tea.gtin, "L1", tea.site.gln)
    first = event_capture(actor=tea.user, event=body(original))
    correction = {**original, "errorDeclaration": {"declarationTime": "2024-04-21T10:00:00.000+08:00",
                                                   "reason": "incorrect_data"}}
    declared = event_capture(actor=tea.user, event=body(correction))
    assert declared.event_id == first.event_id and declared.declares_error
    record = ChainRecord.objects.get(event=declared)
    # The record commits to the declaration itself through the seal of the stored text.
    assert record.seq == 2 and record.event_hash_id == first.event_id
    assert record.body_seal == body_seal(declared.body) != ChainRecord.objects.get(event=first).body_seal
    with pytest.raises(ApplicationError) as caught:
        event_capture(actor=tea.user, event=body(correction))
    assert caught.value.status == 409


def test_an_error_declaration_on_an_unknown_event_is_refused(tea):
    correction = {**harvest(tea.gtin, "L1", tea.site.gln),
                  "errorDeclaration": {"declarationTime": "2024-04-21T10:00:00.000+08:00"}}
    with pytest.raises(ApplicationError) as caught:
        event_capture(actor=tea.user, event=body(correction))
    assert caught.value.status == 422
    assert TraceEvent.objects.count() == 0


def test_transformation_may_consume_another_sellers_registered_lot(tea, rival):
    from chushan.trace.tests.factories import LotFactory

    chillies = LotFactory(seller=rival.seller, gtin=rival.gtin, code="LA-01")
    event = {"type": "TransformationEvent", "eventTime": "2024-05-02T10:00:00.000+08:00",
             "eventTimeZoneOffset": "+08:00",
             "inputQuantityList": [{"epcClass": lot_class(rival.gtin, "LA-01"), "quantity": 40, "uom": "KGM"}],
             "outputQuantityList": [{"epcClass": lot_class(tea.gtin, "SAUCE-01"), "quantity": 300, "uom": "EA"}],
             "bizStep": "commissioning", "readPoint": {"id": place(tea.site.gln)}}
    stored = event_capture(actor=tea.user, event=body(event))
    roles = dict(EventEpc.objects.filter(event=stored).values_list("role", "lot_id"))
    assert roles["input_class"] == chillies.pk
    assert Lot.objects.get(code="SAUCE-01").seller == tea.seller


def test_serials_of_the_sellers_gtin_are_registered(tea):
    event = {"type": "ObjectEvent", "eventTime": "2024-05-02T10:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
             "action": "ADD", "epcList": [f"https://id.gs1.org/01/{tea.gtin}/10/L9/21/S-001"],
             "bizStep": "commissioning"}
    event_capture(actor=tea.user, event=body(event))
    serial = Serial.objects.get()
    assert (serial.serial, serial.lot.code, serial.seller) == ("S-001", "L9", tea.seller)


def test_a_big_document_is_stored_whole(tea):
    """Past a hundred rows PostgreSQL takes the COPY path: the rows must be the same as the ORM's."""
    from chushan.trace.services import verify_trace

    events = [harvest(tea.gtin, f"B{i:03d}", tea.site.gln) for i in range(70)]
    events += [shipping(tea.gtin, f"B{i:03d}", tea.site.gln) for i in range(70)]
    job = document_capture(actor=tea.user, body=body(document(*events)))
    assert job.captured_count == 140
    stored = list(TraceEvent.objects.order_by("pk"))
    assert [e.capture_job_id for e in stored] == [job.id] * 140
    assert list(ChainRecord.objects.order_by("seq").values_list("event_id", flat=True)) == [e.pk for e in stored]
    assert EventEpc.objects.count() == 140 and Lot.objects.count() == 70
    assert stored[0].event_time.isoformat() == "2024-04-19T23:30:00+00:00"
    assert verify_trace().intact
