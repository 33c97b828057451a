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


@pytest.mark.parametrize("full", [False, True])
def test_an_edited_event_row_is_named(tea, rival, full):
    _history(tea)
    _history(rival, lots=("B1",))
    target = ChainRecord.objects.get(seller=tea.seller, seq=4).event
    data = json.loads(target.body)
    data["bizStep"] = "inspecting"  # rewrite history: the shipment becomes an inspection
    _sql("UPDATE trace_traceevent SET body = %s WHERE id = %s", json.dumps(data), target.pk)
    report = verify_trace(full=full)
    assert not report.intact
    first = report.first_broken
    assert (first.seller_id, first.seq, first.event_id) == (tea.seller.pk, 4, target.event_id)
    assert "changed after it was recorded" in first.reason
    assert first.seller_name == tea.seller.name
    assert [b.seller_id for b in report.broken] == [tea.seller.pk]


def test_an_edit_the_event_hash_id_cannot_see_is_noticed(tea):
    # Reordering the stored JSON keeps every value, so the Event Hash ID is the same: the seal still tells.
    _history(tea, lots=("L1",))
    target = ChainRecord.objects.get(seller=tea.seller, seq=2).event
    data = json.loads(target.body)
    _sql("UPDATE trace_traceevent SET body = %s WHERE id = %s", json.dumps(dict(reversed(data.items()))), target.pk)
    assert verify_trace(full=True).first_broken.seq == 2


def test_an_edited_event_id_column_is_named(tea):
    _history(tea, lots=("L1",))
    target = ChainRecord.objects.get(seller=tea.seller, seq=1).event
    _sql("UPDATE trace_traceevent SET event_id = %s WHERE id = %s", "ni:///sha-256;" + "b" * 64 + "?ver=CBV2.0",
         target.pk)
    first = verify_trace().first_broken
    assert first.seq == 1 and "ID was changed" in first.reason


def test_full_verification_re_derives_event_hash_ids_behind_consistent_seals(tea):
    # Someone able to rewrite the whole chain from a record on (seals, digests and head) defeats the digests;
    # the published anchors are what catch that.  Re-deriving the Event Hash IDs catches it too.
    _history(tea)
    data = json.loads(ChainRecord.objects.get(seller=tea.seller, seq=4).event.body)
    data["bizStep"] = "inspecting"
    _rechain(tea.seller, bodies={4: data})
    assert verify_trace().intact
    first = verify_trace(full=True).first_broken
    assert first.seq == 4 and "Event Hash ID" in first.reason


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


@pytest.mark.parametrize("into", ["tea", "rival"])
def test_an_event_slipped_in_without_a_chain_record_is_named(tea, rival, into):
    # Into a seller's own chain's events, or for a seller who has no chain at all.
    _history(tea, lots=("L1",))
    row = TraceEvent.objects.first()
    seller = {"tea": tea, "rival": rival}[into].seller
    _sql("INSERT INTO trace_traceevent (seller_id, event_id, declares_error, event_type, event_time, "
         "event_time_zone_offset, record_time, action, biz_step, disposition, read_point, biz_location, body, "
         "source) SELECT %s, %s, declares_error, event_type, event_time, event_time_zone_offset, record_time, "
         "action, biz_step, disposition, read_point, biz_location, body, source FROM trace_traceevent WHERE id = %s",
         seller.pk, slipped := "ni:///sha-256;" + "a" * 64 + "?ver=CBV2.0", row.pk)
    report = verify_trace()
    assert [(b.seller_id, b.event_id) for b in report.broken] == [(seller.pk, slipped)]
    assert verify_trace(seller_id=tea.seller.pk).intact == (into == "rival")


def _harvest_and_its_correction(party) -> TraceEvent:
    """A harvest, then an error declaration on it (records 1 and 2); the declaration."""
    original = harvest(party.gtin, "L1", party.site.gln, ilmd=None)
    original.pop("ilmd")
    event_capture(actor=party.user, event=body(original))
    return event_capture(actor=party.user, event=body({**original, "errorDeclaration": {
        "declarationTime": "2024-04-21T10:00:00.000+08:00", "reason": "incorrect_data"}}))


def test_a_changed_error_declaration_is_noticed(tea):
    declared = _harvest_and_its_correction(tea)
    data = json.loads(declared.body)
    data["errorDeclaration"]["reason"] = "did_not_occur"
    _sql("UPDATE trace_traceevent SET body = %s WHERE id = %s", json.dumps(data), declared.pk)
    first = verify_trace().first_broken
    assert first.seq == 2 and "changed after it was recorded" in first.reason


def _as_version_1(seller):
    """Rewrite a chain as records written before the body seal were (test set-up only)."""
    from chushan.trace import rules
    from chushan.trace.chain import GENESIS, record_digest

    prev = GENESIS
    for record in ChainRecord.objects.filter(seller=seller).order_by("seq").select_related("event"):
        committed = rules.committed_event_id(record.event.event_id, json.loads(record.event.body))
        digest = record_digest(prev, committed, record.seq, rules.iso_ms(record.record_time))
        _sql("UPDATE trace_chainrecord SET prev_digest = %s, digest = %s, event_hash_id = %s, body_seal = '' "
             "WHERE id = %s", prev, digest, committed, record.pk)
        prev = digest
    _sql("UPDATE trace_chainhead SET digest = %s WHERE seller_id = %s", prev, seller.pk)


def test_records_from_before_the_seal_still_verify_by_their_event_hash_ids(tea):
    declared = _harvest_and_its_correction(tea)
    event_capture(actor=tea.user, event=body(shipping(tea.gtin, "L1", tea.site.gln)))
    _as_version_1(tea.seller)
    assert verify_trace().intact
    event_capture(actor=tea.user, event=body(shipping(tea.gtin, "L1", tea.site.gln, when="2024-04-22T10:00:00+08:00")))
    assert ChainRecord.objects.get(seller=tea.seller, seq=4).body_seal  # new records are sealed, on the same chain
    assert verify_trace().intact

    data = json.loads(declared.body)
    data["errorDeclaration"]["reason"] = "did_not_occur"
    _sql("UPDATE trace_traceevent SET body = %s WHERE id = %s", json.dumps(data), declared.pk)
    first = verify_trace().first_broken
    assert first.seq == 2 and "error declaration" in first.reason

    shipped = ChainRecord.objects.get(seller=tea.seller, seq=3).event
    data = json.loads(shipped.body)
    data["bizStep"] = "inspecting"
    _sql("UPDATE trace_traceevent SET body = %s WHERE id = %s", json.dumps(data), shipped.pk)
    assert verify_trace().first_broken.seq == 2  # the walk stops at the first broken record
    broken = events_verify([TraceEvent.objects.get(pk=shipped.pk)]).broken
    assert broken.seq == 3 and "Event Hash ID" in broken.reason


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


def _rechain(seller, bodies=None):
    """Recompute every body, seal and digest after moving record times or replacing the ``bodies`` of some
    records (by seq), as someone with write access to the whole database could (test set-up only)."""
    from chushan.trace import rules
    from chushan.trace.chain import GENESIS, body_seal, record_digest

    prev = GENESIS
    for record in ChainRecord.objects.filter(seller=seller).order_by("seq").select_related("event"):
        iso = rules.iso_ms(record.record_time)
        data = (bodies or {}).get(record.seq) or json.loads(record.event.body)
        data["recordTime"] = iso
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        digest = record_digest(prev, record.event_hash_id, record.seq, iso, body_seal(text))
        _sql("UPDATE trace_chainrecord SET prev_digest = %s, digest = %s, body_seal = %s WHERE id = %s", prev,
             digest, body_seal(text), record.pk)
        _sql("UPDATE trace_traceevent SET body = %s, record_time = %s WHERE id = %s", text, record.record_time,
             record.event_id)
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


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="chains are split over processes on PostgreSQL only")
def test_a_chain_split_over_processes_verifies_and_names_the_first_broken_record(tea, monkeypatch):
    from chushan.trace.services import verify

    monkeypatch.setattr(verify, "PARALLEL_FROM", 0)
    _history(tea)
    report = verify_trace(workers=2, chunk_size=2)
    assert report.intact and report.records == 6
    for seq in (5, 3):  # the lower of two broken records is named, whichever process finds it
        target = ChainRecord.objects.get(seller=tea.seller, seq=seq).event
        _sql("UPDATE trace_traceevent SET body = %s WHERE id = %s", target.body + " ", target.pk)
    first = verify_trace(workers=2, chunk_size=2).first_broken
    assert first.seq == 3 and "changed after it was recorded" in first.reason
