"""Writing the index: which products are searchable, what a document holds, reindexing on events."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from chushan.catalog.models import Product
from chushan.catalog.tests.factories import CategoryFactory, SkuFactory
from chushan.core import events
from chushan.heritage.models import ListLevel
from chushan.heritage.tests.factories import HeritageItemFactory, RegionalBrandFactory, ethnic_group, region
from chushan.search import services, tasks
from chushan.search.models import SearchDocument, SearchTerm
from chushan.search.tests.support import document, ids, neutral_seller, product
from chushan.sellers.models import Certificate, Seller
from chushan.sellers.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 1)


def fts_rowids() -> set[int]:
    """The text index's keys: on SQLite the FTS5 rowids, which are the documents' ranks."""
    if connection.vendor != "sqlite":
        return set(SearchDocument.objects.values_list("rank", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_fts")
        return {row[0] for row in cursor.fetchall()}


def test_a_published_product_of_an_admitted_seller_is_indexed_with_its_facets():
    root = CategoryFactory(name="非遗手作")
    leaf = CategoryFactory(name="蜡染", parent=root)
    p = product("丹寨蜡染桌旗", price="88.50", category=leaf, region=region("522636"),
                ethnic_group=ethnic_group("miao"))
    SkuFactory(product=p, price=Decimal("120.00"))
    services.search_index_products(product_ids=[p.pk])
    doc = document(p)
    assert (doc.category_id, doc.category_root_id) == (leaf.pk, root.pk)
    assert (doc.county_code, doc.prefecture_code, doc.province_code) == ("522636", "522600", "520000")
    assert doc.ethnic_group_id == ethnic_group("miao").pk
    assert doc.min_price == Decimal("88.50")
    assert fts_rowids() == {doc.rank}


@pytest.mark.parametrize("change", [
    {"status": Product.Status.DRAFT},
    {"status": Product.Status.DELISTED, "delist_reason": "仿冒"},
])
def test_products_not_on_sale_are_dropped_from_the_index(change):
    p = product("苗绣荷包")
    Product.objects.filter(pk=p.pk).update(**change)
    services.search_index_products(product_ids=[p.pk])
    assert document(p) is None and fts_rowids() == set()
    assert ids("苗绣") == []


def test_products_of_a_seller_who_is_not_admitted_are_dropped():
    p = product("苗绣荷包")
    Seller.objects.filter(pk=p.seller_id).update(status=Seller.Status.SUSPENDED)
    services.search_index_seller(seller_id=p.seller_id)
    assert document(p) is None


def test_a_product_without_a_sku_on_sale_is_not_searchable():
    p = product("苗绣荷包")
    p.skus.update(is_active=False)
    services.search_index_products(product_ids=[p.pk])
    assert document(p) is None


def test_a_deleted_product_leaves_no_row_behind():
    p = product("苗绣荷包")
    pk = p.pk
    p.delete()
    services.search_index_products(product_ids=[pk])
    assert not SearchDocument.objects.filter(pk=pk).exists()
    services.search_reindex_all()
    assert fts_rowids() == set()


def test_claims_count_only_while_a_matching_certificate_is_in_force():
    item = HeritageItemFactory(level=ListLevel.NATIONAL)
    seller = neutral_seller(credit_score=0)
    CertificateFactory(seller=seller, heritage_item=item, ich_level=ListLevel.PROVINCIAL,
                       valid_until=timezone.localdate() + datetime.timedelta(days=30))
    backed = product("苗族蜡染围巾", seller=seller, heritage_item=item, claim_heritage=True)
    doc = document(backed)
    assert doc.cert_heritage and doc.heritage_level == ListLevel.NATIONAL
    assert doc.authenticity == pytest.approx(0.4 + 0.05 * 4 + 0.05 * 3)
    assert doc.boost_until == timezone.localdate() + datetime.timedelta(days=30)

    other_item = HeritageItemFactory()
    unbacked = product("苗族蜡染围巾", seller=seller, heritage_item=other_item, claim_heritage=True)
    doc = document(unbacked)
    assert not doc.cert_heritage and doc.heritage_level == 0
    assert doc.authenticity == pytest.approx(0.2)  # still the work of a certified inheritor


def test_brand_and_halal_claims_need_their_own_certificates():
    brand = RegionalBrandFactory(region=region("520221"))  # the factory's default code is not in the data
    seller = neutral_seller()
    CertificateFactory(seller=seller, kind=Certificate.Kind.BRAND_LICENCE, brand=brand, heritage_item=None,
                       ich_level=None)
    p = product("水城春明前绿茶", seller=seller, brand=brand, claim_brand=True, claim_halal=True)
    doc = document(p)
    assert doc.cert_brand and not doc.cert_halal


def test_credit_becomes_a_signal_and_the_boost_stays_in_range():
    p = product("苗绣荷包", seller=neutral_seller(credit_score=800))
    doc = document(p)
    assert doc.credit == pytest.approx(0.8)
    assert doc.boost == pytest.approx(1 + 0.25 * 0.8)


def test_a_certificate_that_starts_later_limits_the_boost_to_the_day_before():
    seller = neutral_seller()
    start = timezone.localdate() + datetime.timedelta(days=10)
    CertificateFactory(seller=seller, valid_from=start, valid_until=start + datetime.timedelta(days=300))
    doc = document(product("苗绣荷包", seller=seller))
    assert doc.authenticity == 0 and doc.boost_until == start - datetime.timedelta(days=1)


def test_refresh_reindexes_documents_whose_certificate_lapsed():
    item = HeritageItemFactory()
    seller = neutral_seller()
    CertificateFactory(seller=seller, heritage_item=item, valid_until=timezone.localdate())
    p = product("苗族蜡染围巾", seller=seller, heritage_item=item, claim_heritage=True)
    assert document(p).cert_heritage
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert services.search_refresh_lapsed(today=tomorrow) == 1
    doc = document(p)
    assert not doc.cert_heritage and doc.authenticity == 0 and doc.boost_until is None


def test_reindex_all_rebuilds_documents_and_vocabulary():
    a = product("丹寨蜡染桌旗", index=False)
    b = product("雷山银饰手镯", index=False)
    draft = product("苗绣荷包", index=False, status=Product.Status.DRAFT)
    report = services.search_reindex_all(batch_size=1)
    assert (report.products, report.indexed) == (3, 2)
    assert set(SearchDocument.objects.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert document(draft) is None
    terms = dict(SearchTerm.objects.values_list("term", "pinyin"))
    assert terms["蜡染"] == "laran" and terms["银饰"] == "yinshi"
    assert "苗绣" not in terms  # words of products not on sale are never suggested


def test_a_second_rebuild_skips_unchanged_documents_and_force_rewrites_them():
    a = product("丹寨蜡染桌旗", index=False)
    product("雷山银饰手镯", index=False)
    assert services.search_reindex_all().written == 2
    assert services.search_reindex_all().written == 0
    Product.objects.filter(pk=a.pk).update(name="丹寨蜡染围巾")
    assert services.search_reindex_all().written == 1
    assert ids("围巾") == [a.pk]
    assert services.search_reindex_all(force=True).written == 2


def test_on_postgresql_the_text_index_keeps_a_short_pending_list():
    """Every search reads GIN's pending list whole, so it is kept small (migration 0004)."""
    if connection.vendor != "postgresql":
        pytest.skip("GIN is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'search_doc_vector'")
        assert cursor.fetchone()[0] == ["gin_pending_list_limit=128"]
    product("丹寨蜡染桌旗", index=False)
    assert services.search_reindex_all().written == 1
    assert ids("蜡染")


def test_worker_processes_build_the_same_documents(monkeypatch):
    made = [product(f"丹寨蜡染桌旗{i}号", index=False) for i in range(6)]
    services.search_reindex_all(batch_size=2)
    serial = dict(SearchDocument.objects.values_list("pk", "digest"))
    monkeypatch.setattr(services, "PARALLEL_FROM_BATCHES", 1)
    monkeypatch.setattr(services.os, "cpu_count", lambda: 2)
    report = services.search_reindex_all(batch_size=2, force=True)
    assert report.written == len(made)
    assert dict(SearchDocument.objects.values_list("pk", "digest")) == serial
    assert len(ids("蜡染")) == len(made)


def test_reindex_command(capsys):
    product("丹寨蜡染桌旗", index=False)
    call_command("reindex")
    assert "Indexed 1 of 1 products" in capsys.readouterr().out
    assert ids("蜡染")


def test_incremental_indexing_adds_new_words_to_the_vocabulary():
    product("保安腰刀")
    assert SearchTerm.objects.filter(term="保安腰刀", pinyin="baoanyaodao").exists()


# Events ---------------------------------------------------------------------------------------------

def test_product_changed_reindexes_after_commit(django_capture_on_commit_callbacks):
    p = product("丹寨蜡染桌旗", index=False)
    with django_capture_on_commit_callbacks(execute=True):
        events.publish(events.PRODUCT_CHANGED, product_ids=[p.pk])
    assert ids("laran") == [p.pk]
    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=p.pk).update(name="雷山银饰手镯")
        events.publish(events.PRODUCT_CHANGED, product_ids=[p.pk])
    assert ids("laran") == [] and ids("yinshi") == [p.pk]


def test_seller_changed_reindexes_all_its_products(django_capture_on_commit_callbacks):
    seller = neutral_seller()
    a, b = product("丹寨蜡染桌旗", seller=seller), product("蜡染围巾", seller=seller)
    with django_capture_on_commit_callbacks(execute=True):
        Seller.objects.filter(pk=seller.pk).update(status=Seller.Status.SUSPENDED)
        events.publish(events.SELLER_CHANGED, seller_id=seller.pk)
    assert ids("蜡染") == []
    with django_capture_on_commit_callbacks(execute=True):
        Seller.objects.filter(pk=seller.pk).update(status=Seller.Status.ADMITTED)
        events.publish(events.SELLER_CHANGED, seller_id=seller.pk)
    assert set(ids("蜡染")) == {a.pk, b.pk}


def test_a_certificate_expiring_drops_the_boost(django_capture_on_commit_callbacks):
    """Through the sellers service: the daily expiry publishes SELLER_CHANGED and search reindexes."""
    from chushan.sellers.services import certificates_expire

    item = HeritageItemFactory()
    seller = neutral_seller()
    certificate = CertificateFactory(seller=seller, heritage_item=item, valid_from=TODAY - datetime.timedelta(days=300),
                                     valid_until=timezone.localdate() - datetime.timedelta(days=1))
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate())
    p = product("苗族蜡染围巾", seller=seller, heritage_item=item, claim_heritage=True)
    before = document(p)
    assert before.cert_heritage and before.boost > 1
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        certificates_expire(today=timezone.localdate())
    after = document(p)
    assert not after.cert_heritage and after.authenticity == 0 and after.boost < before.boost
    assert ids("蜡染", certified="heritage") == []


def _physical_ranks() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rank FROM {services.DOCUMENT_TABLE} ORDER BY ctid")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)  # as in production, each batch commits before the table is rewritten
def test_on_postgresql_a_rebuild_leaves_the_table_in_rank_order():
    if connection.vendor != "postgresql":
        assert services.search_table_order() is False  # FTS5's rowid is the rank already
        return
    made = [product(f"丹寨蜡染桌旗{i}号", index=False) for i in range(5)]
    for p in made:  # indexed as they are made; a newer product ranks first at the same boost
        services.search_index_products(product_ids=[p.pk])
    assert _physical_ranks() != sorted(_physical_ranks())
    services.search_reindex_all(force=True, batch_size=1)  # one product a batch, rewritten in product order
    assert _physical_ranks() == sorted(_physical_ranks()) and len(_physical_ranks()) == 5
    assert ids("蜡染") == [p.pk for p in reversed(made)]
    # Indexing in between scatters the order again; the daily task restores it.
    newest = product("丹寨蜡染桌旗新品", index=True)
    assert _physical_ranks() != sorted(_physical_ranks())
    entry = settings.CELERY_BEAT_SCHEDULE["order-search-table-daily"]
    assert entry == {"task": "chushan.search.tasks.search_table_order", "schedule": 24 * 3600}
    assert tasks.search_table_order_task.apply().result is True
    assert _physical_ranks() == sorted(_physical_ranks()) and ids("蜡染")[0] == newest.pk


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_rank_order_rewrite_gives_way_to_a_busy_table(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("CLUSTER is PostgreSQL's")
    import psycopg

    product("丹寨蜡染桌旗", index=True)
    monkeypatch.setattr(services, "ORDER_LOCK_TIMEOUT", "200ms")
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as reader:
        reader.execute(f"SELECT count(*) FROM {services.DOCUMENT_TABLE}")  # a transaction still reading it
        assert services.search_table_order() is False
        assert ids("蜡染")  # searches go on meanwhile
    assert services.search_table_order() is True
