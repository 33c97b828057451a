"""Pure ranking rules: how authenticity, seller credit and quality lift a product. docs/ranking.md explains
them to sellers in plain words; keep the two in step.

Price and sales never enter the order: a cheap lookalike must not bury the genuine maker (劣币驱逐良币).
"""

from dataclasses import dataclass
from decimal import Decimal

# How much each signal can multiply text relevance: at most 1 + 0.6 + 0.25 + 0.15 = 2×, so a word in the
# product's own name (10) still outweighs the same word only in its description (4) at any boost.
AUTHENTICITY_WEIGHT = 0.6
CREDIT_WEIGHT = 0.25
QUALITY_WEIGHT = 0.15
CREDIT_FULL = 1000  # Seller.credit_score runs 0..1000

# Text relevance: for each query word, the best place it is found. The product's own name counts most;
# pinyin initials little, because two letters such as `sz` stand for a dozen common words. A word found
# only by its pinyin prefix (`lar` for laran) counts half. Both databases compute the same number.
COLUMN_WEIGHTS = {"title": 10.0, "meta": 4.0, "extra": 1.5, "initials": 2.0}
PREFIX_SHARE = 0.5

CERTIFICATIONS = ("heritage", "halal", "brand", "green", "organic")

# Price ranges shown as a facet: (lower bound inclusive, upper bound exclusive or None).
PRICE_RANGES: tuple[tuple[Decimal, Decimal | None], ...] = (
    (Decimal("0"), Decimal("50")),
    (Decimal("50"), Decimal("100")),
    (Decimal("100"), Decimal("200")),
    (Decimal("200"), Decimal("500")),
    (Decimal("500"), Decimal("1000")),
    (Decimal("1000"), None),
)


@dataclass(frozen=True)
class Authenticity:
    """What backs a product, as of one day."""

    heritage_item_level: int | None = None  # list level of the item a backed 传承人手作 claim names
    inheritor_level: int | None = None  # level of the inheritor certificate backing that claim
    seller_is_inheritor: bool = False  # the maker holds an ICH inheritor certificate in force
    other_backed_claims: int = 0  # halal, regional brand, green, organic claims backed today


def authenticity_signal(facts: Authenticity) -> float:
    """0..1: a backed heritage claim counts most and more for higher list and inheritor levels; a certified
    inheritor's other work and each other backed claim count a little."""
    score = 0.0
    if facts.heritage_item_level:
        score = 0.4 + 0.05 * facts.heritage_item_level + 0.05 * (facts.inheritor_level or 0)
    elif facts.seller_is_inheritor:
        score = 0.2
    score += 0.1 * min(facts.other_backed_claims, 2)
    return round(min(score, 1.0), 4)


def credit_signal(credit_score: int) -> float:
    """0..1 from the seller's credit score (信用), clamped."""
    return round(max(0, min(credit_score, CREDIT_FULL)) / CREDIT_FULL, 4)


def boost(*, authenticity: float, credit: float, quality: float = 0.0) -> float:
    """The factor text relevance is multiplied by, 1..2."""
    return round(1.0 + AUTHENTICITY_WEIGHT * authenticity + CREDIT_WEIGHT * credit + QUALITY_WEIGHT * quality, 4)


RANK_SHIFT = 2**32
# Boost tiers (boost × 100, best first) marked in the text index, so that PostgreSQL can read the matches among
# the best-boosted documents first and stop there (selectors._postgres_candidates).
RANK_TIERS = tuple(range(195, 100, -5))


def rank_key(*, boost: float, product_id: int) -> int:
    """The static order matches are read in: higher boost first, then newer products; an integer that
    fits a 64-bit SQLite rowid and sorts the same on both databases."""
    return (30_000 - round(boost * 10_000)) * RANK_SHIFT + (RANK_SHIFT - 1 - product_id)


def rank_band(rank: int) -> int:
    """The boost × 100 (100..200) a rank key was made from: never higher for a later rank."""
    return (30_000 - rank // RANK_SHIFT) // 100


def tier_end(tier: int) -> int:
    """The first rank key outside a tier: every rank below it is in the tier, none from it on."""
    return (30_000 - 100 * tier + 1) * RANK_SHIFT


def rank_tiers(rank: int) -> list[int]:
    """The tiers a document of this rank is in: every tier its boost reaches."""
    band = rank_band(rank)
    return [tier for tier in RANK_TIERS if band >= tier]


def price_range_index(price: Decimal) -> int:
    for index, (low, high) in enumerate(PRICE_RANGES):
        if price >= low and (high is None or price < high):
            return index
    return 0


def edits1(word: str) -> set[str]:
    """Every string one deletion, swap, change or insertion of a letter away (Norvig's spelling corrector)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | swaps | changes | inserts) - {word}
