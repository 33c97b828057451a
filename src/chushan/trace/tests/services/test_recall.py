"""Recall: everything downstream of a lot through transformations and aggregations, and its shoppers told."""

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.core.errors import ApplicationError
from chushan.trace.models import LotSale, Recall, TraceEvent
from chushan.trace.services import event_capture, lot_recall, platform_event_record
from chushan.trace.tests.documents import body, harvest, lot_class, place

pytestmark = pytest.mark.django_db

SENT = []


class RecordingNotifier:
    def notify(self, *, shopper, recall, lots):
        SENT.append((shopper.pk, recall.pk, sorted(lot.code for lot in lots)))


@pytest.fixture
def supply_chain(tea, rival):
    """Chillies (rival's lot) → sauce (tea's lot) → packed into a case → shipped to a shop, sold to a shopper."""
    event_capture(actor=rival.user, event=body(harvest(rival.gtin, "CHILLI-1", rival.site.gln)))
    event_capture(actor=tea.user, event=body({
        "type": "TransformationEvent", "eventTime": "2024-05-02T10:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
        "inputQuantityList": [{"epcClass": lot_class(rival.gtin, "CHILLI-1"), "quantity": 40, "uom": "KGM"}],
        "outputQuantityList": [{"epcClass": lot_class(tea.gtin, "SAUCE-1"), "quantity": 300, "uom": "EA"}],
        "bizStep": "commissioning", "readPoint": {"id": place(tea.site.gln)}}))
    case = "urn:chushan:case:SAUCE-1-01"
    event_capture(actor=tea.user, event=body({
        "type": "AggregationEvent", "eventTime": "2024-05-02T12:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
        "parentID": case, "childQuantityList": [{"epcClass": lot_class(tea.gtin, "SAUCE-1"), "quantity": 24}],
        "action": "ADD", "bizStep": "packing", "readPoint": {"id": place(tea.site.gln)}}))
    event_capture(actor=tea.user, event=body({
        "type": "ObjectEvent", "eventTime": "2024-05-03T08:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
        "epcList": [case], "action": "OBSERVE", "bizStep": "shipping", "readPoint": {"id": place(tea.site.gln)},
        "destinationList": [{"type": "location", "destination": place(tea.shop.gln)}]}))
    shopper = UserFactory()
    platform_event_record(kind="sold", seller_id=tea.seller.pk, lines=[{"gtin": tea.gtin, "lot": "SAUCE-1",
                                                                       "quantity": 1}],
                          location_gln=tea.shop.gln, reference="S-1", shopper_id=shopper.pk)
    return {"case": case, "shopper": shopper}


def test_recall_reaches_through_transformation_and_aggregation(tea, rival, supply_chain, settings):
    from chushan.trace.models import Lot
    from chushan.trace.selectors import recall_trace

    chilli = Lot.objects.get(code="CHILLI-1")
    reach = recall_trace(lot=chilli)
    assert [lot.code for lot in reach.lots] == ["CHILLI-1", "SAUCE-1"]
    assert reach.containers == [supply_chain["case"]]
    assert place(tea.shop.gln) in reach.locations and place(rival.site.gln) in reach.locations
    assert reach.shoppers == [supply_chain["shopper"]]
    assert reach.sales[0].reference == "S-1"


def test_recalling_tells_the_shoppers_and_marks_the_lot(tea, rival, supply_chain, settings,
                                                       django_capture_on_commit_callbacks):
    from chushan.trace.models import Lot

    settings.CHUSHAN_RECALL_NOTIFIER = "chushan.trace.tests.services.test_recall.RecordingNotifier"
    SENT.clear()
    chilli = Lot.objects.get(code="CHILLI-1")
    with django_capture_on_commit_callbacks(execute=True):
        recall = lot_recall(actor=rival.user, lot=chilli, reason="农药残留超标")
    assert (recall.lots_reached, recall.shoppers_notified) == (2, 1)
    assert [(supply_chain["shopper"].pk, recall.pk, ["SAUCE-1"])] == SENT
    marked = TraceEvent.objects.filter(seller=rival.seller, disposition__endswith="recalled").get()
    assert "农药残留超标" in marked.body


def test_another_seller_cannot_recall(tea, rival, supply_chain):
    from chushan.trace.models import Lot

    with pytest.raises(ApplicationError) as caught:
        lot_recall(actor=tea.user, lot=Lot.objects.get(code="CHILLI-1"), reason="x")
    assert caught.value.status == 403
    assert Recall.objects.count() == 0 and LotSale.objects.count() == 1


def test_the_lots_made_from_a_recalled_lot_are_marked_in_their_own_chain(tea, rival, supply_chain, client):
    from chushan.trace.models import Lot
    from chushan.trace.services import verify_trace

    lot_recall(actor=rival.user, lot=Lot.objects.get(code="CHILLI-1"), reason="农药残留超标")
    sauce_recall = TraceEvent.objects.get(seller=tea.seller, disposition__endswith="recalled")
    assert lot_class(tea.gtin, "SAUCE-1") in sauce_recall.body
    assert lot_class(rival.gtin, "CHILLI-1") in sauce_recall.body  # why: the lot it was made from
    assert sauce_recall.source == TraceEvent.Source.PLATFORM
    page = client.get(f"/01/{tea.gtin}/10/SAUCE-1").content.decode()
    assert 'class="recalled"' in page and "农药残留超标" in page
    assert verify_trace().intact


def test_shoppers_get_a_text_message_by_default(tea, rival, supply_chain, settings,
                                                django_capture_on_commit_callbacks):
    from chushan.accounts.sms import OutboxSender
    from chushan.trace.models import Lot

    settings.CHUSHAN_RECALL_NOTIFIER = "chushan.trace.notifiers.SmsNotifier"
    settings.CHUSHAN_SMS_SENDER = "chushan.accounts.sms.OutboxSender"
    OutboxSender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lot_recall(actor=rival.user, lot=Lot.objects.get(code="CHILLI-1"), reason="农药残留超标")
    [message] = OutboxSender.outbox
    assert message.mobile == supply_chain["shopper"].mobile and message.template == "lot_recall"
    assert "SAUCE-1" in message.render() and "农药残留超标" in message.render()


class FailingNotifier:
    def notify(self, *, shopper, recall, lots):
        raise ConnectionError("SMS gateway down")


def test_a_failed_message_does_not_undo_the_recall(tea, rival, supply_chain, settings,
                                                  django_capture_on_commit_callbacks):
    from chushan.trace.models import Lot

    settings.CHUSHAN_RECALL_NOTIFIER = "chushan.trace.tests.services.test_recall.FailingNotifier"
    with django_capture_on_commit_callbacks(execute=True):
        recall = lot_recall(actor=rival.user, lot=Lot.objects.get(code="CHILLI-1"), reason="农药残留超标")
    assert Recall.objects.get() == recall and recall.shoppers_notified == 1
