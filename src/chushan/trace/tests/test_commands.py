"""The commands: epcis_hash on the reference vectors, verify_trace's exit code and message, trace_anchor."""

import datetime
import io
import json
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from chushan.trace import rules
from chushan.trace.models import ChainAnchor, ChainRecord, TraceEvent
from chushan.trace.services import document_capture, storage
from chushan.trace.tests.documents import body, document, harvest, shipping
from chushan.trace.tests.testdata import OWN_DATA, shared_params


def _hash_lines(path) -> list[str]:
    out = io.StringIO()
    call_command("epcis_hash", str(path), stdout=out)
    return out.getvalue().split()


@pytest.mark.parametrize("path", shared_params("epcis-hash", "*.jsonld"))
def test_epcis_hash_prints_the_reference_ids_in_document_order(path):
    assert _hash_lines(path) == path.with_suffix(".hashes").read_text(encoding="ascii").split()


@pytest.mark.parametrize("path", sorted((OWN_DATA / "epcis-hash").glob("*.jsonld")), ids=lambda p: p.name)
def test_epcis_hash_on_the_copied_upstream_vectors(path):
    expected = path.with_suffix(".hashes")
    if not expected.exists():
        pytest.skip("no published hashes for this document")
    assert _hash_lines(path) == expected.read_text(encoding="ascii").split()


@pytest.mark.parametrize("content, message", [
    ("{not json", "is not valid JSON"),
    ('{"type": "EPCISDocument", "epcisBody": {}}', "is not a valid EPCIS document"),
    ("[1, 2]", "is not a valid EPCIS document"),
    ('{"type": "EPCISDocument", "epcisBody": {"eventList": [{"type": "FooEvent", "eventTime": "2024-01-01T00:00Z"}]}}',
     r"event 1 \(eventList\[0\]\): 'type' must be one of ObjectEvent"),
    ('{"type": "EPCISDocument", "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00Z"},'
     ' {"type": "ObjectEvent", "eventTime": "yesterday"}]}}', r"event 2 \(eventList\[1\]\): 'eventTime' must be"),
    ('{"type": "EPCISDocument", "epcisBody": {"eventList": [{"type": "ObjectEvent"}]}}', "'eventTime' must be"),
])
def test_epcis_hash_refuses_an_invalid_document(tmp_path, content, message):
    path = tmp_path / "bad.jsonld"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("epcis_hash", str(path))


def test_epcis_hash_exits_non_zero_from_the_shell(tmp_path):
    path = tmp_path / "bad.jsonld"
    path.write_text('{"type": "EPCISDocument"}', encoding="utf-8")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "chushan.config.settings"}
    done = subprocess.run([sys.executable, "-m", "chushan", "epcis_hash", str(path)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode != 0 and "not a valid EPCIS document" in done.stderr and done.stdout == ""
    missing = subprocess.run([sys.executable, "-m", "chushan", "epcis_hash", str(tmp_path / "nope.jsonld")],
                             capture_output=True, text=True, env=env, timeout=120)
    assert missing.returncode != 0 and "cannot read" in missing.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("options", [[], ["--full"]])
def test_verify_trace_exits_zero_when_every_chain_verifies(tea, options):
    document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "L1", tea.site.gln))))
    out = io.StringIO()
    call_command("verify_trace", *options, stdout=out)
    assert out.getvalue().startswith("OK: 1 records in 1 chains")


@pytest.mark.django_db
def test_verify_trace_names_the_first_broken_record(tea):
    document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "L1", tea.site.gln),
                                                        shipping(tea.gtin, "L1", tea.site.gln))))
    target = ChainRecord.objects.get(seller=tea.seller, seq=2).event
    data = json.loads(target.body)
    data["quantityList"][0]["quantity"] = 1000  # ten kilograms shipped become a tonne
    with connection.cursor() as cursor:
        cursor.execute("UPDATE trace_traceevent SET body = %s WHERE id = %s", [json.dumps(data), target.pk])
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("verify_trace", stderr=err)
    assert caught.value.returncode == 1
    message = str(caught.value)
    assert tea.seller.name in message and "seq 2" in message and target.event_id in message
    assert "BROKEN" in err.getvalue()


@pytest.mark.django_db
def test_a_row_edited_behind_the_platforms_back_shows_in_verify_trace_and_on_the_anchors_page(tea, rival, client):
    """Raw SQL changes an event the day after its anchor was published: the command names the record, and the
    public anchors page marks the chain and the anchor whose root no longer holds."""
    earlier = rules.truncate_ms(timezone.now() - datetime.timedelta(days=1))
    with mock.patch.object(storage, "record_time_now", lambda: earlier):
        document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "L1", tea.site.gln),
                                                            shipping(tea.gtin, "L1", tea.site.gln))))
        document_capture(actor=rival.user, body=body(document(harvest(rival.gtin, "B1", rival.site.gln))))
    call_command("trace_anchor", stdout=io.StringIO())
    call_command("verify_trace", stdout=io.StringIO())
    page = client.get("/trace/anchors/").content.decode()
    assert 'data-testid="chain-broken"' not in page and page.count('<tr data-state="intact">') == 2

    target = ChainRecord.objects.get(seller=tea.seller, seq=2).event
    data = json.loads(target.body)
    data["quantityList"][0]["quantity"] = 1000
    with connection.cursor() as cursor:
        cursor.execute("UPDATE trace_traceevent SET body = %s WHERE id = %s", [json.dumps(data), target.pk])
    with pytest.raises(CommandError) as caught:
        call_command("verify_trace", stderr=io.StringIO())
    assert "seq 2" in str(caught.value) and target.event_id in str(caught.value)

    page = client.get("/trace/anchors/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="chain-broken"' in page and tea.seller.name in page and target.event_id in page
    assert "First broken record: 2" in page and "stored event was changed after it was recorded" in page
    assert page.count('class="suspect" data-state="tampered"') == 1  # the tea anchor; the rival's still holds
    chinese = client.get("/trace/anchors/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "存储的事件在记录后被改动过" in chinese
    data = client.get("/trace/anchors/?format=json").json()
    chains = {c["sellerId"]: c for c in data["chains"]}
    assert chains[tea.seller.pk]["intact"] is False and chains[tea.seller.pk]["firstBrokenSeq"] == 2
    assert chains[rival.seller.pk]["intact"] is True
    assert {a["sellerId"]: a["stillHolds"] for a in data["anchors"]} == {tea.seller.pk: False, rival.seller.pk: True}


@pytest.mark.django_db
def test_trace_anchor_publishes_finished_days(tea):
    earlier = rules.truncate_ms(timezone.now() - datetime.timedelta(days=1))
    with mock.patch.object(storage, "record_time_now", lambda: earlier):
        document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "L1", tea.site.gln))))
    out = io.StringIO()
    call_command("trace_anchor", stdout=out)
    anchor = ChainAnchor.objects.get()
    assert anchor.root in out.getvalue() and out.getvalue().strip().endswith("1 anchors.")
    assert TraceEvent.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("trace_anchor", day="yesterday")


@pytest.mark.django_db
def test_the_daily_verification_task_keeps_english_reasons_for_the_page(tea):
    from django.utils import translation

    from chushan.trace.models import ChainCheck
    from chushan.trace.tasks import chains_verify

    document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "L1", tea.site.gln))))
    assert chains_verify() == 0 and ChainCheck.objects.get().intact
    with connection.cursor() as cursor:
        cursor.execute("UPDATE trace_chainrecord SET digest = %s", ["f" * 64])
    with translation.override("zh-hans"):  # a worker running in the default language
        assert chains_verify() == 1
    check = ChainCheck.objects.get()
    assert (check.intact, check.broken_seq) == (False, 1)
    assert check.reason == "the record's digest does not match its contents"
