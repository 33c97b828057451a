"""Catalogue rules: values in, values out."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chushan.catalog import rules
from chushan.catalog.rules import Claim, InvalidValue

TODAY = datetime.date(2025, 6, 1)


@dataclass
class Cert:
    kind: str
    status: str = "approved"
    valid_from: datetime.date = datetime.date(2024, 1, 1)
    valid_until: datetime.date = datetime.date(2026, 1, 1)
    heritage_item_id: int | None = None
    brand_id: int | None = None


def backed(claim, certs, *, heritage_item_id=None, brand_id=None):
    return bool(rules.claim_backing(claim, heritage_item_id=heritage_item_id, brand_id=brand_id,
                                    certificates=certs, on=TODAY))


# Claims ---------------------------------------------------------------------------------------------

def test_heritage_claim_needs_an_inheritor_certificate_for_the_products_own_item():
    cert = Cert("ich_inheritor", heritage_item_id=7)
    assert backed(Claim.HERITAGE, [cert], heritage_item_id=7)
    assert not backed(Claim.HERITAGE, [cert], heritage_item_id=8)
    assert not backed(Claim.HERITAGE, [cert], heritage_item_id=None)


def test_halal_claim_needs_a_halal_certificate():
    assert backed(Claim.HALAL, [Cert("halal")])
    assert not backed(Claim.HALAL, [Cert("green_food"), Cert("organic")])


def test_brand_claim_accepts_a_brand_licence_or_a_geographic_indication_for_that_brand():
    assert backed(Claim.BRAND, [Cert("brand_licence", brand_id=3)], brand_id=3)
    assert backed(Claim.BRAND, [Cert("geographic_indication", brand_id=3)], brand_id=3)
    assert not backed(Claim.BRAND, [Cert("brand_licence", brand_id=4)], brand_id=3)
    assert not backed(Claim.BRAND, [Cert("geographic_indication", brand_id=None)], brand_id=3)


def test_green_and_organic_claims_need_their_own_certificates():
    assert backed(Claim.GREEN, [Cert("green_food")])
    assert backed(Claim.ORGANIC, [Cert("organic")])
    assert not backed(Claim.GREEN, [Cert("organic")])
    assert not backed(Claim.ORGANIC, [Cert("green_food")])


def test_a_business_licence_backs_no_claim():
    assert all(not backed(claim, [Cert("business_licence", heritage_item_id=1, brand_id=1)],
                          heritage_item_id=1, brand_id=1) for claim in Claim)


@pytest.mark.parametrize("cert", [
    Cert("halal", status="pending"),
    Cert("halal", status="rejected"),
    Cert("halal", status="revoked"),
    Cert("halal", status="expired"),
    Cert("halal", valid_until=TODAY - datetime.timedelta(days=1)),
    Cert("halal", valid_from=TODAY + datetime.timedelta(days=1)),
])
def test_only_an_approved_certificate_in_its_validity_window_backs_a_claim(cert):
    assert not backed(Claim.HALAL, [cert])


def test_a_certificate_is_in_force_on_its_first_and_last_day():
    assert backed(Claim.HALAL, [Cert("halal", valid_from=TODAY, valid_until=TODAY)])


def test_claims_unbacked_lists_only_the_missing_ones_in_order():
    missing = rules.claims_unbacked([Claim.HERITAGE, Claim.HALAL, Claim.ORGANIC], heritage_item_id=1, brand_id=None,
                                    certificates=[Cert("halal")], on=TODAY)
    assert missing == [Claim.HERITAGE, Claim.ORGANIC]


def test_claims_parse_accepts_names_and_field_names_and_drops_duplicates():
    assert rules.claims_parse(["halal", "claim_heritage", "halal"]) == [Claim.HERITAGE, Claim.HALAL]


def test_claims_parse_refuses_unknown_claims():
    with pytest.raises(InvalidValue):
        rules.claims_parse(["fair_trade"])


def test_missing_certificate_message_names_the_certificate_and_the_item():
    message = rules.claim_missing_message(Claim.HERITAGE, heritage_item_name="苗族蜡染技艺")
    assert "苗族蜡染技艺" in message
    assert "ICH inheritor certificate" in message or "传承人" in message
    assert "halal certificate" in rules.claim_missing_message(Claim.HALAL) or "清真" in rules.claim_missing_message(
        Claim.HALAL)


# Prices ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("168", Decimal("168.00")), ("168.5", Decimal("168.50")), ("168.50", Decimal("168.50")),
    (" 12.30 ", Decimal("12.30")), ("¥99", Decimal("99.00")), ("１６８", Decimal("168.00")),
    (168, Decimal("168.00")), (Decimal("168.500"), Decimal("168.50")), ("0.01", Decimal("0.01")),
    ("9999999.99", Decimal("9999999.99")),
])
def test_price_parse_accepts_yuan_with_up_to_two_decimals(raw, expected):
    assert rules.price_parse(raw) == expected


@pytest.mark.parametrize("raw", [
    "1e3", "1E3", "NaN", "nan", "Infinity", "-inf", "-5", "+5", "0", "0.00", "1.005", "1,000", "", " ", "abc",
    "10000000", "10000000.00", "99999999", "0x10", "١٢٣", 12.5, 0.1, True, None, [], {}, Decimal("NaN"),
    Decimal("Infinity"), Decimal("-1"), Decimal("1E+7"), -3, 0,
])
def test_price_parse_refuses_floats_exponents_nan_signs_zero_and_too_much(raw):
    with pytest.raises(InvalidValue):
        rules.price_parse(raw)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2))
def test_price_parse_round_trips_every_valid_price(price):
    assert rules.price_parse(str(price)) == price


@given(st.text(max_size=30))
def test_price_parse_either_returns_a_valid_price_or_refuses(text):
    try:
        price = rules.price_parse(text)
    except InvalidValue:
        return
    assert Decimal("0") < price < rules.MAX_PRICE
    assert price == price.quantize(Decimal("0.01"))


# SKU options and codes ------------------------------------------------------------------------------

def test_options_are_trimmed_and_full_width_folded():
    assert rules.sku_options_normalise({" 规格 ": "２５０ｇ", "颜色": "  靛蓝  "}) == {"规格": "250g", "颜色": "靛蓝"}


@pytest.mark.parametrize("options", [
    {"": "x"}, {"规格": ""}, {"规格": "  "}, {"a": "1", "A": "2"}, {"规格": True}, {"规格": None}, {"规格": 1.5},
    {"规格": ["a"]}, ["规格"], "规格", {"x" * 21: "1"}, {"规格": "y" * 41},
    {"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"}, {"规格\x00": "1"},
])
def test_options_refuse_empty_duplicate_non_text_oversized_or_too_many(options):
    with pytest.raises(InvalidValue):
        rules.sku_options_normalise(options)


def test_options_signature_ignores_order_and_case():
    assert rules.sku_options_signature({"Size": "L", "颜色": "蓝"}) == rules.sku_options_signature(
        {"颜色": "蓝", "size": "l"})


@pytest.mark.parametrize("text, expected", [
    ("250g", {"规格": "250g"}),
    ("颜色:靛蓝; 尺寸:大", {"颜色": "靛蓝", "尺寸": "大"}),
    ("颜色：靛蓝；尺寸：大", {"颜色": "靛蓝", "尺寸": "大"}),
    ("颜色=靛蓝, 尺寸=大", {"颜色": "靛蓝", "尺寸": "大"}),
    ("", {}),
])
def test_options_from_what_a_seller_types(text, expected):
    assert rules.sku_options_from_text(text) == expected


def test_options_text_round_trip():
    for options in ({"规格": "250g"}, {"颜色": "靛蓝", "尺寸": "大"}):
        assert rules.sku_options_from_text(rules.sku_options_to_text(options)) == options


@pytest.mark.parametrize("code", ["SKU-1", "ml.250", "A_b-9", "x" * 40])
def test_sku_codes_accepted(code):
    assert rules.sku_code_normalise(code) == code


@pytest.mark.parametrize("code", ["", " ", "-start", "has space", "中文", "x" * 41, None, 12])
def test_sku_codes_refused(code):
    with pytest.raises(InvalidValue):
        rules.sku_code_normalise(code)


def test_next_sku_code_skips_taken_ones():
    assert rules.sku_code_next([]) == "SKU-1"
    assert rules.sku_code_next(["SKU-1", "sku-2"]) == "SKU-3"


@pytest.mark.parametrize("raw, expected", [
    ("6901234567892", "06901234567892"), ("96385074", "00000096385074"), ("", None), (None, None),
    ("036000291452", "00036000291452"),
])
def test_gtin_with_valid_check_digit_is_padded_to_14(raw, expected):
    assert rules.gtin_normalise(raw) == expected


@pytest.mark.parametrize("raw", ["6901234567890", "123", "69012345678921234", "690123456789x", 6901234567892])
def test_gtin_with_wrong_check_digit_or_length_is_refused(raw):
    with pytest.raises(InvalidValue):
        rules.gtin_normalise(raw)


# Text, attributes, images ---------------------------------------------------------------------------

def test_text_refuses_nul_and_control_characters_but_keeps_newlines_in_stories():
    with pytest.raises(InvalidValue):
        rules.text_clean("蜡染\x00", max_length=10)
    assert rules.text_clean("第一行\n第二行", max_length=20, multiline=True) == "第一行\n第二行"
    with pytest.raises(InvalidValue):
        rules.text_clean("第一行\n第二行", max_length=20)


def test_text_required_and_length():
    with pytest.raises(InvalidValue):
        rules.text_clean("   ", max_length=5, required=True)
    with pytest.raises(InvalidValue):
        rules.text_clean("x" * 6, max_length=5)


def test_attributes_are_a_small_flat_map():
    assert rules.attributes_normalise({"产地": " 丹寨 ", "克重": 250}) == {"产地": "丹寨", "克重": "250"}
    for bad in ({"产地": {"nested": 1}}, {f"k{i}": "v" for i in range(21)}, ["x"], {"": "v"}):
        with pytest.raises(InvalidValue):
            rules.attributes_normalise(bad)


def test_decompression_bombs_are_refused_by_pixel_count():
    assert rules.image_pixels_allowed(4000, 3000)
    assert not rules.image_pixels_allowed(50_000, 50_000)
    assert not rules.image_pixels_allowed(0, 100)


def test_image_fit_keeps_the_aspect_ratio_and_never_enlarges():
    assert rules.image_fit(4000, 2000, longest=400) == rules.ImageBox(400, 200)
    assert rules.image_fit(300, 600, longest=400) == rules.ImageBox(200, 400)
    assert rules.image_fit(100, 50, longest=400) == rules.ImageBox(100, 50)
