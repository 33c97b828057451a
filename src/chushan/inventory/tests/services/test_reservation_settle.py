"""Commit (the sale), release and expiry: every hold ends exactly once."""

import datetime

import pytest
from django.utils import timezone, translation

from chushan.catalog.tests.factories import SkuFactory
from chushan.core import events
from chushan.core.errors import PermissionDenied
from chushan.inventory import selectors, services
from chushan.inventory.errors import ReservationClosed, ReservationExpired
from chushan.inventory.events import RESERVATIONS_EXPIRED
from chushan.inventory.models import Reservation, Stock, StockMovement
from chushan.inventory.tests.conftest import assert_ledger_balances, ledger_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def hold(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    return services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=2, reference="order-line:9")


def _lapse(reservation):
    Reservation.objects.filter(pk=reservation.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1),
                                                         expires_at=timezone.now() - datetime.timedelta(minutes=1))


def test_commit_turns_the_hold_into_a_sale(hold):
    sold = services.reservation_commit(actor=None, reservation=hold, reference="order:4")
    assert sold.state == "committed" and sold.closed_at is not None
    stock = Stock.objects.get()
    assert (stock.on_hand, stock.reserved) == (3, 0)
    line = StockMovement.objects.get(reservation=hold, kind="sale")
    assert (line.on_hand_delta, line.reserved_delta, line.reference, line.channel.code) == (-2, -2, "order:4", "web")
    assert_ledger_balances()


def test_committing_twice_sells_once(hold):
    services.reservation_commit(actor=None, reservation=hold)
    lines = ledger_count()
    again = services.reservation_commit(actor=None, reservation=hold)
    assert again.state == "committed" and ledger_count() == lines
    assert Stock.objects.get().on_hand == 3


def test_a_lapsed_hold_cannot_be_committed_and_nothing_changes(hold):
    _lapse(hold)
    lines = ledger_count()
    with pytest.raises(ReservationExpired):
        services.reservation_commit(actor=None, reservation=hold)
    assert Reservation.objects.get().state == "held" and ledger_count() == lines


def test_release_frees_the_units_once(hold):
    services.reservation_release(actor=None, reservation=hold, reason="shopper cancelled")
    services.reservation_release(actor=None, reservation=hold)
    stock = Stock.objects.get()
    assert (stock.on_hand, stock.reserved) == (5, 0)
    assert StockMovement.objects.filter(reservation=hold, kind="release").count() == 1
    with pytest.raises(ReservationClosed):
        services.reservation_commit(actor=None, reservation=hold)
    assert_ledger_balances()


def test_a_sold_hold_cannot_be_released(hold):
    services.reservation_commit(actor=None, reservation=hold)
    lines = ledger_count()
    with pytest.raises(ReservationClosed):
        services.reservation_release(actor=None, reservation=hold)
    assert ledger_count() == lines


def test_only_the_shopper_the_platform_or_the_stocks_staff_settle_a_hold(hold, stranger, owner):
    with pytest.raises(PermissionDenied):
        services.reservation_release(actor=stranger, reservation=hold)
    assert Reservation.objects.get().state == "held"
    services.reservation_release(actor=owner, reservation=hold)
    assert Reservation.objects.get().state == "released"


def test_expiry_returns_the_stock_exactly_once_and_tells_subscribers(hold, django_capture_on_commit_callbacks):
    heard = []

    def listener(**payload):
        heard.append(payload)

    events.subscribe(RESERVATIONS_EXPIRED, listener)
    _lapse(hold)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert services.reservations_expire() == 1
    finally:
        events._handlers[RESERVATIONS_EXPIRED].remove(listener)
    assert services.reservations_expire() == 0
    assert Reservation.objects.get().state == "expired"
    assert Stock.objects.get().reserved == 0
    assert StockMovement.objects.filter(reservation=hold, kind="release").count() == 1
    assert heard[-1] == {"reservation_ids": [hold.pk], "references": ["order-line:9"]}
    assert_ledger_balances()


def test_a_hold_still_running_is_not_expired(hold):
    assert services.reservations_expire() == 0
    assert Reservation.objects.get().state == "held"


def _lapsed_by(reservation, minutes):
    Reservation.objects.filter(pk=reservation.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2),
        expires_at=timezone.now() - datetime.timedelta(minutes=minutes))


def test_the_periodic_sweep_releases_the_longest_lapsed_first(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 5)
    holds = [services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1) for _ in range(3)]
    for hold, minutes in zip(holds, [5, 30, 10], strict=True):
        _lapsed_by(hold, minutes)
    assert services.reservations_expire(limit=2) == 2
    assert set(Reservation.objects.filter(state="expired").values_list("pk", flat=True)) == {holds[1].pk, holds[2].pk}
    assert_ledger_balances()


def test_a_stock_reads_sweep_takes_its_own_lapsed_holds_past_many_others(shopper, seller, sku, warehouse, receive):
    other = SkuFactory(product__seller=seller)
    receive(warehouse, sku, 5)
    receive(warehouse, other, 5)
    elsewhere = [services.stock_reserve(actor=shopper, sku=other, location=warehouse, quantity=1) for _ in range(4)]
    mine = services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=2)
    for hold in elsewhere:
        _lapsed_by(hold, 60)  # lapsed long before, and first in every order but the scope's
    _lapsed_by(mine, 1)
    assert selectors.stock_available(sku=sku, location=warehouse) == 5  # the read sweeps its own SKU
    assert Reservation.objects.get(pk=mine.pk).state == "expired"
    assert Reservation.objects.filter(pk__in=[h.pk for h in elsewhere], state="held").count() == 4
    assert services.reservations_expire(stock_ids=[mine.stock_id], limit=1) == 0
    assert_ledger_balances()


def test_every_stock_read_releases_lapsed_holds_first(hold, sku, warehouse, seller):
    _lapse(hold)
    assert selectors.stock_available(sku=sku, location=warehouse) == 5
    assert Reservation.objects.get().state == "expired"
    _lapse(services.stock_reserve(actor=None, sku=sku, location=warehouse, quantity=1))
    rows = list(selectors.stock_list_for_seller(seller=seller))
    assert rows[0].reserved == 0
    assert_ledger_balances()


def test_committing_many_settles_them_in_one_go(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 4)
    holds = [services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1) for _ in range(3)]
    sold = services.reservations_commit(actor=None, reservations=holds)
    assert [r.state for r in sold] == ["committed"] * 3
    assert Stock.objects.get().on_hand == 1
    assert_ledger_balances()


def test_a_release_keeps_the_platforms_reason_as_a_name_and_shows_it_in_the_readers_language(hold):
    with translation.override("en"):  # the shopper's language when it was written
        services.reservations_release(actor=None, reservations=[hold], reason_code="orders:not_paid_in_time")
    line = StockMovement.objects.get(reservation=hold, kind="release")
    assert (line.reason, line.reason_code, line.reason_params) == ("", "orders:not_paid_in_time", None)
    with translation.override("zh-hans"):
        assert line.reason_text == "未按时付款。"
    with translation.override("en"):
        assert line.reason_text == "Not paid in time."


def test_a_typed_reason_is_shown_as_typed(hold):
    services.reservations_release(actor=None, reservations=[hold], reason="  顾客改主意  ")
    line = StockMovement.objects.get(reservation=hold, kind="release")
    with translation.override("en"):
        assert (line.reason_code, line.reason_text) == ("", "顾客改主意")


def test_an_unknown_reason_name_is_refused_before_anything_is_written(hold):
    lines = ledger_count()
    with pytest.raises(ValueError, match="unknown message"):
        services.reservations_release(actor=None, reservations=[hold], reason_code="orders:no_such_reason")
    assert ledger_count() == lines and Reservation.objects.get(pk=hold.pk).state == "held"
