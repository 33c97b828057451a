"""The database itself refuses stock that goes negative, holds beyond stock, and malformed ledger lines."""

import pytest
from django.db import IntegrityError, transaction

from chushan.inventory.models import Stock, StockMovement

pytestmark = pytest.mark.django_db


def _refused(**update):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stock.objects.filter().update(**update)


def test_stock_cannot_go_negative_or_hold_more_than_it_has(sku, warehouse, receive):
    receive(warehouse, sku, 2)
    _refused(on_hand=-1)
    _refused(reserved=-1)
    _refused(reserved=3)
    assert Stock.objects.get().on_hand == 2


@pytest.mark.parametrize("kind,on_hand,reserved,reason", [
    ("receipt", -1, 0, ""), ("receipt", 1, 1, ""), ("reservation", 1, 1, ""), ("release", 0, 1, ""),
    ("sale", 1, 0, ""), ("sale", -1, 1, ""), ("transfer_out", 1, 0, ""), ("adjustment", 0, 0, "x"),
    ("adjustment", 1, 0, ""), ("return", -1, 0, ""), ("teleport", 1, 0, ""),
])
def test_ledger_lines_must_have_the_shape_of_their_kind(sku, warehouse, receive, kind, on_hand, reserved, reason):
    receive(warehouse, sku, 2)
    stock = Stock.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        StockMovement.objects.create(stock=stock, kind=kind, on_hand_delta=on_hand, reserved_delta=reserved,
                                     reason=reason)


def test_a_hold_is_closed_at_most_once_by_the_database(shopper, sku, warehouse, receive):
    from chushan.inventory import services

    receive(warehouse, sku, 2)
    hold = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1)
    services.reservation_release(actor=None, reservation=hold)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockMovement.objects.create(stock_id=hold.stock_id, kind="sale", on_hand_delta=-1, reserved_delta=-1,
                                     reservation_id=hold.pk)


def test_on_postgresql_the_ledger_cannot_be_rewritten_or_stock_deleted(sku, warehouse, receive):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the append-only triggers are PostgreSQL's (migration 0003)")
    receive(warehouse, sku, 2)
    for attempt in (lambda: StockMovement.objects.update(on_hand_delta=5),
                    lambda: StockMovement.objects.all().delete(),
                    lambda: Stock.objects.all()._raw_delete(Stock.objects.db)):
        with pytest.raises(IntegrityError), transaction.atomic():
            attempt()
    assert StockMovement.objects.get().on_hand_delta == 2 and Stock.objects.get().on_hand == 2


@pytest.mark.django_db(transaction=True)
def test_the_sales_channels_come_back_after_the_tables_are_emptied():
    # A flush between transactional (browser) tests empties every table and emits post_migrate; the channels
    # must return, or the next test's shops sell on no channel and checkout finds no shop to pick up from.
    from django.core.management import call_command

    from chushan.inventory.models import SalesChannel

    call_command("flush", interactive=False, verbosity=0)
    assert set(SalesChannel.objects.values_list("code", flat=True)) == {
        "web", "shop_counter", "consignment_counter", "live_stream", "institutional"}
