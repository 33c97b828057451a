"""End to end: a cooperative receives a lot of tea into its warehouse, sends part of it to its shop at a scenic
spot, and a shopper picks an order up there; the lot's story shows the tea travelling and its recall reaches
the shopper. Returns at the counter and through after-sales give the units back to the lot."""

import json

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.aftersales import services as aftersales_services
from chushan.aftersales.tests.support import ask
from chushan.catalog.models import Sku
from chushan.inventory import services as stock_services
from chushan.inventory.tests.factories import LocationFactory, ShopFactory
from chushan.orders import services as order_services
from chushan.orders.models import PickupCode
from chushan.orders.tests.support import line, pay, place
from chushan.pos import services as pos_services
from chushan.pos.tests.factories import cash_sale
from chushan.trace.builders import place as gln_uri
from chushan.trace.models import Lot, LotBalance, LotSale
from chushan.trace.selectors import recall_trace
from chushan.trace.story import lot_story
from chushan.trace.tests.factories import TEA_PREFIX, gln

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sandbox(settings):
    providers = {**settings.CHUSHAN_PAYMENT_PROVIDERS}
    providers["sandbox"] = {**providers["sandbox"], "enabled": True, "secret": "sandbox-test-secret",
                            "notify_url": "", "duplicates": 1, "delay_seconds": 0}
    settings.CHUSHAN_PAYMENT_PROVIDERS = providers
    settings.CHUSHAN_PICKUP_NOTIFIER = "chushan.orders.notifiers.OutboxNotifier"


@pytest.fixture
def sku(tea):
    return Sku.objects.get(gtin=tea.gtin)


@pytest.fixture
def warehouse(tea):
    return LocationFactory(seller=tea.seller, name="丹寨仓库", gln=gln(TEA_PREFIX, "00011"))


@pytest.fixture
def shop(tea):
    return ShopFactory(seller=tea.seller, name="西江千户苗寨店", gln=gln(TEA_PREFIX, "00010"))


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run what waits for its commit (the trace handlers)."""
    def _run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)
    return _run


def _transfer(run, tea, sku, warehouse, shop, quantity):
    return run(stock_services.stock_transfer, actor=tea.user, from_location=warehouse, to_location=shop,
               items=[stock_services.TransferItem(sku=sku, quantity=quantity)], note="景区店备货")


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


def _rest(code: str, location) -> int:
    return sum(row.rest for row in LotBalance.objects.filter(lot__code=code, location_gln=location.gln))


def test_a_lot_sent_from_the_warehouse_is_picked_up_at_the_shop_and_recalled(
        tea, sku, warehouse, shop, run, django_capture_on_commit_callbacks):
    run(stock_services.stock_receive, actor=tea.user, sku=sku, location=warehouse, quantity=10, lot="LS2024-05")
    transfer = _transfer(run, tea, sku, warehouse, shop, 6)
    shopper = UserFactory()
    order = _picked_up(shopper, sku, shop, 2, tea.user, django_capture_on_commit_callbacks)

    lot = Lot.objects.get(gtin=tea.gtin, code="LS2024-05")
    story = [json.loads(e.body) for e in lot_story(lot).events]
    assert [(e["bizStep"], e.get("readPoint", {}).get("id")) for e in story] == [
        ("receiving", gln_uri(warehouse.gln)), ("shipping", gln_uri(warehouse.gln)),
        ("receiving", gln_uri(shop.gln)), ("retail_selling", gln_uri(shop.gln))]
    shipped = story[1]
    assert shipped["destinationList"] == [{"type": "location", "destination": gln_uri(shop.gln)}]
    assert shipped["bizTransactionList"] == [{"type": "desadv",
                                              "bizTransaction": f"urn:chushan:transfer:TR{transfer.pk}"}]
    assert shipped["quantityList"][0]["quantity"] == 6 and story[3]["quantityList"][0]["quantity"] == 2

    reach = recall_trace(lot=lot)
    assert [(s.reference, s.kind, s.quantity, s.location_gln) for s in reach.sales] == [
        (order.number, "picked_up", 2, shop.gln)]
    assert reach.shoppers == [shopper]
    assert (_rest("LS2024-05", warehouse), _rest("LS2024-05", shop)) == (4, 4)


def test_the_shop_sells_the_warehouses_older_lot_before_its_own_newer_one(
        tea, sku, warehouse, shop, run, django_capture_on_commit_callbacks):
    run(stock_services.stock_receive, actor=tea.user, sku=sku, location=warehouse, quantity=5, lot="LS-SPRING")
    run(stock_services.stock_receive, actor=tea.user, sku=sku, location=shop, quantity=5, lot="LS-SUMMER")
    _transfer(run, tea, sku, warehouse, shop, 3)
    shopper = UserFactory()
    order = _picked_up(shopper, sku, shop, 4, tea.user, django_capture_on_commit_callbacks)
    assert sorted(LotSale.objects.values_list("reference", "lot__code", "quantity")) == [
        (order.number, "LS-SPRING", 3), (order.number, "LS-SUMMER", 1)]


def test_a_transfer_of_more_than_the_lots_cover_carries_only_the_lot_units(tea, sku, warehouse, shop, run):
    run(stock_services.stock_receive, actor=tea.user, sku=sku, location=warehouse, quantity=3, lot="LS-A")
    run(stock_services.stock_receive, actor=tea.user, sku=sku, location=warehouse, quantity=4)  # no lot named
    _transfer(run, tea, sku, warehouse, shop, 6)
    assert (_rest("LS-A", warehouse), _rest("LS-A", shop)) == (0, 3)
    moved = [json.loads(e.body) for e in lot_story(Lot.objects.get(code="LS-A")).events][1:]
    assert [(e["bizStep"], e["quantityList"][0]["quantity"]) for e in moved] == [("shipping", 3), ("receiving", 3)]


def test_a_unit_returned_at_the_counter_goes_back_to_its_lot(tea, sku, shop, run):
    run(stock_services.stock_receive, actor=tea.user, sku=sku, location=shop, quantity=5, lot="LS-A")
    sold = run(cash_sale, clerk=tea.user, location=shop, items=[(sku, 3)])
    assert _rest("LS-A", shop) == 2
    sale_line = sold.lines.get()
    run(pos_services.pos_return_take, actor=tea.user, sale=sold, lines=[(sale_line.pk, 1)], method="cash",
        reason="包装破损")
    assert _rest("LS-A", shop) == 3


def test_a_unit_returned_through_after_sales_goes_back_to_its_lot_where_it_is_restocked(
        tea, sku, warehouse, shop, run, django_capture_on_commit_callbacks):
    run(stock_services.stock_receive, actor=tea.user, sku=sku, location=shop, quantity=5, lot="LS-A")
    shopper = UserFactory()
    order = _picked_up(shopper, sku, shop, 2, tea.user, django_capture_on_commit_callbacks)
    request = ask(shopper, order, units=1)
    request = aftersales_services.return_request_decide(actor=tea.user, request=request, approve=True,
                                                        restock_location=warehouse)
    run(aftersales_services.return_request_receive, actor=tea.user, request=request, location=warehouse)
    assert (_rest("LS-A", shop), _rest("LS-A", warehouse)) == (3, 1)
    assert recall_trace(lot=Lot.objects.get(code="LS-A")).shoppers == [shopper]  # they had it; they are told
