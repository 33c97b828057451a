"""`chushan check_stock` is quiet when stock equals the ledger and names the SKU and location when not."""

import pytest
from django.core.management import CommandError, call_command

from chushan.inventory import services
from chushan.inventory.models import Stock

pytestmark = pytest.mark.django_db


def test_agreeing_stock_passes(capsys, shopper, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=2)
    call_command("check_stock")
    assert capsys.readouterr().err == ""


def test_stock_changed_behind_the_ledgers_back_is_named(capsys, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    Stock.objects.filter(sku=sku).update(on_hand=9)  # someone edited the row directly
    with pytest.raises(CommandError):
        call_command("check_stock")
    err = capsys.readouterr().err
    assert sku.code in err and warehouse.name in err and "9" in err and "5" in err


def test_a_hold_without_its_reservation_is_named(capsys, shopper, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    reservation = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=2)
    from chushan.inventory.models import Reservation

    Reservation.objects.filter(pk=reservation.pk).update(state="released", closed_at=reservation.created_at)
    with pytest.raises(CommandError):
        call_command("check_stock")
    assert sku.code in capsys.readouterr().err


def test_the_failure_is_exit_status_1(sku, warehouse, receive):
    receive(warehouse, sku, 1)
    Stock.objects.filter(sku=sku).update(on_hand=3)
    with pytest.raises(CommandError) as failed:  # manage.py turns a CommandError into its returncode
        call_command("check_stock")
    assert failed.value.returncode == 1


def test_a_line_pointing_at_nothing_is_named(capsys, shopper, sku, warehouse, receive):
    from chushan.inventory.models import Reservation

    receive(warehouse, sku, 5)
    hold = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1)
    Reservation.objects.filter(pk=hold.pk).update(channel_id=999_999)  # behind the services' back
    with pytest.raises(CommandError):
        call_command("check_stock")
    assert f"#{hold.pk}" in capsys.readouterr().err
