"""Transfers and returns of SKUs with a GTIN are announced once they commit, so traceability can follow the lots
to the new location (STOCK_TRANSFERRED) and give returned units back to theirs (STOCK_RETURNED)."""

import pytest

from chushan.catalog.tests.factories import SkuFactory
from chushan.core import events
from chushan.inventory import services
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.tests.conftest import assert_ledger_balances

pytestmark = pytest.mark.django_db
GTIN = "06901234567892"


@pytest.fixture
def heard(monkeypatch):
    seen = []
    real = events.publish

    def record(event, **payload):
        if event in (events.STOCK_TRANSFERRED, events.STOCK_RETURNED):
            seen.append((event, payload))
        real(event, **payload)

    monkeypatch.setattr(events, "publish", record)
    return seen


@pytest.fixture
def tea(seller):
    return SkuFactory(product__seller=seller, gtin=GTIN)


@pytest.fixture
def places(warehouse, shop):
    warehouse.gln, shop.gln = "6901234000017", "6901234000024"
    warehouse.save(update_fields=["gln"])
    shop.save(update_fields=["gln"])
    return warehouse, shop


def _items(*pairs):
    return [services.TransferItem(sku=sku, quantity=quantity) for sku, quantity in pairs]


def test_a_transfer_is_announced_after_commit_with_its_gtin_lines(owner, seller, tea, places, receive, heard,
                                                                  django_capture_on_commit_callbacks):
    warehouse, shop = places
    plain = SkuFactory(product__seller=seller)
    receive(warehouse, tea, 10)
    receive(warehouse, plain, 3)
    with django_capture_on_commit_callbacks() as callbacks:
        transfer = services.stock_transfer(actor=owner, from_location=warehouse, to_location=shop,
                                           items=_items((tea, 6), (plain, 3)))
    assert callbacks, "traceability hears of it once the transfer commits"
    assert heard == [(events.STOCK_TRANSFERRED, {
        "seller_id": warehouse.seller_id,
        "lines": [{"gtin": GTIN, "lot": None, "serial": None, "quantity": 6, "uom": "EA"}],
        "occurred_at": transfer.created_at, "from_gln": "6901234000017", "from_name": warehouse.name,
        "to_gln": "6901234000024", "to_name": shop.name, "reference": f"TR{transfer.pk}"})]
    assert_ledger_balances()


def test_a_transfer_of_skus_without_a_gtin_or_a_refused_one_is_not_announced(owner, seller, tea, places, receive,
                                                                             heard):
    warehouse, shop = places
    plain = SkuFactory(product__seller=seller)
    receive(warehouse, plain, 3)
    services.stock_transfer(actor=owner, from_location=warehouse, to_location=shop, items=_items((plain, 1)))
    with pytest.raises(InsufficientStock):
        services.stock_transfer(actor=owner, from_location=warehouse, to_location=shop, items=_items((tea, 1)))
    assert heard == []


def test_a_return_is_announced_with_the_sale_it_came_from(owner, tea, places, heard,
                                                          django_capture_on_commit_callbacks):
    _warehouse, shop = places
    with django_capture_on_commit_callbacks() as callbacks:
        movement = services.stock_return(actor=owner, sku=tea, location=shop, quantity=2, reference="R20240510001",
                                         reason="尺寸不合适", sold_ref="O20240501007")
    assert callbacks
    assert heard == [(events.STOCK_RETURNED, {
        "seller_id": shop.seller_id,
        "lines": [{"gtin": GTIN, "lot": None, "serial": None, "quantity": 2, "uom": "EA"}],
        "occurred_at": movement.created_at, "location_gln": "6901234000024", "location_name": shop.name,
        "reference": f"SM{movement.pk}", "sold_ref": "O20240501007"})]


def test_a_return_names_its_own_reference_as_the_sale_unless_told_otherwise(owner, seller, tea, shop, heard):
    services.stock_return(actor=owner, sku=tea, location=shop, quantity=1, reference="O20240501007")
    services.stock_return(actor=owner, sku=tea, location=shop, quantity=1)  # no sale named: nothing to give back
    services.stock_return(actor=owner, sku=SkuFactory(product__seller=seller), location=shop, quantity=1,
                          reference="O20240501007")  # no GTIN: not traceable
    assert [payload["sold_ref"] for _event, payload in heard] == ["O20240501007"]
    assert heard[0][1]["location_gln"] is None  # the shop has no GLN: traceability decides what that means
