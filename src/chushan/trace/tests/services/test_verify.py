"""verify_trace: an untouched history verifies; any change made behind the platform's back is named."""

import datetime
import json

import pytest
from django.db import connection

from chushan.trace.models import ChainHead, ChainRecord, TraceEvent
from chushan.trace.services import chain_anchor_day, document_capture, event_capture, verify_trace
from chushan.trace.services.verify import events_verify
from chushan.trace.tests.documents import body, document, harvest, shipping

pytestmark = pytest.mark.django_db


def _history(party, lots=("L1", "L2", "L3")):
    events = [harvest(party.gtin, lot, party.site.gln) for lot in lots]
    events += [shipping(party.gtin, lot, party.site.gln) for lot in lots]
    document_capture(actor=party.user, body=body(document(*events)))


def _sql(statement: str, *params) -> None:
    """Change a row directly in the database, as an intruder with database access would."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_untouched_history_verifies(tea, rival):
    _history(tea)
    _history(rival, lots=("B1",))
    report = verify_trace()
    assert report.intact, report.broken
    assert (report.sellers, report.records) == (2, 8)


def test_an_edited_event_row_is_named(tea, rival):
    _history(tea)
    _history(rival, lots=("B1",))
    target = ChainRecord.objects.get(seller=tea.seller, seq=4).event
    data = json.loads(target.body)
    data["bizStep"] = "inspecting"  # rewrite history: the shipment becomes an inspection
    _sql("UPDATE trace_traceevent SET body = %s WHERE id = %s", json.dumps(data), target.pk)
    report = verify_trace()
    assert not report.intact
    first = report.first_broken
    assert (first.seller_id, first.seq, first.event_id) == (tea.seller.pk, 4, target.event_id)
    assert "Event Hash ID" in first.reason
    assert first.seller_name == tea.seller.name
    assert [b.seller_id for b in report.broken] == [tea.seller.pk]


def test_an_edited_chain_record_is_named(tea):
    _history(tea)
    record = ChainRecord.objects.get(seller=tea.seller, seq=2)
    _sql("UPDATE trace_chainrecord SET record_time = record_time + interval '1 second' WHERE id = %s"
         if connection.vendor == "postgresql" else
         "UPDATE trace_chainrecord SET record_time = datetime(record_time, '+1 second') WHERE id = %s", record.pk)
    first = verify_trace().first_broken
    assert (first.seq, first.event_id) == (2, record.event.event_id)


def test_a_recomputed_digest_still_breaks_the_next_link(tea):
    _history(tea)
    record = ChainRecord.objects.get(seller=tea.seller, seq=3)
    _sql("UPDATE trace_chainrecord SET digest = %s WHERE id = %s", "f" * 64, record.pk)
    first = verify_trace().first_broken
    assert first.seq == 3 and "digest" in first.reason


def test_a_removed_record_is_named(tea):
    _history(tea)
    record = ChainRecord.objects.get(seller=tea.seller, seq=5)
    _sql("DELETE FROM trace_chainrecord WHERE id = %s", record.pk)
    first = verify_trace().first_broken
    assert first.seq == 5 and "missing" in first.reason


def test_records_cut_from_the_end_are_noticed(tea):
    _history(tea)
    last = ChainRecord.objects.get(seller=tea.seller, seq=6)
    _sql("DELETE FROM trace_chainrecord WHERE id = %s", last.pk)
    _sql("DELETE FROM trace_eventepc WHERE event_id = %s", last.event_id)
    _sql("DELETE FROM trace_traceevent WHERE id = %s", last.event_id)
    first = verify_trace().first_broken
    assert first.seq == 6


def test_an_event_slipped_in_without_a_chain_record_is_named(tea):
    _history(tea, lots=("L1",))
    row = TraceEvent.objects.first()
    _sql("INSERT INTO trace_traceevent (seller_id, event_id, declares_error, event_type, event_time, "
         "event_time_zone_offset, record_time, action, biz_step, disposition, read_point, biz_location, body, "
         "source) SELECT seller_id, %s, declares_error, event_type, event_time, event_time_zone_offset, record_time, "
         "action, biz_step, disposition, read_point, biz_location, body, source FROM trace_traceevent WHERE id = %s",
         "ni:///sha-256;" + "a" * 64 + "?ver=CBV2.0", row.pk)
    report = verify_trace()
    assert [b.event_id for b in report.broken] == ["ni:///sha-256;" + "a" * 64 + "?ver=CBV2.0"]


def test_a_changed_error_declaration_is_noticed(tea):
    original = harvest(tea.gtin, "L1", tea.site.gln, ilmd=None)
    original.pop("ilmd")
    event_capture(actor=tea.user, event=body(original))
    declared = event_capture(actor=tea.user, event=body({**original, "errorDeclaration": {
        "declarationTime": "2024-04-21T10:00:00.000+08:00", "reason": "incorrect_data"}}))
    data = json.loads(declared.body)
    data["errorDeclaration"]["reason"] = "did_not_occur"
    _sql("UPDATE trace_traceevent SET body = %s WHERE id = %s", json.dumps(data), declared.pk)
    first = verify_trace().first_broken
    assert first.seq == 2 and "error declaration" in first.reason


def test_an_anchor_that_no_longer_matches_is_named(tea):
    _history(tea)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    _sql("UPDATE trace_chainrecord SET record_time = record_time - interval '1 day'"
         if connection.vendor == "postgresql" else
         "UPDATE trace_chainrecord SET record_time = datetime(record_time, '-1 day')")
    # Make the moved records consistent again, so only the anchor check can tell.
    _rechain(tea.seller)
    anchor = chain_anchor_day(seller_id=tea.seller.pk, day=yesterday)
    assert anchor is not None and verify_trace().intact
    _sql("UPDATE trace_chainanchor SET root = %s WHERE id = %s", "0" * 64, anchor.pk)
    first = verify_trace().first_broken
    assert first.seq == anchor.first_seq and "anchor" in first.reason


def _rechain(seller):
    """Recompute every digest and body after moving record times (test set-up only)."""
    from chushan.trace import rules
    from chushan.trace.chain import GENESIS, record_digest

    prev = GENESIS
    for record in ChainRecord.objects.filter(seller=seller).order_by("seq").select_related("event"):
        iso = rules.iso_ms(record.record_time)
        data = json.loads(record.event.body)
        data["recordTime"] = iso
        digest = record_digest(prev, record.event_hash_id, record.seq, iso)
        _sql("UPDATE trace_chainrecord SET prev_digest = %s, digest = %s WHERE id = %s", prev, digest, record.pk)
        _sql("UPDATE trace_traceevent SET body = %s, record_time = %s WHERE id = %s", json.dumps(data),
             record.record_time, record.event_id)
        prev = digest
    _sql("UPDATE trace_chainhead SET digest = %s WHERE seller_id = %s", prev, seller.pk)


def test_verifying_a_few_events_names_the_broken_one(tea):
    _history(tea)
    events = list(TraceEvent.objects.order_by("pk"))
    assert events_verify(events).intact
    _sql("UPDATE trace_chainrecord SET prev_digest = %s WHERE event_id = %s", "e" * 64, events[2].pk)
    broken = events_verify(events).broken
    assert (broken.seq, broken.event_id) == (3, events[2].event_id)


def test_the_head_is_checked_against_the_last_record(tea):
    _history(tea, lots=("L1",))
    _sql("UPDATE trace_chainhead SET digest = %s WHERE seller_id = %s", "c" * 64, tea.seller.pk)
    assert verify_trace().first_broken.seq == ChainHead.objects.get(seller=tea.seller).seq


def test_an_edited_record_time_column_is_named(tea):
    _history(tea, lots=("L1",))
    event = TraceEvent.objects.order_by("pk").last()
    _sql("UPDATE trace_traceevent SET record_time = %s WHERE id = %s",
         event.record_time - datetime.timedelta(days=30), event.pk)
    first = verify_trace().first_broken
    assert (first.seq, first.event_id) == (2, event.event_id) and "record time" in first.reason
