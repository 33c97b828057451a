"""End to end: a lot of tea received into a shop through the stock services, a shopper's pick-up order placed,
paid, readied and collected through the order services; the lot's story and its recall then show all of it."""

import json

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.models import Sku
from chushan.inventory import services as stock_services
from chushan.inventory.tests.factories import ShopFactory
from chushan.orders import services as order_services
from chushan.orders.models import PickupCode
from chushan.orders.tests.support import line, pay, place
from chushan.trace.builders import place as gln_uri
from chushan.trace.models import Lot, LotSale
from chushan.trace.selectors import recall_trace
from chushan.trace.services import lot_recall
from chushan.trace.story import lot_story
from chushan.trace.tests.factories import TEA_PREFIX, gln

pytestmark = pytest.mark.django_db
NOTIFIED = []


class RecordingNotifier:
    def notify(self, *, shopper, recall, lots):
        NOTIFIED.append((shopper.pk, [lot.code for lot in lots]))


@pytest.fixture(autouse=True)
def _sandbox(settings):
    providers = {**settings.CHUSHAN_PAYMENT_PROVIDERS}
    providers["sandbox"] = {**providers["sandbox"], "enabled": True, "secret": "sandbox-test-secret",
                            "notify_url": "", "duplicates": 1, "delay_seconds": 0}
    settings.CHUSHAN_PAYMENT_PROVIDERS = providers
    settings.CHUSHAN_PICKUP_NOTIFIER = "chushan.orders.notifiers.OutboxNotifier"
    settings.CHUSHAN_RECALL_NOTIFIER = "chushan.trace.tests.test_platform_flow.RecordingNotifier"
    NOTIFIED.clear()


@pytest.fixture
def shop(tea):
    return ShopFactory(seller=tea.seller, name="西江千户苗寨店", gln=gln(TEA_PREFIX, "00010"))


def _picked_up(shopper, sku, shop, quantity, staff, capture):
    checkout = place(shopper, line(sku, quantity, fulfilment="pickup", pickup_location=shop))
    pay(checkout, capture)
    order = checkout.orders.get()
    with capture(execute=True):
        order_services.order_ready_for_pickup(actor=staff, order=order)
        code = PickupCode.objects.get(order=order).code
        order_services.order_pickup_complete(actor=staff, location=shop, code=code)
    order.refresh_from_db()
    assert order.state == "picked_up"
    return order


def test_a_received_lot_picked_up_by_a_shopper_is_traced_and_recalled(client, tea, shop,
                                                                     django_capture_on_commit_callbacks):
    sku = Sku.objects.get(gtin=tea.gtin)
    with django_capture_on_commit_callbacks(execute=True):
        stock_services.stock_receive(actor=tea.user, sku=sku, location=shop, quantity=10, lot="LS2024-05",
                                     reference="送货单 12")
    shopper = UserFactory()
    order = _picked_up(shopper, sku, shop, 2, tea.user, django_capture_on_commit_callbacks)

    lot = Lot.objects.get(gtin=tea.gtin, code="LS2024-05")
    assert (lot.seller, lot.sku) == (tea.seller, sku)
    story = lot_story(lot)
    assert [(json.loads(e.body)["bizStep"], e.biz_location) for e in story.events] == [
        ("receiving", gln_uri(shop.gln)), ("retail_selling", gln_uri(shop.gln))]
    picked = json.loads(story.events[1].body)
    assert picked["quantityList"] == [{"epcClass": f"https://id.gs1.org/01/{tea.gtin}/10/LS2024-05",
                                       "quantity": 2, "uom": "EA"}]
    assert {"type": "po", "bizTransaction": f"urn:chushan:order:{order.number}"} in picked["bizTransactionList"]
    assert shopper.mobile not in story.events[1].body  # the public event never names the shopper

    scanned = client.get(f"/01/{tea.gtin}/10/LS2024-05", HTTP_ACCEPT="application/ld+json")
    assert scanned.status_code == 200
    assert {e["bizStep"] for e in scanned.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]} == {
        "receiving", "retail_selling"}

    reach = recall_trace(lot=lot)
    assert [(s.reference, s.kind, s.quantity, s.location_gln) for s in reach.sales] == [
        (order.number, "picked_up", 2, shop.gln)]
    assert reach.shoppers == [shopper]
    assert gln_uri(shop.gln) in reach.locations
    with django_capture_on_commit_callbacks(execute=True):
        recall = lot_recall(actor=tea.user, lot=lot, reason="农残复检不合格")
    assert recall.shoppers_notified == 1
    assert [(shopper.pk, ["LS2024-05"])] == NOTIFIED


def test_two_lots_in_a_shop_are_sold_oldest_first_across_both(tea, shop, django_capture_on_commit_callbacks):
    sku = Sku.objects.get(gtin=tea.gtin)
    with django_capture_on_commit_callbacks(execute=True):
        stock_services.stock_receive(actor=tea.user, sku=sku, location=shop, quantity=3, lot="LS-SPRING")
    with django_capture_on_commit_callbacks(execute=True):
        stock_services.stock_receive(actor=tea.user, sku=sku, location=shop, quantity=5, lot="LS-SUMMER")
    first, second = UserFactory(), UserFactory()
    one = _picked_up(first, sku, shop, 2, tea.user, django_capture_on_commit_callbacks)
    two = _picked_up(second, sku, shop, 4, tea.user, django_capture_on_commit_callbacks)
    sales = sorted(LotSale.objects.values_list("reference", "lot__code", "quantity", "shopper"))
    assert sales == sorted([(one.number, "LS-SPRING", 2, first.pk), (two.number, "LS-SPRING", 1, second.pk),
                            (two.number, "LS-SUMMER", 3, second.pk)])
    assert recall_trace(lot=Lot.objects.get(code="LS-SUMMER")).shoppers == [second]
    assert set(recall_trace(lot=Lot.objects.get(code="LS-SPRING")).shoppers) == {first, second}
