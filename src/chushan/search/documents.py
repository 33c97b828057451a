"""How a product becomes a search document: the facts read for a batch of products (a fixed number of
queries per batch), then a pure build of facet values, ranking signals and tokens.

Tokens go into four columns, weighted in rules.py: the product's name (words and their full pinyin), other
describing text (category, heritage item, brand, ethnic group and places with their pinyin; subtitle, maker
and attributes without), extra text (the name's single characters and the story's words) and the pinyin
initials. A token is kept only in the best column it appears in: relevance counts the best place anyway.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db.models import Min

from chushan.catalog.models import Category, Product, Sku
from chushan.catalog.rules import Claim, claim_backing
from chushan.heritage.ethnic_groups import ETHNIC_GROUPS
from chushan.heritage.models import EthnicGroup
from chushan.regions.models import Region
from chushan.search import query, rules, tokenize
from chushan.sellers.models import Certificate, Seller

STORY_CHARS = 300  # the opening of a story says what it is about; the rest would only blur ranking
ONE_DAY = datetime.timedelta(days=1)


@dataclass
class ProductFacts:
    """Everything about one product that its search document depends on."""

    product_id: int
    name: str
    status: str
    seller_status: str
    category_id: int
    category_root_id: int
    min_price: Decimal | None
    name_en: str = ""
    subtitle: str = ""
    story: str = ""
    seller_name: str = ""
    credit_score: int = 0
    heritage_item_id: int | None = None
    heritage_level: int = 0
    brand_id: int | None = None
    ethnic_group_id: int | None = None
    region_code: str = ""
    claims: frozenset[str] = frozenset()
    describing: list[str] = field(default_factory=list)  # category, heritage item, brand, group, places
    plain: list[str] = field(default_factory=list)  # subtitle, maker, attributes: words without pinyin
    certificates: list["CertificateFacts"] = field(default_factory=list)  # approved, not yet ended


@dataclass(frozen=True)
class CertificateFacts:
    """What a certificate says, as catalog.rules.claim_backing reads it (picklable, no database)."""

    kind: str
    status: str
    valid_from: datetime.date
    valid_until: datetime.date
    heritage_item_id: int | None
    brand_id: int | None
    ich_level: int | None


@dataclass
class IndexedDocument:
    product_id: int
    fields: dict[str, Any]
    title: list[str]
    meta: list[str]
    extra: list[str]
    initials: list[str]
    vocabulary: dict[str, str]  # word → full pinyin, for "did you mean"
    facets: list[str] = field(default_factory=list)  # facet values as tokens (query.facet_token)

    def values(self, columns: list[str]) -> list:
        return [self.fields[c] for c in columns]

    def sqlite_values(self, columns: list[str]) -> tuple:
        def adapt(value):
            if isinstance(value, Decimal | datetime.date):
                return str(value)
            return value

        return tuple(adapt(self.fields[c]) for c in columns)

    def fts_columns(self) -> tuple[str, str, str, str, str]:
        return (" ".join(self.title), " ".join(self.meta), " ".join(self.extra), " ".join(self.initials),
                " ".join(self.facets))

    def tsvector(self) -> str:
        """A tsvector literal with the column as the weight: title A, meta B, initials C, extra and facets D."""
        positions: dict[str, list[str]] = defaultdict(list)
        position = 0
        for weight, tokens in (("A", self.title), ("B", self.meta), ("C", self.initials), ("D", self.extra),
                               ("D", self.facets)):
            for token in tokens:
                position = min(position + 1, 16383)
                positions[token].append(f"{position}{weight}")
        return " ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(p[:256])
                        for t, p in positions.items())

    def digest(self) -> int:
        """A 64-bit fingerprint of what is written, to skip unchanged documents on a rebuild."""
        text = repr(sorted((k, str(v)) for k, v in self.fields.items() if k != "digest")) + repr(self.fts_columns())
        return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big", signed=True)

    def tokens(self) -> set[str]:
        return {*self.title, *self.meta, *self.extra, *self.initials}


# Reading --------------------------------------------------------------------------------------------

PRODUCT_VALUES = (
    "pk", "name", "name_en", "subtitle", "story", "attributes", "status", "category_id", "heritage_item_id",
    "heritage_item__name", "heritage_item__name_en", "heritage_item__level", "heritage_item__ethnic_group_id",
    "brand_id", "brand__name", "brand__name_en", "ethnic_group_id", "region_id", "seller_id", "seller__name",
    "seller__status", "seller__credit_score", "seller__region_id", "seller__ethnic_group_id",
    *(claim.field for claim in Claim),
)


CERTIFICATE_VALUES = ("kind", "status", "valid_from", "valid_until", "heritage_item_id", "brand_id", "ich_level")


def documents_load(ids: list[int], *, today: datetime.date) -> list[ProductFacts]:
    """The facts for a batch of products, in six queries whatever the batch size."""
    rows = list(Product.objects.filter(pk__in=ids).values(*PRODUCT_VALUES))
    if not rows:
        return []
    categories = {c["id"]: c for c in Category.objects.values("id", "name", "name_en", "parent_id")}
    groups = {g["id"]: g for g in EthnicGroup.objects.values("id", "name", "name_en")}
    prices = dict(Sku.objects.filter(product_id__in=ids, is_active=True).order_by().values("product_id")
                  .annotate(low=Min("price")).values_list("product_id", "low"))
    certificates = defaultdict(list)
    for seller_id, *values in (Certificate.objects.filter(seller_id__in={r["seller_id"] for r in rows},
                                                          status=Certificate.Status.APPROVED, valid_until__gte=today)
                               .values_list("seller_id", *CERTIFICATE_VALUES)):
        certificates[seller_id].append(CertificateFacts(*values))
    codes = set()
    for row in rows:
        code = row["region_id"] or row["seller__region_id"] or ""
        codes |= {code, code[:4] + "00", code[:2] + "0000"} if code else set()
    regions = {r["code"]: r for r in Region.objects.filter(code__in=codes).values("code", "name", "name_en")}
    return [_facts(row, categories=categories, groups=groups, regions=regions, price=prices.get(row["pk"]),
                   certificates=certificates[row["seller_id"]]) for row in rows]


ADMIN_SUFFIXES = ("自治县", "自治州", "自治区", "自治旗", "特区", "地区", "林区",
                  "县", "市", "区", "省", "州", "旗", "盟")
ETHNIC_NAMES = sorted((name for _code, name, _en in ETHNIC_GROUPS), key=len, reverse=True)


def place_name(name: str) -> str:
    """黔东南苗族侗族自治州 → 黔东南, 丹寨县 → 丹寨: the part shoppers type (the ethnic group is its own facet)."""
    short = next((name[:-len(s)] for s in ADMIN_SUFFIXES if name.endswith(s) and len(name) - len(s) >= 2), name)
    stripped = True
    while stripped:
        stripped = False
        for group in ETHNIC_NAMES:
            if short.endswith(group) and len(short) - len(group) >= 2:
                short, stripped = short[:-len(group)], True
                break
    return short


def _category_path(categories: dict, category_id: int) -> list[dict]:
    path, node, seen = [], categories.get(category_id), set()
    while node is not None and node["id"] not in seen:
        seen.add(node["id"])
        path.append(node)
        node = categories.get(node["parent_id"])
    return path


def _facts(row: dict, *, categories, groups, regions, price, certificates) -> ProductFacts:
    path = _category_path(categories, row["category_id"])
    group_id = row["ethnic_group_id"] or row["heritage_item__ethnic_group_id"] or row["seller__ethnic_group_id"]
    code = row["region_id"] or row["seller__region_id"] or ""
    places = [regions[c] for c in dict.fromkeys((code, code[:4] + "00", code[:2] + "0000")) if c in regions]
    describing = []
    for node in path:
        describing += [node["name"], node["name_en"]]
    describing += [row["heritage_item__name"] or "", row["heritage_item__name_en"] or "", row["brand__name"] or "",
                   row["brand__name_en"] or ""]
    if group_id in groups:
        describing += [groups[group_id]["name"], groups[group_id]["name_en"]]
    describing += [place_name(place["name"]) for place in places]
    attributes = row["attributes"] if isinstance(row["attributes"], dict) else {}
    plain = [row["subtitle"] or "", row["seller__name"]]
    plain += [str(v) for v in attributes.values() if isinstance(v, str | int) and not isinstance(v, bool)]
    return ProductFacts(
        product_id=row["pk"], name=row["name"], name_en=row["name_en"], subtitle=row["subtitle"], story=row["story"],
        status=row["status"], seller_status=row["seller__status"], seller_name=row["seller__name"],
        credit_score=row["seller__credit_score"], category_id=row["category_id"],
        category_root_id=path[-1]["id"] if path else row["category_id"], min_price=price,
        heritage_item_id=row["heritage_item_id"], heritage_level=row["heritage_item__level"] or 0,
        brand_id=row["brand_id"], ethnic_group_id=group_id, region_code=code,
        claims=frozenset(c.value for c in Claim if row[c.field]), describing=[d for d in describing if d],
        plain=[p for p in plain if p],
        certificates=certificates)


# Building -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signals:
    flags: dict[str, bool]
    authenticity: float
    boost_until: datetime.date | None


def signals_build(facts: ProductFacts, *, today: datetime.date) -> Signals:
    """Which claims are backed today, how authentic that makes the product, and until when that holds."""
    in_force = [c for c in facts.certificates if c.valid_from <= today <= c.valid_until]
    # The boost changes when a certificate it rests on lapses, or when an approved one comes into force.
    changes = [c.valid_from - ONE_DAY for c in facts.certificates if c.valid_from > today]
    flags, inheritor_level = {}, 0
    for claim in Claim:
        backing = claim_backing(claim, heritage_item_id=facts.heritage_item_id, brand_id=facts.brand_id,
                                certificates=in_force, on=today) if claim.value in facts.claims else []
        flags[claim.value] = bool(backing)
        if backing:
            changes.append(max(c.valid_until for c in backing))
            if claim is Claim.HERITAGE:
                inheritor_level = max(c.ich_level or 0 for c in backing)
    inheritor_certs = [c for c in in_force if c.kind == Certificate.Kind.ICH_INHERITOR]
    if inheritor_certs and not flags[Claim.HERITAGE.value]:
        changes.append(max(c.valid_until for c in inheritor_certs))
    facts_ = rules.Authenticity(
        heritage_item_level=facts.heritage_level if flags[Claim.HERITAGE.value] else None,
        inheritor_level=inheritor_level or None, seller_is_inheritor=bool(inheritor_certs),
        other_backed_claims=sum(flags[c] for c in ("halal", "brand", "green", "organic")))
    return Signals(flags=flags, authenticity=rules.authenticity_signal(facts_),
                   boost_until=min(changes) if changes else None)


@lru_cache(maxsize=20_000)
def _fragment_words(text: str) -> tuple[str, ...]:
    """Category, place, maker and heritage names recur across thousands of products: cut each once."""
    return tuple(tokenize.index_words(text))


def _new(tokens: list[str], *seen: list[str]) -> list[str]:
    """The tokens, once each, that no better column already has."""
    taken = set().union(*seen)
    return [t for t in dict.fromkeys(tokens) if t not in taken]


def _with_pinyin(words: list[str]) -> tuple[list[str], list[str]]:
    """The words plus each Han word's full pinyin, and the initials of Han words of two or more characters."""
    full, initials = [], []
    for word in words:
        reading = tokenize.pinyin(word)
        if reading:
            full.append(reading[0])
            if len(word) >= 2:
                initials.append(reading[1])
    return list(dict.fromkeys(words + full)), initials


def document_build(facts: ProductFacts, *, today: datetime.date) -> IndexedDocument | None:
    """The search document of a product on sale by an admitted seller; None for any other product."""
    if (facts.status != Product.Status.PUBLISHED or facts.seller_status != Seller.Status.ADMITTED
            or facts.min_price is None):
        return None
    signals = signals_build(facts, today=today)
    name_words = tokenize.index_words(f"{facts.name} {facts.name_en}")
    meta_words = list(dict.fromkeys(w for text in facts.describing for w in _fragment_words(text)))
    plain_words = [w for text in facts.plain for w in _fragment_words(text)]
    title, title_initials = _with_pinyin(name_words)
    meta, meta_initials = _with_pinyin(meta_words)
    meta = _new(meta + plain_words, title)
    extra = _new(tokenize.han_characters(facts.name) + tokenize.index_words(facts.story[:STORY_CHARS]), title, meta)
    initials = _new(title_initials + meta_initials, title, meta, extra)
    vocabulary = {}
    for word in name_words + meta_words + plain_words:
        if tokenize.is_han(word) and 2 <= len(word) <= 20 and (reading := tokenize.pinyin(word)):
            vocabulary[word] = reading[0]
        elif word.isascii() and word.isalpha() and len(word) >= 3:
            vocabulary[word] = word
    credit = rules.credit_signal(facts.credit_score)
    boost = rules.boost(authenticity=signals.authenticity, credit=credit)
    place = facts.region_code
    fields = {
        "product_id": facts.product_id, "category_id": facts.category_id,
        "category_root_id": facts.category_root_id,
        "province_code": place[:2] + "0000" if place else "", "prefecture_code": place[:4] + "00" if place else "",
        "county_code": place, "ethnic_group_id": facts.ethnic_group_id,
        "heritage_level": facts.heritage_level if signals.flags["heritage"] else 0,
        **{f"cert_{name}": signals.flags[name] for name in rules.CERTIFICATIONS},
        "min_price": facts.min_price, "authenticity": signals.authenticity, "credit": credit, "quality": 0.0,
        "boost": boost,
        "boost_until": signals.boost_until,
        "rank": rules.rank_key(boost=boost, product_id=facts.product_id),
    }
    doc = IndexedDocument(product_id=facts.product_id, fields=fields, title=title, meta=meta, extra=extra,
                          initials=initials, vocabulary=vocabulary, facets=facet_tokens(fields))
    fields["digest"] = doc.digest()
    return doc


def facet_tokens(fields: dict) -> list[str]:
    """The document's facet values as index terms, for filtering inside the text index."""
    values = [("category", fields["category_id"]), ("root", fields["category_root_id"]),
              ("price_range", rules.price_range_index(fields["min_price"]))]
    for level in ("province", "prefecture", "county"):
        if fields[f"{level}_code"]:
            values.append((level, fields[f"{level}_code"]))
    if fields["ethnic_group_id"] is not None:
        values.append(("ethnic_group", fields["ethnic_group_id"]))
    if fields["heritage_level"]:
        values.append(("heritage_level", fields["heritage_level"]))
    values += [("certified", name) for name in rules.CERTIFICATIONS if fields[f"cert_{name}"]]
    values += [("tier", tier) for tier in rules.rank_tiers(fields["rank"])]
    return [query.facet_token(kind, value) for kind, value in values]
