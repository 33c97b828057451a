"""Daily anchors: the Merkle root of a finished day's records, once per seller and day."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from chushan.trace import rules
from chushan.trace.chain import anchor_digest
from chushan.trace.models import ChainAnchor, ChainRecord
from chushan.trace.services import chain_anchor_day, chain_anchor_pending, document_capture, storage
from chushan.trace.tests.documents import body, document, harvest

pytestmark = pytest.mark.django_db


def _captured_days_ago(party, lots, days: int):
    """Capture as if the server clock read ``days`` earlier (record times come from it)."""
    now = rules.truncate_ms(timezone.now() - datetime.timedelta(days=days))
    with mock.patch.object(storage, "record_time_now", lambda: now):
        document_capture(actor=party.user, body=body(document(*[harvest(party.gtin, lot, party.site.gln)
                                                                for lot in lots])))


def test_a_finished_day_gets_the_merkle_root_of_its_records(tea):
    _captured_days_ago(tea, ["L1", "L2", "L3"], days=2)
    day = timezone.localdate() - datetime.timedelta(days=2)
    anchor = chain_anchor_day(seller_id=tea.seller.pk, day=day)
    digests = list(ChainRecord.objects.filter(seller=tea.seller).order_by("seq").values_list("digest", flat=True))
    assert anchor.root == anchor_digest(digests)
    assert (anchor.first_seq, anchor.last_seq, anchor.head_digest) == (1, 3, digests[-1])
    assert chain_anchor_day(seller_id=tea.seller.pk, day=day) == anchor  # published once


def test_pending_anchors_cover_every_finished_day_and_seller(tea, rival):
    _captured_days_ago(tea, ["L1"], days=3)
    _captured_days_ago(tea, ["L2", "L3"], days=1)
    _captured_days_ago(rival, ["B1"], days=1)
    document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "TODAY", tea.site.gln))))
    created = chain_anchor_pending()
    assert sorted((a.seller_id, a.first_seq, a.last_seq) for a in created) == [
        (tea.seller.pk, 1, 1), (tea.seller.pk, 2, 3), (rival.seller.pk, 1, 1)]
    assert chain_anchor_pending() == []  # today is not over; the rest is anchored
    assert ChainAnchor.objects.count() == 3


def test_today_cannot_be_anchored(tea):
    with pytest.raises(ValueError):
        chain_anchor_day(seller_id=tea.seller.pk, day=datetime.date.today() + datetime.timedelta(days=1))


def test_a_day_without_records_has_no_anchor(tea):
    assert chain_anchor_day(seller_id=tea.seller.pk, day=datetime.date(2024, 1, 1)) is None
