"""The pure stock rules, read as a specification."""

import datetime
from decimal import Decimal

import pytest

from chushan.core.errors import Unprocessable
from chushan.inventory import rules


@pytest.mark.parametrize("value", [1, 7, rules.MAX_QUANTITY, 3.0, Decimal("4")])
def test_a_whole_positive_quantity_is_accepted(value):
    assert rules.check_quantity(value) == int(value)


@pytest.mark.parametrize("value", [0, -1, 2.5, Decimal("0.5"), rules.MAX_QUANTITY + 1, 10**30, True, "3", None,
                                   float("inf"), float("nan"), Decimal("NaN")])
def test_fractional_negative_huge_or_non_numeric_quantities_are_refused(value):
    with pytest.raises(Unprocessable) as refused:
        rules.check_quantity(value)
    assert refused.value.errors == {"quantity": [refused.value.errors["quantity"][0]]}


def test_a_count_may_be_zero_but_not_negative():
    assert rules.check_counted(0) == 0
    with pytest.raises(Unprocessable):
        rules.check_counted(-1)
    with pytest.raises(Unprocessable):
        rules.check_counted(rules.MAX_ON_HAND + 1)


def test_available_is_on_hand_less_held():
    assert rules.available(10, 3) == 7


def test_a_hold_is_due_at_its_expiry_instant():
    at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    assert rules.is_due(at, at)
    assert not rules.is_due(at, at - datetime.timedelta(microseconds=1))
    assert rules.expiry_time(at, 900) == at + datetime.timedelta(minutes=15)


@pytest.mark.parametrize("ttl", [0, -5, rules.MAX_TTL_SECONDS + 1, 1.5, None])
def test_hold_time_must_be_between_a_second_and_a_week(ttl):
    with pytest.raises(Unprocessable):
        rules.check_ttl(ttl)


def test_first_fit_serves_in_arrival_order_while_stock_lasts():
    assert rules.first_fit(3, [1, 1, 1, 1]) == [True, True, True, False]


def test_a_large_request_does_not_block_a_smaller_later_one():
    assert rules.first_fit(3, [5, 2, 2, 1]) == [False, True, False, True]


def test_counting_more_than_the_books_is_a_positive_adjustment():
    assert rules.count_delta(expected=5, counted=8) == 3
    assert rules.count_delta(expected=5, counted=0) == -5


def test_consignment_sale_settles_to_the_owner_less_the_commission():
    assert rules.consignment_split(Decimal("168.00"), Decimal("0.1500")) == (Decimal("142.80"), Decimal("25.20"))
    owner, commission = rules.consignment_split(Decimal("0.05"), Decimal("0.1"))
    assert owner + commission == Decimal("0.05")


def test_online_sale_needs_a_published_product_of_an_admitted_seller():
    ok = {"sku_active": True, "product_status": "published", "seller_status": "admitted"}
    assert rules.sale_refusal(online=True, **ok) is None
    assert rules.sale_refusal(online=True, **{**ok, "product_status": "draft"})
    assert rules.sale_refusal(online=True, **{**ok, "seller_status": "suspended"})
    assert rules.sale_refusal(online=False, **{**ok, "product_status": "draft"}) is None
    assert rules.sale_refusal(online=False, **{**ok, "product_status": "delisted"})
    assert rules.sale_refusal(online=False, **{**ok, "sku_active": False})


def test_nearest_is_same_county_then_prefecture_then_province_then_distance():
    target = rules.Place(key=0, region_code="522601", longitude=107.98, latitude=26.58)  # 凯里市
    places = [
        rules.Place(key=1, region_code="620102", longitude=103.83, latitude=36.06),  # 兰州
        rules.Place(key=2, region_code="520102", longitude=106.71, latitude=26.57),  # 贵阳南明 (same province)
        rules.Place(key=3, region_code="522636", longitude=107.79, latitude=26.20),  # 丹寨 (same prefecture)
        rules.Place(key=4, region_code="522601"),  # 凯里 itself, no coordinates
    ]
    assert [p.key for p in rules.by_nearness(target, places)] == [4, 3, 2, 1]


def test_text_is_trimmed_bounded_and_required_when_asked():
    assert rules.check_text("  破损  ", field="reason", max_length=10) == "破损"
    with pytest.raises(Unprocessable):
        rules.check_text("x" * 11, field="reason", max_length=10)
    with pytest.raises(Unprocessable):
        rules.check_text("   ", field="reason", max_length=10, required=True)
    with pytest.raises(Unprocessable):
        rules.check_text(5, field="reason", max_length=10)
