"""Searching: Chinese and pinyin matches, the same matches as the Python reference on either database,
facets, filters, ranking, pagination, and what happens when nothing matches."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from chushan.catalog.models import Product
from chushan.heritage.models import ListLevel
from chushan.heritage.tests.factories import HeritageItemFactory, ethnic_group, region
from chushan.search import documents, query, rules, selectors
from chushan.search.models import SearchDocument
from chushan.search.selectors import SearchFilters, product_search, search_filters_build
from chushan.search.tests.support import ids, neutral_category, neutral_seller, product
from chushan.sellers.models import Certificate, Seller
from chushan.sellers.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db

TITLES = [
    "丹寨苗族蜡染手工桌旗", "安顺蜡染围巾 靛蓝", "苗族蜡染技艺体验课", "雷山苗绣银饰项圈", "台江苗绣背带 手工",
    "三都水族马尾绣荷包", "雷山苗族银饰手镯 足银", "都匀毛尖明前特级 250g", "水城春早春绿茶", "贵州刺梨原汁",
    "红酸汤火锅底料", "遵义辣椒 糍粑辣椒", "修文猕猴桃 5斤装", "临夏牛肉干 五香", "东乡手抓羊肉", "保安腰刀 手工锻制",
    "临夏砖雕 牡丹纹摆件", "古法造纸 丹寨皮纸信笺", "大方漆器首饰盒", "Miao batik table runner",
]
QUERIES = ["蜡染", "laran", "lr", "lar", "miaoxiu", "mx", "苗族 蜡染", "苗族laran", "银饰", "yinshi", "ys", "苗绣",
           "马尾绣", "maweixiu", "都匀毛尖", "duyun", "毛尖", "刺梨", "cili", "牛肉", "牛肉干", "niurougan", "砖雕",
           "zhuandiao", "腰刀", "baoan", "手工", "茶", "刀", "250", "batik", "苗族蜡染技艺", "临夏", "linxia", "东乡",
           "手抓羊肉", "古法造纸", "gfzz", "漆器", "红酸汤", "hst", "修文猕猴桃", "猕猴桃", "遵义辣椒", "zunyi",
           "水城春"]


@pytest.fixture
def catalogue():
    # Makers of different standing, so the documents' boosts (and boost tiers) differ.
    return [product(title, seller=neutral_seller(credit_score=50 * i)) for i, title in enumerate(TITLES)]


def reference(catalogue, text: str) -> list[int]:
    """The expected order, computed in Python from the same tokens: matches by query.matches, relevance by
    rules.COLUMN_WEIGHTS times boost, ties by rank (boost, then newest)."""
    parsed = query.parse(text)
    today = timezone.localdate()
    ranked = []
    for facts in documents.documents_load([p.pk for p in catalogue], today=today):
        doc = documents.document_build(facts, today=today)
        if doc is None or not query.matches(parsed, doc.tokens()):
            continue
        columns = {"title": set(doc.title), "meta": set(doc.meta), "extra": set(doc.extra),
                   "initials": set(doc.initials)}
        relevance = 0.0
        for group in parsed.groups:
            exact = query.exact_only(group)
            variants = [(group, rules.PREFIX_SHARE), (exact, 1.0)] if exact else [(group, 1.0)]
            relevance += max(weight * share
                             for column, weight in rules.COLUMN_WEIGHTS.items()
                             for variant, share in variants
                             if (column != "initials" or group.is_latin)
                             and query.matches(query.ParsedQuery(text="", groups=(variant,)), columns[column]))
        ranked.append((-relevance * doc.fields["boost"], doc.fields["rank"], doc.product_id))
    return [pk for _score, _rank, pk in sorted(ranked)]


@pytest.mark.parametrize("text", QUERIES)
def test_the_database_returns_the_reference_matches_in_the_reference_order(catalogue, text):
    """Run on SQLite and on PostgreSQL, this shows both databases return the same products in the same order."""
    expected = reference(catalogue, text)
    assert ids(text) == expected


@pytest.mark.parametrize("text", ["蜡染", "laran", "lr", "苗族 蜡染", "手工"])
def test_reading_the_best_boosted_tier_first_gives_the_same_matches_in_the_same_order(catalogue, text,
                                                                                      monkeypatch):
    """PostgreSQL reads the matches in the first boost tier, then the rest only if it must: whichever tier it
    starts with (or none), and however few matches it asks for, the answer is the same."""
    expected = reference(catalogue, text)
    parsed = query.parse(text)
    in_rank_order = [c.product_id for c in selectors._candidates(parsed, selectors.SearchFilters())]
    stage_choices = [(), *((tier,) for tier in rules.RANK_TIERS), (120, 110), (115, 110, 105)]
    for tiers in stage_choices:
        monkeypatch.setattr(selectors, "_stage_tiers", lambda tiers=tiers: tiers)
        assert ids(text) == expected
        for limit in (1, 2, 3):
            found = selectors._candidates(parsed, selectors.SearchFilters(), limit=limit)
            assert [c.product_id for c in found] == in_rank_order[:limit]


def test_the_tiers_read_first_split_the_catalogue_best_boost_first(catalogue, monkeypatch):
    monkeypatch.setitem(selectors._tier_stats, "at", -10**9)  # counts read afresh
    tiers = selectors._stage_tiers()
    assert tiers and list(tiers) == sorted(tiers, reverse=True)
    sizes = [sum(rules.rank_band(doc.rank) >= tier for doc in SearchDocument.objects.all()) for tier in tiers]
    assert sizes[0] > 0 and sizes == sorted(sizes) and sizes[-1] < SearchDocument.objects.count()


def test_the_reference_is_not_trivial(catalogue):
    by_name = {p.name: p.pk for p in catalogue}
    assert set(ids("laran")) == {by_name["丹寨苗族蜡染手工桌旗"], by_name["安顺蜡染围巾 靛蓝"],
                                 by_name["苗族蜡染技艺体验课"]}
    assert set(ids("lr")) >= set(ids("laran"))
    assert set(ids("miaoxiu")) == set(ids("mx")) & set(ids("苗绣")) == {by_name["雷山苗绣银饰项圈"],
                                                                         by_name["台江苗绣背带 手工"]}
    assert set(ids("maweixiu")) == {by_name["三都水族马尾绣荷包"]}
    assert set(ids("duyun")) == {by_name["都匀毛尖明前特级 250g"]}
    assert set(ids("茶")) == {by_name["水城春早春绿茶"]}  # 绿茶 found by its character
    assert ids("牛肉") == [by_name["临夏牛肉干 五香"]]


def test_chinese_and_full_pinyin_hits_weigh_more_than_initials_hits():
    product("雷山银饰手镯")

    def relevance(text):
        return product_search(query=text).hits[0].relevance

    assert relevance("银饰") == relevance("yinshi") == rules.COLUMN_WEIGHTS["title"]
    assert relevance("ys") == rules.COLUMN_WEIGHTS["initials"]
    assert relevance("yins") == rules.COLUMN_WEIGHTS["title"] * rules.PREFIX_SHARE  # found by a prefix only


def test_name_hits_rank_above_description_hits():
    in_name = product("蜡染挂画")
    in_category = product("挂画", category=neutral_category(name="蜡染"))
    assert ids("蜡染") == [in_name.pk, in_category.pk]


def test_certified_makers_item_outranks_an_uncertified_cheaper_lookalike_of_equal_relevance():
    """The issue's ranking test: equal text relevance, the genuine maker first although it costs more."""
    item = HeritageItemFactory(name="苗族蜡染技艺", level=ListLevel.NATIONAL)
    category = neutral_category()
    maker = neutral_seller(credit_score=300)
    CertificateFactory(seller=maker, heritage_item=item, ich_level=ListLevel.PROVINCIAL)
    lookalike_seller = neutral_seller(credit_score=300)
    genuine = product("丹寨苗族蜡染手工桌旗", price="298.00", seller=maker, category=category, heritage_item=item,
                      claim_heritage=True)
    lookalike = product("丹寨苗族蜡染手工桌旗", price="39.90", seller=lookalike_seller, category=category,
                        heritage_item=item)
    hits = product_search(query="蜡染桌旗").hits
    assert [h.product.pk for h in hits] == [genuine.pk, lookalike.pk]
    assert hits[0].relevance == pytest.approx(hits[1].relevance)
    assert hits[0].price > hits[1].price
    assert "heritage" in hits[0].certifications and not hits[1].certifications


def test_higher_credit_wins_between_equal_matches():
    low = product("刺梨原汁", seller=neutral_seller(credit_score=50))
    high = product("刺梨原汁", seller=neutral_seller(credit_score=900))
    assert ids("刺梨") == [high.pk, low.pk]


def test_price_never_decides_the_order_by_relevance():
    cheap = product("刺梨原汁", price="9.90")
    dear = product("刺梨原汁", price="99.00")
    assert ids("刺梨") == [dear.pk, cheap.pk]  # equal in every signal: the newer first, whatever the price
    assert ids("刺梨", sort="price_asc") == [cheap.pk, dear.pk]
    assert ids("刺梨", sort="price_desc") == [dear.pk, cheap.pk]


def test_only_published_products_of_admitted_sellers_are_found():
    shown = product("苗绣荷包")
    product("苗绣荷包", status=Product.Status.DRAFT)
    suspended = product("苗绣荷包", seller=neutral_seller(status=Seller.Status.SUSPENDED))
    assert ids("苗绣") == [shown.pk]
    assert suspended.pk not in ids("")


# Facets and filters ---------------------------------------------------------------------------------

def test_facets_count_every_match_by_category_region_group_level_certification_and_price():
    tea = neutral_category(name="茶叶")
    craft = neutral_category(name="手作")
    item = HeritageItemFactory(level=ListLevel.NATIONAL)
    maker = neutral_seller()
    CertificateFactory(seller=maker, heritage_item=item)
    product("苗族贵州绿茶", category=tea, price="38.00", region=region("522701"), ethnic_group=ethnic_group("bouyei"))
    product("苗族贵州红茶", category=tea, price="128.00", region=region("522701"))
    product("苗族蜡染", category=craft, price="680.00", region=region("522636"), ethnic_group=ethnic_group("miao"),
            seller=maker, heritage_item=item, claim_heritage=True)
    result = product_search(query="苗族")
    assert result.total == 3
    facets = {f.name: {v.label: v.count for v in f.values} for f in result.facets}
    assert facets["category"] == {"茶叶": 2, "手作": 1}
    assert facets["region"] == {"黔南布依族苗族自治州": 2, "黔东南苗族侗族自治州": 1}
    assert facets["ethnic_group"]["布依族"] == 1 and facets["ethnic_group"]["苗族"] == 1
    assert facets["heritage_level"] == {str(ListLevel.NATIONAL.label): 1}
    assert list(facets["certified"].values()) == [1]
    assert facets["price"] == {"¥0–50": 1, "¥100–200": 1, "¥500–1000": 1}


def test_filters_narrow_the_matches():
    tea = neutral_category(name="茶叶")
    green = product("都匀毛尖", category=tea, price="58.00", region=region("522701"))
    product("都匀毛尖", price="580.00", region=region("522636"))
    assert ids("毛尖", category_id=tea.pk) == [green.pk]
    assert ids("毛尖", region_code="522700") == [green.pk]
    assert ids("毛尖", region_code="522701") == [green.pk]
    assert len(ids("毛尖", region_code="520000")) == 2
    assert ids("毛尖", price_max=Decimal("100")) == [green.pk]
    assert ids("毛尖", price_min=Decimal("100"), price_max=Decimal("1000")) != [green.pk]


def test_a_top_category_filter_includes_its_subcategories():
    root = neutral_category(name="茶叶")
    leaf = neutral_category(name="绿茶", parent=root)
    p = product("都匀毛尖", category=leaf)
    assert ids("", category_id=root.pk) == [p.pk]
    facet = next(f for f in product_search(filters=SearchFilters(category_id=root.pk)).facets if f.name == "category")
    assert [(v.label, v.count) for v in facet.values] == [("绿茶", 1)]  # within a category, its subcategories


def test_certified_and_level_filters():
    item = HeritageItemFactory(level=ListLevel.PROVINCIAL)
    maker = neutral_seller()
    CertificateFactory(seller=maker, kind=Certificate.Kind.HALAL, heritage_item=None, ich_level=None)
    CertificateFactory(seller=maker, heritage_item=item)
    halal = product("临夏牛肉干", seller=maker, claim_halal=True)
    heritage = product("临夏牛肉干", seller=maker, heritage_item=item, claim_heritage=True)
    plain = product("临夏牛肉干")
    assert ids("牛肉干", certified="halal") == [halal.pk]
    assert ids("牛肉干", heritage_level=ListLevel.PROVINCIAL) == [heritage.pk]
    assert plain.pk in ids("牛肉干")


def test_filters_by_number_slug_or_code():
    category = neutral_category(slug="tea-green")
    assert search_filters_build(category="tea-green").category_id == category.pk
    assert search_filters_build(category=str(category.pk)).category_id == category.pk
    assert search_filters_build(ethnic_group="miao").ethnic_group_id == ethnic_group("miao").pk


@pytest.mark.parametrize(("values", "field"), [
    ({"category": "no-such-slug"}, "category"), ({"region": "999999"}, "region"),
    ({"ethnic_group": "martian"}, "ethnic_group"), ({"heritage_level": 9}, "heritage_level"),
    ({"certified": "kosher"}, "certified"), ({"price_min": Decimal("10"), "price_max": Decimal("5")}, "price_max"),
])
def test_filters_naming_nothing_are_refused(values, field):
    from chushan.core.errors import Unprocessable

    with pytest.raises(Unprocessable) as refused:
        search_filters_build(**values)
    assert field in refused.value.errors


# Paging, browsing, nothing found ----------------------------------------------------------------------

def test_pages_do_not_overlap_and_the_total_counts_everything():
    made = [product(f"刺梨原汁{i}号") for i in range(7)]
    first = product_search(query="刺梨", limit=3)
    second = product_search(query="刺梨", limit=3, offset=3)
    third = product_search(query="刺梨", limit=3, offset=6)
    seen = [h.product.pk for r in (first, second, third) for h in r.hits]
    assert sorted(seen) == sorted(p.pk for p in made) and first.total == 7


def test_an_empty_query_browses_everything_best_first():
    low = product("刺梨原汁", seller=neutral_seller(credit_score=0))
    high = product("苗绣荷包", seller=neutral_seller(credit_score=1000))
    assert ids("") == [high.pk, low.pk]


def test_a_query_of_punctuation_finds_nothing_rather_than_everything():
    product("刺梨原汁")
    result = product_search(query="！？…")
    assert result.total == 0 and result.hits == [] and result.suggestions == []


def test_did_you_mean_for_a_pinyin_typo_and_a_homophone():
    p = product("丹寨蜡染桌旗")
    for typo in ("larn", "laren", "腊染"):
        result = product_search(query=typo)
        assert result.total == 0
        assert [s.text for s in result.suggestions][:1] == ["蜡染"], typo
    assert ids("蜡染") == [p.pk]


def test_pinyin_typed_with_spaces_and_unknown_compounds_still_find_something():
    p = product("丹寨蜡染桌旗")
    result = product_search(query="la ran")
    assert [h.product.pk for h in result.hits] == [p.pk] and result.relaxed
    result = product_search(query="蜡染旗")  # not a word: matched by its characters
    assert [h.product.pk for h in result.hits] == [p.pk]


def test_a_broad_query_reads_only_the_best_lifted_matches(monkeypatch):
    monkeypatch.setattr(selectors, "CANDIDATES", 3)
    made = [product(f"刺梨原汁{i}号", seller=neutral_seller(credit_score=100 * i)) for i in range(6)]
    in_name = product("山里好物", category=neutral_category(name="刺梨"))  # matches outside the name, no lift
    result = product_search(query="刺梨")
    assert result.total == 3 and not result.total_exact
    assert [h.product.pk for h in result.hits] == [p.pk for p in made[::-1][:3]]
    assert in_name.pk not in [h.product.pk for h in result.hits]
    assert sum(v.count for v in next(f for f in result.facets if f.name == "price").values) == 3
    assert product_search(query="刺梨", filters=SearchFilters(category_id=in_name.category_id)).total_exact


def test_offsets_and_limits_are_kept_in_bounds():
    result = product_search(query="", limit=500, offset=10**9)
    assert (result.limit, result.offset) == (selectors.MAX_LIMIT, selectors.MAX_OFFSET)


def test_boost_until_is_respected_by_the_reference_day():
    """A document built for a later day than its certificate's end has no boost (what refresh writes)."""
    item = HeritageItemFactory()
    maker = neutral_seller()
    CertificateFactory(seller=maker, heritage_item=item, valid_until=timezone.localdate())
    p = product("苗族蜡染", seller=maker, heritage_item=item, claim_heritage=True)
    later = timezone.localdate() + datetime.timedelta(days=1)
    facts = documents.documents_load([p.pk], today=timezone.localdate())[0]
    assert documents.document_build(facts, today=later).fields["authenticity"] == 0
