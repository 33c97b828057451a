"""Pure counter rules: what a scan means, quantities, cash and change, totals, consignment split."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chushan.core.errors import Unprocessable
from chushan.pos import rules


@pytest.mark.parametrize("raw", [
    "6901234567892", "06901234567892", " 6901234567892\n", "６９０１２３４５６７８９２",
    "0106901234567892", "(01)06901234567892(10)ABC", "]C10106901234567892",
    "https://id.gs1.org/01/06901234567892/10/LOT1",
])
def test_a_scan_reads_the_gtin_however_it_is_printed(raw):
    assert rules.scanned_gtin(raw) == "06901234567892"


def test_a_twelve_digit_upc_is_padded_to_fourteen():
    assert rules.scanned_gtin("036000291452") == "00036000291452"


@pytest.mark.parametrize("raw", ["6901234567891", "abc", "", None, "12345", "x" * 500, "69012\x0034567892"])
def test_a_misread_barcode_is_refused_not_guessed(raw):
    with pytest.raises(Unprocessable) as refused:
        rules.scanned_gtin(raw)
    assert "code" in refused.value.errors


@pytest.mark.parametrize("value", [0, -1, 1.5, "2.5", Decimal("1.5"), True, None, "x", 1000])
def test_quantities_are_whole_numbers_from_one_to_999(value):
    with pytest.raises(Unprocessable):
        rules.check_quantity(value)


def test_zero_removes_a_line_only_when_allowed():
    assert rules.check_quantity(0, allow_zero=True) == 0
    assert rules.check_quantity("3") == 3 and rules.check_quantity(Decimal("2")) == 2


def test_change_is_worked_out_in_decimal_to_the_fen():
    assert rules.cash_change(total=Decimal("36.50") * 3, tendered=Decimal("200")) == Decimal("90.50")
    assert rules.cash_change(total=Decimal("0.10") + Decimal("0.20"), tendered=Decimal("0.30")) == Decimal("0.00")


def test_too_little_cash_is_refused():
    with pytest.raises(Unprocessable) as refused:
        rules.cash_change(total=Decimal("100.00"), tendered=Decimal("99.99"))
    assert refused.value.code == "not_enough_cash"


@pytest.mark.parametrize("value", ["-5", "0", "1.001", 1.5, "abc", "NaN", "Infinity", "1e9", True])
def test_cash_amounts_have_at_most_two_decimals_and_are_positive(value):
    with pytest.raises(Unprocessable):
        rules.money(value, field="tendered")


@given(total=st.decimals(min_value="0.01", max_value="99999", places=2),
       extra=st.decimals(min_value="0", max_value="999", places=2))
def test_change_plus_total_is_what_was_handed_over(total, extra):
    assert rules.cash_change(total=total, tendered=total + extra) + total == total + extra


def test_basket_totals_show_what_promotions_took_off():
    lines = [rules.PricedUnits(quantity=2, unit_price=Decimal("80.00"), list_price=Decimal("100.00"), promotion_id=1),
             rules.PricedUnits(quantity=1, unit_price=Decimal("100.00"), list_price=Decimal("100.00"))]
    assert rules.basket_totals(lines) == {"subtotal": Decimal("300.00"), "discount": Decimal("40.00"),
                                          "total": Decimal("260.00")}


def test_receipt_numbers_read_by_day():
    assert rules.number("R", date(2026, 11, 26), 123) == "R20261126-000123"


def test_a_consignment_sale_settles_to_the_owner_less_the_commission():
    assert rules.split_for_consignment(Decimal("100.00"), Decimal("0.1500")) == (Decimal("85.00"), Decimal("15.00"))
    assert rules.split_for_consignment(Decimal("-100.00"), Decimal("0.1500")) == (Decimal("-85.00"),
                                                                                   Decimal("-15.00"))


def test_consignment_goods_sell_on_the_consignment_channel():
    assert rules.counter_channel("consignment") == "consignment_counter"
    assert rules.counter_channel("shop") == rules.counter_channel("workshop") == "shop_counter"
