"""The order state machine and the small rules around it, as a specification."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chushan.core.errors import Unprocessable
from chushan.orders import rules
from chushan.orders.rules import (
    CANCELLED,
    COMPLETED,
    DELIVERED,
    DELIVERY,
    OPERATOR,
    PACKED,
    PAID,
    PENDING_PAYMENT,
    PICKED_UP,
    PICKUP,
    PLATFORM,
    READY_FOR_PICKUP,
    REFUNDED,
    SELLER,
    SHIPPED,
    SHOPPER,
)

STATES = [PENDING_PAYMENT, PAID, PACKED, SHIPPED, READY_FOR_PICKUP, DELIVERED, PICKED_UP, COMPLETED, CANCELLED,
          REFUNDED]


def test_only_the_platform_marks_an_order_paid():
    assert rules.may_transition(PENDING_PAYMENT, PAID, kind=DELIVERY, role=PLATFORM)
    for role in (SHOPPER, SELLER):
        assert not rules.may_transition(PENDING_PAYMENT, PAID, kind=DELIVERY, role=role)


def test_a_delivery_is_shipped_and_a_pickup_made_ready():
    assert rules.may_transition(PACKED, SHIPPED, kind=DELIVERY, role=SELLER)
    assert not rules.may_transition(PACKED, SHIPPED, kind=PICKUP, role=SELLER)
    assert rules.may_transition(PACKED, READY_FOR_PICKUP, kind=PICKUP, role=SELLER)
    assert not rules.may_transition(PACKED, READY_FOR_PICKUP, kind=DELIVERY, role=SELLER)


def test_cancelling_is_possible_only_before_the_goods_leave():
    for state in (PENDING_PAYMENT, PAID, PACKED):
        assert rules.may_transition(state, CANCELLED, kind=DELIVERY, role=SHOPPER)
    assert rules.may_transition(READY_FOR_PICKUP, CANCELLED, kind=PICKUP, role=SHOPPER)
    for state in (SHIPPED, DELIVERED, PICKED_UP, COMPLETED, REFUNDED):
        assert not rules.transition_allowed(state, CANCELLED, kind=DELIVERY)
        assert not rules.transition_allowed(state, CANCELLED, kind=PICKUP)


def test_only_the_shopper_completes_and_only_the_seller_packs():
    assert rules.may_transition(DELIVERED, COMPLETED, kind=DELIVERY, role=SHOPPER)
    assert not rules.may_transition(DELIVERED, COMPLETED, kind=DELIVERY, role=SELLER)
    assert rules.may_transition(PAID, PACKED, kind=DELIVERY, role=SELLER)
    assert not rules.may_transition(PAID, PACKED, kind=DELIVERY, role=SHOPPER)


def test_refunded_is_the_end():
    assert rules.next_states(REFUNDED, kind=DELIVERY, role=OPERATOR) == []
    assert rules.next_states(REFUNDED, kind=PICKUP, role=PLATFORM) == []


@given(st.sampled_from(STATES), st.sampled_from(STATES), st.sampled_from([DELIVERY, PICKUP]),
       st.sampled_from([PLATFORM, OPERATOR, SELLER, SHOPPER]))
def test_nobody_may_make_a_transition_the_table_does_not_allow(frm, to, kind, role):
    if rules.may_transition(frm, to, kind=kind, role=role):
        assert rules.transition_allowed(frm, to, kind=kind) and frm != to


@given(st.sampled_from([DELIVERY, PICKUP]))
def test_every_state_but_pending_is_reachable_from_pending(kind):
    seen, frontier = {PENDING_PAYMENT}, [PENDING_PAYMENT]
    while frontier:
        state = frontier.pop()
        for nxt in rules.next_states(state, kind=kind, role=PLATFORM):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    unreachable = {SHIPPED, DELIVERED} if kind == PICKUP else {READY_FOR_PICKUP, PICKED_UP}
    assert seen == set(STATES) - unreachable


def test_lines_of_one_seller_and_place_make_one_order():
    one = rules.group_key(seller_id=1, fulfilment="deliver", pickup_location_id=None, address_id=7)
    same = rules.group_key(seller_id=1, fulfilment="ship_from_shop", pickup_location_id=None, address_id=7)
    other = rules.group_key(seller_id=1, fulfilment="pickup", pickup_location_id=3, address_id=None)
    assert one == same != other


def test_order_numbers_read_like_cs_date_sequence():
    assert rules.number("CS", datetime.date(2026, 11, 26), 123) == "CS20261126-000123"


def test_pickup_codes_are_eight_digits():
    codes = {rules.new_pickup_code() for _ in range(200)}
    assert all(len(c) == 8 and c.isdigit() for c in codes) and len(codes) > 190
    assert rules.check_pickup_code(" 01234567 ") == "01234567"
    for bad in ("1234567", "123456789", "abcdefgh", None, 12345678):
        with pytest.raises(Unprocessable):
            rules.check_pickup_code(bad)


@pytest.mark.parametrize("bad", [0, -1, 1000, 1.5, "3", True, None, Decimal("1.5")])
def test_a_line_quantity_is_a_whole_number_from_1_to_999(bad):
    with pytest.raises(Unprocessable):
        rules.check_line_quantity(bad)
    assert rules.check_line_quantity(Decimal("2")) == 2


def test_refund_arithmetic():
    assert rules.lines_refund_amount([(Decimal("80.00"), 2), (Decimal("9.99"), 1)]) == Decimal("169.99")
    assert rules.refund_left(total=Decimal("100"), requested=Decimal("130")) == Decimal("0.00")
    assert rules.money_kept([(Decimal("100"), Decimal("30")), (Decimal("50"), Decimal("0"))]) == Decimal("120")


def test_a_pickup_is_held_for_the_configured_days():
    ready = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    assert rules.pickup_expiry(ready, 7) == ready + datetime.timedelta(days=7)
