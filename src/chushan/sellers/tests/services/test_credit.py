import pytest

from chushan.core import events
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.sellers import services
from chushan.sellers.models import CreditEvent, Seller
from chushan.sellers.tests.factories import SellerFactory, member, operator, reviewer
from chushan.sellers.tests.support import snapshot

pytestmark = pytest.mark.django_db


def test_an_operator_records_an_upheld_complaint(django_capture_on_commit_callbacks):
    seller, who = SellerFactory(credit_score=600), operator()
    seen = []

    def handler(seller_id):
        seen.append(seller_id)

    events.subscribe(events.SELLER_CHANGED, handler)
    with django_capture_on_commit_callbacks(execute=True):
        event = services.credit_event_record(actor=who, seller=seller, kind="complaint_upheld",
                                             reference="工单 2025-0042", note="以次充好")
    events._handlers[events.SELLER_CHANGED].remove(handler)
    assert (event.points, event.actor, event.note) == (-50, who, "以次充好")
    assert Seller.objects.get(pk=seller.pk).credit_score == 550
    assert seen == [seller.pk]


def test_the_same_reference_counts_once():
    seller = SellerFactory(credit_score=600)
    for _attempt in range(3):
        services.credit_event_record(actor=None, seller=seller, kind="late_shipment", reference="order:881")
    assert CreditEvent.objects.count() == 1
    assert Seller.objects.get(pk=seller.pk).credit_score == 590


def test_events_without_a_reference_always_count():
    seller = SellerFactory(credit_score=600)
    services.credit_event_record(actor=None, seller=seller, kind="good_standing")
    services.credit_event_record(actor=None, seller=seller, kind="good_standing")
    assert Seller.objects.get(pk=seller.pk).credit_score == 630


def test_the_score_stops_at_zero_and_at_a_thousand():
    low, high = SellerFactory(credit_score=100), SellerFactory(credit_score=995)
    services.credit_event_record(actor=None, seller=low, kind="violation")
    services.credit_event_record(actor=None, seller=high, kind="good_standing")
    assert Seller.objects.get(pk=low.pk).credit_score == 0
    assert Seller.objects.get(pk=high.pk).credit_score == 1000


def test_operators_cannot_award_admission_points_and_unknown_kinds_are_refused():
    seller, who = SellerFactory(), operator()
    before = snapshot()
    for kind in ("admission", "certificate", "bribe"):
        with pytest.raises(Unprocessable) as exc:
            services.credit_event_record(actor=who, seller=seller, kind=kind)
        assert "kind" in exc.value.errors
    with pytest.raises(Unprocessable):
        services.credit_event_record(actor=who, seller=seller, kind="violation", reference="x" * 81)
    assert snapshot() == before


def test_only_operators_record_credit_events():
    seller = SellerFactory()
    for actor in (reviewer(), member(seller), member()):
        before = snapshot()
        with pytest.raises(PermissionDenied):
            services.credit_event_record(actor=actor, seller=seller, kind="good_standing")
        assert snapshot() == before


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_concurrent_events_all_count_and_a_retried_reference_counts_once():
    import threading

    from django.db import connection

    seller = SellerFactory(credit_score=600)
    barrier = threading.Barrier(8)
    errors = []

    def record(i):
        try:
            barrier.wait()
            reference = "ticket:dup" if i % 2 else ""
            services.credit_event_record(actor=None, seller=seller, kind="late_shipment", reference=reference)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    # Four without a reference, and the duplicated reference once.
    assert CreditEvent.objects.count() == 5
    assert Seller.objects.get(pk=seller.pk).credit_score == 600 - 5 * 10
