"""Product search: the ranked page, facet counts and the total, plus "did you mean" when nothing matches.

A search reads at most CANDIDATES + 1 matches, in rank order (boost first), in one statement; a second one
works out their text relevance; the rest is done in Python over those rows. So a query costs about the
same whether it matches ten products or fifty thousand. Filters are index terms (query.facet_token).
Only products on sale by admitted sellers are in the index at all (services.py).
"""

import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import NamedTuple

from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chushan.catalog.models import Category, Product, ProductImage
from chushan.catalog.rules import CLAIM_LABELS, Claim
from chushan.core.errors import Unprocessable
from chushan.core.prepared import fetchall_prepared, fetchall_prepared_with
from chushan.heritage.models import EthnicGroup, ListLevel
from chushan.regions.models import Region
from chushan.search import query as q
from chushan.search import rules, tokenize
from chushan.search.models import SearchDocument, SearchTerm
from chushan.sellers.models import Seller

SORTS = {"relevance": _("Best match"), "price_asc": _("Price, low to high"), "price_desc": _("Price, high to low")}
PAGE_SIZE = 20
MAX_LIMIT = 50
CANDIDATES = 500  # matches read per query, in rank order; beyond this the count shows "500+"
MAX_OFFSET = CANDIDATES  # deeper pages are never read; refining the query is the better answer
DOC = SearchDocument._meta.db_table
PRODUCT, SELLER, CATEGORY, IMAGE = (m._meta.db_table for m in (Product, Seller, Category, ProductImage))
CENT = Decimal("0.01")


@dataclass(frozen=True)
class SearchFilters:
    category_id: int | None = None
    region_code: str | None = None
    ethnic_group_id: int | None = None
    heritage_level: int | None = None
    certified: str | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None

    def active(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


@dataclass(frozen=True)
class Ref:
    """A maker or a category as a result card shows it."""

    id: int
    slug: str
    name: str
    name_en: str = ""
    url: str = ""

    @property
    def display_name(self) -> str:
        return _display(self.name, self.name_en)

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True)
class HitProduct:
    """What a result card needs of a product, read in one statement for the whole page."""

    pk: int
    name: str
    name_en: str
    seller: Ref
    category: Ref
    image: str  # the stored name of the first picture's thumbnail (or the picture), "" for none
    url: str = ""

    @property
    def display_name(self) -> str:
        return _display(self.name, self.name_en)

    @property
    def image_url(self) -> str | None:
        return default_storage.url(self.image) if self.image else None

    def get_absolute_url(self) -> str:
        return self.url


@dataclass
class Hit:
    product: HitProduct
    price: Decimal
    score: float
    relevance: float
    heritage_level: int
    certifications: list[str]

    @property
    def badges(self) -> list[dict]:
        """Claims backed by certificates in force when the product was indexed; the heritage one names the
        item's list level (非遗传承人手作 · 国家级)."""
        badges = []
        for name in self.certifications:
            label = str(CLAIM_LABELS[Claim(name)])
            if name == "heritage" and self.heritage_level in ListLevel.values:
                label = f"{label} · {ListLevel(self.heritage_level).label}"
            badges.append({"kind": name, "label": label})
        return badges


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class Suggestion:
    text: str
    count: int


@dataclass
class SearchResult:
    query: str
    parsed: q.ParsedQuery
    filters: SearchFilters
    sort: str
    limit: int
    offset: int
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: list[Facet] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    total_exact: bool = True  # False: more than CANDIDATES matched, the total reads "500+"
    relaxed: bool = False  # nothing matched as typed; these hits match a looser reading of the query

    @property
    def words(self) -> list[str]:
        return self.parsed.words


# Validation -----------------------------------------------------------------------------------------

def _lookup(model, value, *, by: str):
    """A row by its number or by its readable key (a category's slug, an ethnic group's code)."""
    value = str(value).strip()
    if value.isdigit():
        return model.objects.filter(pk=int(value)).first()
    return model.objects.filter(**{by: value}).first()


def search_filters_build(*, category=None, region=None, ethnic_group=None, heritage_level=None, certified=None,
                         price_min: Decimal | None = None, price_max: Decimal | None = None) -> SearchFilters:
    """Filters from request values; a category or ethnic group may be named by number, slug or code.

    Refuses values that name nothing that exists, each under its field (422).
    """
    errors: dict[str, list[str]] = {}
    category_obj = _lookup(Category, category, by="slug") if category not in (None, "") else None
    if category not in (None, "") and category_obj is None:
        errors["category"] = [str(_("There is no such category."))]
    if region and not Region.objects.filter(code=str(region)).exists():
        errors["region"] = [str(_("There is no region with this division code."))]
    group = _lookup(EthnicGroup, ethnic_group, by="code") if ethnic_group not in (None, "") else None
    if ethnic_group not in (None, "") and group is None:
        errors["ethnic_group"] = [str(_("There is no such ethnic group."))]
    if heritage_level is not None and heritage_level not in ListLevel.values:
        errors["heritage_level"] = [str(_("Heritage levels run from 1 (county) to 4 (national)."))]
    if certified and certified not in rules.CERTIFICATIONS:
        errors["certified"] = [str(_("Use one of: %(kinds)s.") % {"kinds": ", ".join(rules.CERTIFICATIONS)})]
    if price_min is not None and price_max is not None and price_min > price_max:
        errors["price_max"] = [str(_("The highest price must not be below the lowest."))]
    if errors:
        detail = " ".join(msg for msgs in errors.values() for msg in msgs)
        raise Unprocessable(detail, code="validation", errors=errors)
    return SearchFilters(category_id=category_obj.pk if category_obj else None, region_code=region or None,
                         ethnic_group_id=group.pk if group else None, heritage_level=heritage_level,
                         certified=certified or None, price_min=price_min, price_max=price_max)


# SQL pieces -----------------------------------------------------------------------------------------

def _filter_groups(filters: SearchFilters) -> tuple[q.Group, ...]:
    """Filters as index terms (query.facet_token): each one more group every match must have."""
    groups = []
    if filters.category_id is not None:
        groups.append(q.facet_group([("category", filters.category_id), ("root", filters.category_id)]))
    if filters.region_code:
        code = filters.region_code
        level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
        groups.append(q.facet_group([(level, code)]))
    if filters.ethnic_group_id is not None:
        groups.append(q.facet_group([("ethnic_group", filters.ethnic_group_id)]))
    if filters.heritage_level is not None:
        groups.append(q.facet_group([("heritage_level", filters.heritage_level)]))
    if filters.certified in rules.CERTIFICATIONS:
        groups.append(q.facet_group([("certified", filters.certified)]))
    if filters.price_min is not None or filters.price_max is not None:
        # The price ranges the bounds overlap narrow the index read; the exact bounds are checked on the row.
        low_bound, high_bound = filters.price_min, filters.price_max
        ranges = [i for i, (low, high) in enumerate(rules.PRICE_RANGES)
                  if (high_bound is None or low <= high_bound)
                  and (low_bound is None or high is None or high > low_bound)]
        groups.append(q.facet_group([("price_range", i) for i in ranges] or [("price_range", "none")]))
    return tuple(groups)


def _price_sql(filters: SearchFilters) -> tuple[str, list]:
    clauses, params = [], []
    if filters.price_min is not None:
        clauses.append(" AND d.min_price >= %s")
        params.append(filters.price_min)
    if filters.price_max is not None:
        clauses.append(" AND d.min_price <= %s")
        params.append(filters.price_max)
    return "".join(clauses), params


# Reading matches ------------------------------------------------------------------------------------

# One bit per certification, and the price range, worked out by the database so Python reads two small ints.
CERT_MASK = " + ".join(f"(CASE WHEN d.cert_{name} THEN {1 << i} ELSE 0 END)"
                       for i, name in enumerate(rules.CERTIFICATIONS))
CERT_SETS = [tuple(name for i, name in enumerate(rules.CERTIFICATIONS) if mask & (1 << i))
             for mask in range(1 << len(rules.CERTIFICATIONS))]
PRICE_RANGE = "CASE " + " ".join(f"WHEN d.min_price < {high} THEN {i}"
                                 for i, (_low, high) in enumerate(rules.PRICE_RANGES) if high is not None) + \
    f" ELSE {len(rules.PRICE_RANGES) - 1} END"
CANDIDATE_EXPRESSIONS = ("d.product_id", "d.rank", "d.boost", "d.min_price", "d.category_root_id", "d.category_id",
                         "d.prefecture_code", "d.ethnic_group_id", "d.heritage_level", CERT_MASK, PRICE_RANGE)
CANDIDATE_COLUMNS = ", ".join(CANDIDATE_EXPRESSIONS)


class Candidate(NamedTuple):
    """A matching document as read in rank order (a plain row: a thousand of them are made per search)."""

    product_id: int
    rank: int
    boost: float
    price: Decimal | float
    category_root_id: int
    category_id: int
    prefecture_code: str
    ethnic_group_id: int | None
    heritage_level: int
    cert_mask: int
    price_range: int


# Named as the Candidate fields; the price as a float, which the client reads several times quicker than a
# numeric (it only orders the page and facets; the shown price is made exact again in _hits).
_POSTGRES_COLUMNS = ", ".join(f"{expression}{'::float8' if name == 'price' else ''} AS {name}"
                              for expression, name in zip(CANDIDATE_EXPRESSIONS, Candidate._fields, strict=True))


def _candidates(parsed: q.ParsedQuery, filters: SearchFilters, *, limit: int | None = None) -> list[Candidate]:
    """The first CANDIDATES + 1 matches in rank order (best boost first). Both databases stop reading there:
    FTS5 walks its rowids (the ranks) in order; PostgreSQL reads them tier by tier (_postgres_candidates)."""
    return _matches(parsed, filters, limit=limit, scored=False)[0]


def _matches(parsed: q.ParsedQuery, filters: SearchFilters, *, limit: int | None = None, scored: bool = True
             ) -> tuple[list[Candidate], dict[int, float] | None]:
    """The candidates and, on PostgreSQL when ``scored``, their text relevance read in the same statement
    (None otherwise: _relevance works it out)."""
    limit = limit or CANDIDATES + 1
    groups = _filter_groups(filters)
    price, params = _price_sql(filters)
    if not parsed and not groups:
        return _fetch(f"SELECT {CANDIDATE_COLUMNS} FROM {DOC} d ORDER BY d.rank LIMIT %s", [limit]), None  # noqa: S608
    if connection.vendor == "postgresql":
        score = _postgres_relevance_sql(parsed) if scored and parsed else None
        return _postgres_candidates(q.to_tsquery(parsed, also=groups), price, params, limit, score=score)
    return _fetch(f"SELECT {CANDIDATE_COLUMNS} FROM search_fts JOIN {DOC} d ON d.rank = search_fts.rowid "  # noqa: S608
                  f"WHERE search_fts MATCH %s{price} ORDER BY search_fts.rowid LIMIT %s",
                  [q.to_fts5(parsed, also=groups), *params, limit]), None


def _fetch(sql: str, args: list) -> list[Candidate]:
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return list(map(Candidate._make, cursor.fetchall()))


# The reads cover the best-boosted tiers up to about these shares of the catalogue, then the rest. Finer steps
# cost a GIN read of the words' posting lists per stage; these halved the words among unboosted products.
TIER_SHARES = (0.04, 0.12, 0.36, 0.5, 0.8)
TIER_STATS_SECONDS = 600
_tier_stats: dict = {"at": -TIER_STATS_SECONDS, "tiers": ()}


def _stage_tiers() -> tuple[int, ...]:
    """Boost tiers (rules.RANK_TIERS) whose documents make about TIER_SHARES of the catalogue, best first, from
    counts re-read every TIER_STATS_SECONDS. Stale counts cost time, never answers."""
    now = time.monotonic()
    if now - _tier_stats["at"] < TIER_STATS_SECONDS:
        return _tier_stats["tiers"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rank >> 32, count(*) FROM {DOC} GROUP BY 1")  # noqa: S608
        per_band: Counter[int] = Counter()
        for top, count in cursor.fetchall():
            per_band[rules.rank_band(top << 32)] += count
    total = sum(per_band.values())
    covered = [(tier, sum(n for band, n in per_band.items() if band >= tier)) for tier in rules.RANK_TIERS]
    useful = [(tier, n) for tier, n in covered if 0 < n < total]
    tiers: list[int] = []
    for share in TIER_SHARES:
        within = [tier for tier, n in useful if n <= share * total] or [tier for tier, _n in useful[:1]]
        if within and within[-1] not in tiers:
            tiers.append(within[-1])
    _tier_stats.update(at=now, tiers=tuple(tiers))
    return _tier_stats["tiers"]


_PLANNER_SETTINGS = {"enable_seqscan": "off", "max_parallel_workers_per_gather": "0", "jit": "off",
                     "plan_cache_mode": "force_generic_plan"}


def _postgres_candidates(tsquery: str, price: str, params: list, limit: int, *, score: tuple[str, list] | None
                         ) -> tuple[list[Candidate], dict[int, float] | None]:
    """Sorting every GIN match by rank costs a heap visit per match, thousands for a common word. So read the
    matches tier by tier, best boost first (a tier is an index term, query.facet_token, which the GIN index
    intersects with the query): every document of a tier ranks before every document outside it, so once
    the tiers read hold ``limit`` matches those are the answer and the rest is never read. One statement,
    which also scores the matches it returns when given ``score`` (_postgres_relevance_sql)."""
    select = (f"SELECT d.rank, d.ctid AS tid FROM {DOC} d "  # noqa: S608
              f"WHERE d.vector @@ %s::tsquery{price}{{more}} "
              "ORDER BY d.rank + 0 LIMIT %s{less}")  # "+ 0": sort the GIN matches, never walk the rank index
    stages, args, outside = [], [], ""
    for tier in (*_stage_tiers(), None):
        token = q.facet_token("tier", tier) if tier is not None else ""
        # A later stage runs only when the ones before it found too few, and reads only what they lack.
        read_before = " + ".join(f"(SELECT count(*) FROM s{i})" for i in range(len(stages)))  # noqa: S608
        stages.append(select.format(more=f" AND ({read_before}) < %s" if stages else "",
                                    less=f" - ({read_before})" if stages else ""))
        args += [f"({tsquery})" + (f" & '{token}'" if token else "") + outside, *params,
                 *([limit] if len(stages) > 1 else []), limit]
        outside = f" & !'{token}'" if token else ""
    sql = ("WITH " + ", ".join(f"s{i} AS ({stage})" for i, stage in enumerate(stages))  # noqa: S608
           + " " + " UNION ALL ".join(f"SELECT * FROM s{i}" for i in range(len(stages))))  # noqa: S608
    # Back to each row read by its address (no index descent) for its columns and the text it is scored on: a
    # stage sorts every match it reads, so it carries only what it sorts by.
    sql = (f"SELECT {_POSTGRES_COLUMNS}{f', ({score[0]})::float8' if score else ''} "  # noqa: S608
           f"FROM ({sql}) m JOIN {DOC} d ON d.ctid = m.tid")
    args = [*(score[1] if score else []), *args]
    # With a cold cost model the planner prefers reading the whole table to visiting a few thousand matching
    # rows (the table lives in memory), starting parallel workers for a stage that will not even run, and
    # compiling the statement (JIT, 50 ms) for the cost of stages it never reaches: keep it on the GIN index,
    # in this process, interpreted. The statement has a few shapes (stages, filters, words) and is planned
    # once per shape and connection: planning it cost about a tenth of a search.
    rows = sorted(fetchall_prepared_with(_PLANNER_SETTINGS, sql, args), key=itemgetter(1))[:limit]  # rank order
    candidates = [Candidate._make(row[:len(Candidate._fields)]) for row in rows]
    return candidates, ({row[1]: row[-1] for row in rows} if score is not None else None)


def _membership_tests(parsed: q.ParsedQuery) -> list[tuple[int, float, q.Group, str]]:
    """(word index, points, group, column): one test per query word, column and exact-or-prefix reading."""
    tests = []
    for index, group in enumerate(parsed.groups):
        exact = q.exact_only(group)
        # With prefix readings, the group itself may match only by prefix (half points); its exact part full.
        variants = [(group, rules.PREFIX_SHARE), (exact, 1.0)] if exact else [(group, 1.0)]
        for column, weight in rules.COLUMN_WEIGHTS.items():
            if column == "initials" and not group.is_latin:
                continue  # initials are letters: a Chinese or digit word is never found there
            tests += [(index, weight * share, variant, column) for variant, share in variants]
    return tests


def _postgres_relevance_sql(parsed: q.ParsedQuery) -> tuple[str, list]:
    """The relevance of a document ``d`` as one SQL expression with its parameters (see _relevance)."""
    tests = _membership_tests(parsed)
    per_word, params = [], []
    for index in range(len(parsed.groups)):
        mine = [(points, group, column) for i, points, group, column in tests if i == index]
        per_word.append("GREATEST(" + ", ".join(f"CASE WHEN d.vector @@ %s::tsquery THEN {points} ELSE 0 END"
                                                for points, _g, _c in mine) + ")")
        params += [q.group_tsquery(group, column=column) for _p, group, column in mine]
    return " + ".join(per_word), params


def _relevance(parsed: q.ParsedQuery, candidates: list[Candidate], filters: SearchFilters) -> dict[int, float]:
    """For each query word the points of the best place it is found (rules.COLUMN_WEIGHTS), summed over the
    words, for the candidates only. Set membership rather than bm25 or ts_rank: both databases agree."""
    if not parsed or not candidates:
        return dict.fromkeys((c.rank for c in candidates), 1.0)
    ranks = {c.rank for c in candidates}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            expression, params = _postgres_relevance_sql(parsed)
            cursor.execute(f"SELECT d.rank, {expression} FROM {DOC} d WHERE d.rank = ANY(%s)",  # noqa: S608
                           [*params, list(ranks)])
        else:
            # Each column's matches among the whole query's matches in the candidates' rank range (FTS5 intersects
            # the lists itself); the best place per word, summed over the words.
            tests = _membership_tests(parsed)
            low, high = min(ranks), max(ranks)
            groups = _filter_groups(filters)
            # With one word and no filter, a column test already implies the whole query.
            whole = f" AND {q.to_fts5(parsed, also=groups)}" if len(parsed.groups) > 1 or groups else ""
            found = " UNION ALL ".join(
                f"SELECT rowid, {i} AS word, {points} AS points FROM search_fts "  # noqa: S608
                "WHERE search_fts MATCH %s AND rowid BETWEEN %s AND %s" for i, points, _g, _c in tests)
            cursor.execute(f"SELECT rowid, SUM(best) FROM (SELECT rowid, MAX(points) AS best FROM ({found}) "  # noqa: S608
                           "GROUP BY rowid, word) GROUP BY rowid",
                           [v for _i, _p, g, c in tests
                            for v in (f"({q.group_fts5(g, column=c)}){whole}", low, high)])
        relevance = dict.fromkeys(ranks, 0.0)
        for rank, points in cursor.fetchall():
            if rank in relevance:
                relevance[rank] = float(points)
        return relevance


# Facets ---------------------------------------------------------------------------------------------

PRICE_LABELS = [f"¥{low}+" if high is None else f"¥{low}–{high}" for low, high in rules.PRICE_RANGES]


def _counts(candidates: list[Candidate], filters: SearchFilters) -> dict[str, dict[str, int]]:
    """How many candidates have each facet value, keyed as the facets need (strings); no value, no count."""
    category = attrgetter("category_id" if filters.category_id is not None else "category_root_id")
    columns = {"category": category, "region": attrgetter("prefecture_code"),
               "ethnic_group": attrgetter("ethnic_group_id"), "heritage_level": attrgetter("heritage_level")}
    counts = {name: {str(k): n for k, n in Counter(map(get, candidates)).items() if k not in (None, "", 0)}
              for name, get in columns.items()}
    counts["price"] = {str(k): n for k, n in Counter(map(attrgetter("price_range"), candidates)).items()}
    certified: Counter[str] = Counter()
    for mask, n in Counter(map(attrgetter("cert_mask"), candidates)).items():
        for name in CERT_SETS[mask]:
            certified[name] += n
    counts["certified"] = dict(certified)
    return counts


def _display(name: str, name_en: str) -> str:
    return name_en if name_en and (get_language() or "").startswith("en") else name


@lru_cache(maxsize=1)
def _static_labels() -> tuple[dict, dict]:
    """Prefecture and province names, ethnic groups: loaded with the data, never edited; read once per process."""
    regions = {code: (name, name_en) for code, name, name_en in
               Region.objects.filter(level__lte=Region.Level.PREFECTURE).values_list("code", "name", "name_en")}
    groups = {str(pk): (code, name, name_en) for pk, code, name, name_en in
              EthnicGroup.objects.values_list("pk", "code", "name", "name_en")}
    return regions, groups


def _facets(candidates: list[Candidate], filters: SearchFilters) -> list[Facet]:
    """Facet values as links need them: ``key`` is what goes in the URL (a slug, a code, a number)."""
    counts = _counts(candidates, filters)
    categories = {}
    if ids := [int(k) for k in counts["category"]]:
        rows = _by_ids(f"SELECT id, slug, name, name_en FROM {CATEGORY} WHERE id", ids)  # noqa: S608
        categories = {str(pk): (slug, _display(name, name_en)) for pk, slug, name, name_en in rows}
    region_names, group_names = _static_labels()
    regions = {code: (code, _display(*region_names[code])) for code in counts["region"] if code in region_names}
    groups = {pk: (group_names[pk][0], _display(*group_names[pk][1:])) for pk in counts["ethnic_group"]
              if pk in group_names}
    levels = {str(v): (str(v), ListLevel(v).label) for v in ListLevel.values}

    def values(facet: str, labels: dict, selected) -> list[FacetValue]:
        found = [FacetValue(key=labels[k][0], label=str(labels[k][1]), count=n, selected=(k == str(selected)))
                 for k, n in counts[facet].items() if k in labels]
        return sorted(found, key=lambda v: (-v.count, v.label))

    facets = [
        Facet("category", str(_("Category")), values("category", categories, filters.category_id)),
        Facet("region", str(_("Region")), values("region", regions, filters.region_code)),
        Facet("ethnic_group", str(_("Ethnic group")), values("ethnic_group", groups, filters.ethnic_group_id)),
        Facet("heritage_level", str(_("Heritage list level")),
              sorted(values("heritage_level", levels, filters.heritage_level), key=lambda v: -int(v.key))),
        Facet("certified", str(_("Certified")),
              [FacetValue(key=name, label=str(CLAIM_LABELS[Claim(name)]), count=counts["certified"][name],
                          selected=(filters.certified == name)) for name in rules.CERTIFICATIONS
               if counts["certified"].get(name)]),
        Facet("price", str(_("Price")),
              [FacetValue(key=k, label=PRICE_LABELS[int(k)], count=n)
               for k, n in sorted(counts["price"].items(), key=lambda kv: int(kv[0]))]),
    ]
    return [f for f in facets if f.values]


# The search -----------------------------------------------------------------------------------------

def _order(sort: str, relevance: dict[int, float]):
    """The sort key: score (relevance × boost) first, ties by rank; or price first when asked for."""
    if sort == "price_asc":
        return lambda c: (c.price, -relevance[c.rank] * c.boost, c.rank)
    if sort == "price_desc":
        return lambda c: (-c.price, -relevance[c.rank] * c.boost, c.rank)
    return lambda c: (-relevance[c.rank] * c.boost, c.rank)


def product_search(*, query: str = "", filters: SearchFilters | None = None, sort: str = "relevance",
                   limit: int = PAGE_SIZE, offset: int = 0) -> SearchResult:
    """Products on sale matching a Chinese or pinyin query and the filters: the ranked page, facet counts and
    the total, and suggestions when nothing matches. An empty query browses everything.

    At most CANDIDATES matches are read, best boost first; when there are more, the total says "500+" and
    the page and facets are worked out among those (docs/ranking.md).
    """
    filters = filters or SearchFilters()
    sort = sort if sort in SORTS else "relevance"
    limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))
    parsed = q.parse(query)
    result = SearchResult(query=parsed.text, parsed=parsed, filters=filters, sort=sort, limit=limit, offset=offset)
    if parsed.text and not parsed:
        return result  # only punctuation or stopwords: nothing can match, and browsing everything would mislead
    candidates, relevance = _matches(parsed, filters)
    if not candidates and parsed:
        for looser in (q.joined_latin(parsed), q.relaxed(parsed)):
            if looser is not None and (found := _matches(looser, filters))[0]:
                (candidates, relevance), parsed, result.relaxed = found, looser, True
                break
    if not candidates:
        result.suggestions = search_suggestions(parsed, filters=filters) if parsed else []
        return result
    result.total_exact = len(candidates) <= CANDIDATES
    candidates = candidates[:CANDIDATES]
    result.total = len(candidates)
    if relevance is None:
        relevance = _relevance(parsed, candidates, filters)
    result.facets = _facets(candidates, filters)
    result.hits = _hits(sorted(candidates, key=_order(sort, relevance))[offset:offset + limit], relevance)
    return result


HIT_SQL = (
    f"SELECT p.id, p.name, p.name_en, s.id, s.slug, s.name, c.id, c.slug, c.name, c.name_en, "  # noqa: S608
    f"(SELECT CASE WHEN i.thumbnail <> '' THEN i.thumbnail ELSE i.image END FROM {IMAGE} i "
    f"WHERE i.product_id = p.id ORDER BY i.position, i.id LIMIT 1) "
    f"FROM {PRODUCT} p JOIN {SELLER} s ON s.id = p.seller_id JOIN {CATEGORY} c ON c.id = p.category_id "
    f"WHERE p.id"
)


def _by_ids(sql: str, ids: list[int]) -> list[tuple]:
    """``sql`` (ending in the column to match) for these ids: one prepared statement on PostgreSQL."""
    if connection.vendor == "postgresql":
        return fetchall_prepared(f"{sql} = ANY(%s)", [ids])
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} IN ({', '.join(['%s'] * len(ids))})", ids)
        return cursor.fetchall()


def _url_filler(name: str, mark: str):
    """reverse() for a page of results: the URL is reversed once (in the active language) with ``mark``
    standing for its one argument, then filled in for each id or slug (plain ASCII that reverse() would not
    quote)."""
    before, _mark, after = reverse(name, args=[mark]).partition(mark)
    return lambda value: f"{before}{value}{after}"


def _hits(page: list[Candidate], relevance: dict[int, float]) -> list[Hit]:
    """The page's products with maker, category and first picture, in one statement."""
    if not page:
        return []
    rows = _by_ids(HIT_SQL, [c.product_id for c in page])
    by_id = {}
    product_url, seller_url = (_url_filler("catalog:product", "9081726354"),
                              _url_filler("storefront:seller", "chushan-url-mark"))
    for pk, name, name_en, seller_id, seller_slug, seller_name, cat_id, cat_slug, cat_name, cat_name_en, image in rows:
        by_id[pk] = HitProduct(
            pk=pk, name=name, name_en=name_en, image=image or "", url=product_url(pk),
            seller=Ref(id=seller_id, slug=seller_slug, name=seller_name, url=seller_url(seller_slug)),
            category=Ref(id=cat_id, slug=cat_slug, name=cat_name, name_en=cat_name_en))
    return [Hit(product=by_id[c.product_id], price=Decimal(str(c.price)).quantize(CENT),
                score=relevance[c.rank] * c.boost, relevance=relevance[c.rank], heritage_level=c.heritage_level,
                certifications=list(CERT_SETS[c.cert_mask]))
            for c in page if c.product_id in by_id]


# Did you mean ---------------------------------------------------------------------------------------

def _corrections(word: str) -> list[str]:
    """Indexed words a shopper may have meant: for letters, words whose pinyin is one edit away (larn → 蜡染);
    for Chinese, words that sound the same or one pinyin edit away (腊染 → 蜡染)."""
    if tokenize.is_han(word):
        reading = tokenize.pinyin(word)
        if reading is None or len(reading[0]) > 30:
            return []
        candidates = {reading[0]} | rules.edits1(reading[0])
    elif word.isascii() and word.isalpha() and 3 <= len(word) <= 30:
        if SearchTerm.objects.filter(pinyin=word).exists():
            return []
        candidates = rules.edits1(word)
    else:
        return []
    terms = SearchTerm.objects.filter(pinyin__in=candidates).exclude(term=word).order_by("-documents", "term")
    return list(terms.values_list("term", flat=True)[:3])


def search_suggestions(parsed: q.ParsedQuery, *, filters: SearchFilters | None = None) -> list[Suggestion]:
    """Queries one correction away that do find something, best first (at most three)."""
    filters = filters or SearchFilters()
    suggestions: list[Suggestion] = []
    words = _merge_single_characters(parsed.words)
    for i, word in enumerate(words):
        for term in _corrections(word):
            text = " ".join(words[:i] + [term] + words[i + 1:])
            candidate = q.parse(text)
            count = _count(candidate, filters)
            if count and all(s.text != text for s in suggestions):
                suggestions.append(Suggestion(text=text, count=count))
            if len(suggestions) >= 3:
                break
    return sorted(suggestions, key=lambda s: -s.count)[:3]


def _merge_single_characters(words: list[str]) -> list[str]:
    """腊染 is no word, so jieba cuts it into 腊 and 染; put such runs back together to find 蜡染 by sound."""
    merged: list[str] = []
    run = False  # whether merged[-1] was built from single characters
    for word in words:
        single = len(word) == 1 and tokenize.is_han(word)
        if single and run:
            merged[-1] += word
        else:
            merged.append(word)
        run = single
    return merged


def _count(parsed: q.ParsedQuery, filters: SearchFilters) -> int:
    return len(_candidates(parsed, filters))


def search_filters_describe(filters: SearchFilters) -> dict:
    """Labels for the active filters, for the page's "remove this filter" chips."""
    labels = {}
    if filters.category_id is not None:
        category = Category.objects.filter(pk=filters.category_id).first()
        labels["category"] = category.display_name if category else str(filters.category_id)
    if filters.region_code:
        region = Region.objects.filter(code=filters.region_code).first()
        labels["region"] = region.display_name if region else filters.region_code
    if filters.ethnic_group_id is not None:
        group = EthnicGroup.objects.filter(pk=filters.ethnic_group_id).first()
        labels["ethnic_group"] = group.display_name if group else str(filters.ethnic_group_id)
    if filters.heritage_level in ListLevel.values:
        labels["heritage_level"] = ListLevel(filters.heritage_level).label
    if filters.certified in rules.CERTIFICATIONS:
        labels["certified"] = CLAIM_LABELS[Claim(filters.certified)]
    if filters.price_min is not None or filters.price_max is not None:
        low = f"¥{filters.price_min}" if filters.price_min is not None else ""
        high = f"¥{filters.price_max}" if filters.price_max is not None else ""
        labels["price"] = f"{low}–{high}"
    return labels

