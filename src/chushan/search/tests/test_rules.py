"""Ranking rules: authenticity, credit and the boost; price ranges; one-edit spelling candidates."""

from decimal import Decimal

from chushan.search import rules
from chushan.search.rules import Authenticity, authenticity_signal


def test_a_backed_heritage_claim_counts_most_and_more_for_higher_levels():
    national = authenticity_signal(Authenticity(heritage_item_level=4, inheritor_level=4))
    county = authenticity_signal(Authenticity(heritage_item_level=1, inheritor_level=1))
    inheritor_only = authenticity_signal(Authenticity(seller_is_inheritor=True))
    halal_only = authenticity_signal(Authenticity(other_backed_claims=1))
    assert national > county > inheritor_only > halal_only > authenticity_signal(Authenticity()) == 0


def test_authenticity_stays_within_zero_and_one():
    assert authenticity_signal(Authenticity(heritage_item_level=4, inheritor_level=4, other_backed_claims=9)) == 1.0


def test_credit_is_clamped_to_the_score_range():
    assert rules.credit_signal(-5) == 0
    assert rules.credit_signal(500) == 0.5
    assert rules.credit_signal(5000) == 1


def test_boost_runs_from_one_to_two():
    assert rules.boost(authenticity=0, credit=0) == 1
    assert rules.boost(authenticity=1, credit=1, quality=1) == 2


def test_boost_never_lets_a_description_match_outrank_a_name_match():
    best_description = rules.COLUMN_WEIGHTS["meta"] * rules.boost(authenticity=1, credit=1, quality=1)
    assert best_description < rules.COLUMN_WEIGHTS["title"] * rules.boost(authenticity=0, credit=0)


def test_initials_count_less_than_full_words():
    weights = rules.COLUMN_WEIGHTS
    assert weights["initials"] < weights["meta"] < weights["title"]


def test_price_ranges_cover_every_price_once():
    assert rules.price_range_index(Decimal("0.01")) == 0
    assert rules.price_range_index(Decimal("49.99")) == 0
    assert rules.price_range_index(Decimal("50")) == 1
    assert rules.price_range_index(Decimal("9999999.99")) == len(rules.PRICE_RANGES) - 1


def test_edits_one_away():
    edits = rules.edits1("larn")
    assert {"laran", "lrn", "alrn", "lorn"} <= edits
    assert "larn" not in edits
