"""Receiving a named lot (批次): kept on the ledger line, checked with GS1 lot rules, announced for traceability."""

import pytest

from chushan.catalog.tests.factories import SkuFactory
from chushan.core import events
from chushan.core.errors import Unprocessable
from chushan.inventory import services
from chushan.inventory.models import Stock, StockMovement
from chushan.inventory.tests.conftest import assert_ledger_balances, ledger_count

pytestmark = pytest.mark.django_db
GTIN = "06901234567892"


@pytest.fixture
def heard(monkeypatch):
    seen = []
    real = events.publish

    def record(event, **payload):
        seen.append((event, payload))
        real(event, **payload)

    monkeypatch.setattr(events, "publish", record)
    return seen


@pytest.fixture
def tea(seller):
    return SkuFactory(product__seller=seller, gtin=GTIN)


@pytest.fixture
def traced_shop(shop):
    shop.gln = "6901234000017"
    shop.save(update_fields=["gln"])
    return shop


def test_the_lot_is_kept_on_the_receipt_and_announced_after_commit(owner, tea, traced_shop, heard,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        movement = services.stock_receive(actor=owner, sku=tea, location=traced_shop, quantity=20,
                                          reference="送货单 7", lot=" LS2024-05 ")
    assert StockMovement.objects.get(pk=movement.pk).lot == "LS2024-05"
    assert callbacks, "the trace event waits for the commit"
    assert heard == [(events.STOCK_RECEIVED, {
        "seller_id": traced_shop.seller_id,
        "lines": [{"gtin": GTIN, "lot": "LS2024-05", "serial": None, "quantity": 20, "uom": "EA"}],
        "occurred_at": movement.created_at, "location_gln": "6901234000017", "location_name": traced_shop.name,
        "reference": f"SM{movement.pk}"})]
    assert_ledger_balances()


def test_without_a_lot_or_a_gtin_nothing_is_announced(owner, seller, tea, traced_shop, heard):
    services.stock_receive(actor=owner, sku=tea, location=traced_shop, quantity=2)
    plain = SkuFactory(product__seller=seller)
    movement = services.stock_receive(actor=owner, sku=plain, location=traced_shop, quantity=2, lot="LS1")
    assert movement.lot == "LS1"  # kept on the ledger all the same
    assert heard == []
    assert list(StockMovement.objects.values_list("lot", flat=True).order_by("pk")) == ["", "LS1"]


def test_other_movements_carry_no_lot(owner, tea, traced_shop, receive):
    receive(traced_shop, tea, 3)
    services.stock_sell_now(actor=owner, sku=tea, location=traced_shop, quantity=1)
    assert set(StockMovement.objects.values_list("lot", flat=True)) == {""}


@pytest.mark.parametrize("lot", ["春茶2024", "LS 2024", "x" * 21, "L\x00T", 42, "LS#1"])
def test_a_lot_outside_gs1_rules_is_refused_and_nothing_is_written(owner, tea, traced_shop, heard, lot):
    with pytest.raises(Unprocessable) as refused:
        services.stock_receive(actor=owner, sku=tea, location=traced_shop, quantity=5, lot=lot)
    assert refused.value.code == "invalid_lot" and "lot" in refused.value.errors
    assert ledger_count() == 0 and not Stock.objects.exists() and heard == []


@pytest.mark.parametrize("lot", ["A", "x" * 20, "LS-2024/05_a.1", "%&'()*+,:;<=>?!\""])
def test_every_gs1_lot_is_accepted(owner, tea, traced_shop, lot):
    assert services.stock_receive(actor=owner, sku=tea, location=traced_shop, quantity=1, lot=lot).lot == lot
