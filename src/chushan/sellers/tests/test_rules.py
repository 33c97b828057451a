import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from chushan.sellers import rules


@pytest.fixture(autouse=True)
def _english():
    # The assertions read the English messages; the Chinese ones are checked by the i18n test.
    with translation.override("en"):
        yield

# Real codes from business licences and the standard's own example.
REAL_CODES = [
    "91350100M000100Y43",  # GB 32100-2015's example
    "91330100716105852F",
    "9144030071526726XG",
    "914403001922038216",
    "91520000214434146R",  # 贵州茅台酒股份有限公司
    "91110000802100433B",
    "91110108551385082Q",
    "91440300708461136T",
]
KNOWN_DIVISIONS = {"350100", "330100", "440300", "520000", "110000", "110108"}


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_credit_codes_are_valid(code):
    assert rules.credit_code_problems(code, division_known=KNOWN_DIVISIONS.__contains__) == []
    assert rules.credit_code_check_character(code[:17]) == code[17]


@pytest.mark.parametrize("code", REAL_CODES)
def test_every_other_check_character_is_refused(code):
    for wrong in rules.CREDIT_CODE_CHARSET:
        if wrong != code[17]:
            problems = rules.credit_code_problems(code[:17] + wrong)
            assert len(problems) == 1 and "check character" in problems[0]


def test_a_check_sum_that_is_a_multiple_of_31_gives_zero():
    # Search a body whose weighted sum is divisible by 31: its check character must be "0", never 31.
    body = next(f"9152000021443{n:04d}" for n in range(10000)
                if sum(rules.CREDIT_CODE_CHARSET.index(c) * w
                       for c, w in zip(f"9152000021443{n:04d}", rules.CREDIT_CODE_WEIGHTS, strict=True)) % 31 == 0)
    assert rules.credit_code_check_character(body) == "0"


def test_a_swapped_pair_of_characters_is_caught():
    code = "91520000214434146R"
    swapped = code[:8] + code[9] + code[8] + code[10:]  # "21" typed as "12"
    assert rules.credit_code_problems(swapped)


@pytest.mark.parametrize("code, fragment", [
    ("9135010M000100Y43", "18 characters"),
    ("91350100M000100Y4", "18 characters"),
    ("91350100M000100YI3", "capital letters"),
    ("91350100m000100y43", "capital letters"),
    ("913501A0M000100Y43", "capital letters"),
])
def test_malformed_codes_say_what_is_wrong(code, fragment):
    assert fragment in rules.credit_code_problems(code)[0]


def test_unknown_registering_authority_or_type_is_refused():
    body = "B1350100M000100Y4"  # B is not a registering authority
    problems = rules.credit_code_problems(body + rules.credit_code_check_character(body))
    assert problems and "registering authority" in problems[0]
    body = "94350100M000100Y4"  # market regulation registers types 1-3 only
    assert rules.credit_code_problems(body + rules.credit_code_check_character(body))


def test_the_area_part_must_be_a_real_division_when_we_can_tell():
    body = "91999900M000100Y4"
    code = body + rules.credit_code_check_character(body)
    assert rules.credit_code_problems(code) == []  # no division table: shape only
    problems = rules.credit_code_problems(code, division_known=KNOWN_DIVISIONS.__contains__)
    assert problems and "999900" in problems[0]


def test_a_recoded_county_is_accepted_through_its_prefecture():
    assert rules.division_candidates("350199") == ["350199", "350100", "350000"]
    assert rules.division_candidates("522636") == ["522636", "522600"]


def test_the_organisation_code_inside_has_its_own_check():
    code = "91350100M000100Y43"
    body = code[:16] + "5"  # wrong GB 11714 check character, right GB 32100 one recomputed
    problems = rules.credit_code_problems(body + rules.credit_code_check_character(body))
    assert problems and "organisation code" in problems[0]


def test_credit_codes_are_normalised_before_checking():
    assert rules.normalise_credit_code(" 9135 0100-m000 100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize("entity, code, fits", [
    ("enterprise", "91350100M000100Y43", True),
    ("cooperative", "91350100M000100Y43", False),
    ("cooperative", "93520000MA6DJ00000", True),
    ("inheritor", "92520000MA6DJ00000", True),
    ("household", "91350100M000100Y43", True),
])
def test_the_code_must_fit_the_kind_of_seller(entity, code, fits):
    assert rules.credit_code_fits_entity(code, entity) is fits


@given(st.text(alphabet=rules.CREDIT_CODE_CHARSET, min_size=17, max_size=17))
def test_the_check_character_always_completes_a_valid_code(body):
    code = body + rules.credit_code_check_character(body)
    assert not any("check character (the last" in p for p in rules.credit_code_problems(code))


# --- credit -------------------------------------------------------------------------------------------

def test_admission_puts_a_new_seller_in_the_good_band():
    score = rules.credit_score([rules.credit_points("admission")])
    assert score == 600
    assert rules.credit_band(score).code == "good"


def test_complaints_and_violations_cost_points_and_good_conduct_earns_them():
    assert rules.credit_points("complaint_upheld") < 0
    assert rules.credit_points("violation") < rules.credit_points("complaint_upheld") < 0
    assert rules.credit_points("late_shipment") < 0 and rules.credit_points("inspection_failed") < 0
    assert rules.credit_points("good_standing") > 0 and rules.credit_points("certificate") > 0


def test_the_score_never_leaves_zero_to_a_thousand():
    assert rules.credit_score([600, -150, -150, -150, -150, -150]) == 0
    assert rules.credit_score([600] * 3) == 1000
    assert rules.credit_score_after(990, 20) == 1000
    assert rules.credit_score_after(5, -10) == 0


def test_a_score_is_replayed_in_order_with_clamping():
    # Clamped at 0 first, so the later points count from 0 and not from -100.
    assert rules.credit_score([-100, 50]) == 50


@pytest.mark.parametrize("score, band", [(1000, "excellent"), (800, "excellent"), (799, "good"), (600, "good"),
                                         (599, "fair"), (400, "fair"), (399, "poor"), (0, "poor")])
def test_credit_bands(score, band):
    assert rules.credit_band(score).code == band


@given(st.lists(st.sampled_from(sorted(rules.CREDIT_POINTS.values())), max_size=60))
def test_any_sequence_of_events_stays_in_range(points):
    assert 0 <= rules.credit_score(points) <= 1000


# --- certificates -------------------------------------------------------------------------------------

def test_each_product_claim_is_backed_by_its_certificates():
    assert rules.claim_backing("ich_inheritor") == {"heritage"}
    assert rules.claim_backing("halal") == {"halal"}
    assert rules.claim_backing("brand_licence") == {"brand"}
    assert rules.claim_backing("geographic_indication") == {"brand"}
    assert rules.claim_backing("business_licence") == frozenset()
    assert rules.kinds_backing("organic") == {"organic"}
    assert rules.kinds_backing("unknown") == frozenset()


def test_households_hold_no_ich_certificate_and_inheritors_no_food_certificates():
    assert not rules.kind_allowed("household", "ich_inheritor")
    assert not rules.kind_allowed("inheritor", "green_food")
    assert rules.kind_allowed("inheritor", "halal")
    assert all(rules.kind_allowed("enterprise", k) for k in rules.ALL_KINDS)


def test_an_expired_or_backwards_validity_is_refused():
    today = datetime.date(2025, 6, 1)
    assert "valid_until" in rules.validity_problems(datetime.date(2024, 1, 1), datetime.date(2025, 5, 31),
                                                    today=today)
    assert "valid_until" in rules.validity_problems(datetime.date(2025, 1, 1), datetime.date(2024, 1, 1),
                                                    today=today)
    assert rules.validity_problems(datetime.date(2024, 1, 1), today, today=today) == {}


def test_a_certificate_is_in_force_only_when_approved_and_within_its_dates():
    day = datetime.date(2025, 6, 1)
    window = {"valid_from": datetime.date(2025, 1, 1), "valid_until": datetime.date(2025, 12, 31)}
    assert rules.in_force(status="approved", today=day, **window)
    assert not rules.in_force(status="pending", today=day, **window)
    assert not rules.in_force(status="approved", today=datetime.date(2026, 1, 1), **window)
    assert not rules.in_force(status="approved", today=datetime.date(2024, 12, 31), **window)


def test_an_enterprise_needs_a_code_a_licence_and_a_claim_certificate():
    missing = rules.submission_missing(entity_type="enterprise", credit_code=None, kinds=set())
    assert len(missing) == 3
    assert rules.submission_missing(entity_type="enterprise", credit_code="91350100M000100Y43",
                                    kinds={"business_licence", "halal"}) == []


def test_an_inheritor_needs_an_ich_certificate():
    assert rules.submission_missing(entity_type="inheritor", credit_code=None, kinds={"halal"})
    assert rules.submission_missing(entity_type="inheritor", credit_code=None, kinds={"ich_inheritor"}) == []


def test_a_household_needs_one_certificate_for_what_it_sells():
    assert rules.submission_missing(entity_type="household", credit_code=None, kinds={"business_licence"})
    assert rules.submission_missing(entity_type="household", credit_code=None, kinds={"green_food"}) == []


def test_seller_slugs_are_pinyin():
    assert rules.seller_slug_base("丹寨蜡染合作社") == "dan-zhai-la-ran-he-zuo-she"
    assert rules.seller_slug_base("!!!") == "seller"


def test_mainland_mobiles():
    assert rules.mobile_is_valid("13800138000")
    assert not rules.mobile_is_valid("12800138000")
    assert not rules.mobile_is_valid("1380013800")
