"""Every write to the search index: index some products, a seller's products, everything; refresh lapsed boosts;
keep the table in rank order.

The index is derived data, rebuilt from the catalogue at any time, so these are system operations without an
actor. Each batch is written in one transaction: a product is never half-indexed.
"""

import datetime
import logging
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.utils import timezone

from chushan.catalog.models import Product
from chushan.search import tokenize
from chushan.search.documents import IndexedDocument, document_build, documents_load
from chushan.search.models import SearchDocument, SearchTerm

log = logging.getLogger(__name__)
BATCH_SIZE = 2000
PARALLEL_FROM_BATCHES = 8  # below this, starting worker processes costs more than it saves
DOCUMENT_TABLE = SearchDocument._meta.db_table
DOCUMENT_COLUMNS = [f.column for f in SearchDocument._meta.concrete_fields]
RANK_INDEX = f"{DOCUMENT_TABLE}_rank_key"  # PostgreSQL's name for the unique rank column's index
ORDER_LOCK_TIMEOUT = "5s"  # how long the rewrite waits for the table before trying again the next day


@dataclass(frozen=True)
class ReindexReport:
    products: int
    indexed: int  # searchable now
    written: int  # documents (re)written; unchanged ones are skipped
    seconds: float

    @property
    def per_second(self) -> float:
        return self.products / self.seconds if self.seconds else 0.0


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def search_index_products(*, product_ids: Iterable[int], today: datetime.date | None = None) -> int:
    """Bring these products' index rows up to date: write those on sale, drop the others. Returns how many
    are searchable now."""
    ids = sorted({int(pk) for pk in product_ids})
    indexed = 0
    for chunk in _batches(ids, BATCH_SIZE):
        indexed += len(_index_batch(chunk, today=today, vocabulary=True))
    return indexed


def search_index_seller(*, seller_id: int) -> int:
    """A seller's certificates, credit or status changed: reindex all its products."""
    ids = list(Product.objects.filter(seller_id=seller_id).values_list("pk", flat=True))
    return search_index_products(product_ids=ids)


def search_refresh_lapsed(*, today: datetime.date | None = None) -> int:
    """Daily: reindex products whose boost rested on a certificate that has lapsed or just came into force."""
    today = today or timezone.localdate()
    ids = list(SearchDocument.objects.filter(boost_until__lt=today).values_list("pk", flat=True))
    return search_index_products(product_ids=ids, today=today)


def search_reindex_all(*, batch_size: int = BATCH_SIZE, force: bool = False,
                       progress: Callable[[int, int], None] | None = None) -> ReindexReport:
    """Rebuild the whole index and the "did you mean" vocabulary from the catalogue, batch by batch.

    Searches keep working meanwhile: each batch replaces its own rows in one transaction; only the closing
    rewrite in rank order on PostgreSQL (search_table_order) holds them for a few seconds. Documents whose
    digest has not changed are left alone unless ``force``.
    """
    started = time.perf_counter()
    today = timezone.localdate()
    ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    words: Counter[str] = Counter()
    pinyins: dict[str, str] = {}
    indexed = written = done = 0
    for chunk, docs in _built_batches(ids, batch_size=batch_size, today=today):
        written += _write(chunk, docs, force=force, vocabulary=False)
        indexed += len(docs)
        for doc in docs:
            words.update(doc.vocabulary.keys())
            pinyins.update(doc.vocabulary)
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    with transaction.atomic():
        _drop_orphans()
        _vocabulary_replace(words, pinyins)
    if connection.vendor == "postgresql" and not search_table_order():
        # Every search reads the GIN index's pending list whole: merge what this rebuild left there (the
        # rewrite in rank order rebuilds the index, which leaves none). Fresh statistics for the planner.
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('search_doc_vector')")
            cursor.execute(f"ANALYZE {DOCUMENT_TABLE}")
    report = ReindexReport(products=len(ids), indexed=indexed, written=written, seconds=time.perf_counter() - started)
    log.info("search index rebuilt: %d products, %d searchable, %.0f/s", report.products, report.indexed,
             report.per_second)
    return report


def search_table_order() -> bool:
    """PostgreSQL: rewrite the search table in rank order (CLUSTER), its indexes rebuilt with it. A search
    sorts the matches of each tier stage it reads, visiting each in the table; in rank order the best-ranked
    matches share pages, so the visits touch far fewer of them (p90 of the bench's query mix 20-26 % lower).
    Indexing writes new rows wherever there is room, so the daily task restores the order. The rewrite locks
    the table against searches while it runs (about 3.5 s for 100,000 products); it waits at most
    ORDER_LOCK_TIMEOUT for the table, so it never queues searches behind a long transaction. False when it
    did not run (SQLite, whose index is in rank order by construction, or the table was busy)."""
    if connection.vendor != "postgresql":
        return False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{ORDER_LOCK_TIMEOUT}'")
            cursor.execute(f"CLUSTER {DOCUMENT_TABLE} USING {RANK_INDEX}")
            cursor.execute(f"ANALYZE {DOCUMENT_TABLE}")
    except OperationalError as error:  # no lock in time, or the caller's transaction has checks pending
        # (PostgreSQL refuses to rewrite a table with deferred constraint checks): the table stays as it is.
        log.warning("search table not put in rank order: %s", error)
        return False
    return True


def _build(facts: list, today: datetime.date) -> list[IndexedDocument]:
    return [doc for doc in (document_build(f, today=today) for f in facts) if doc is not None]


def _built_batches(ids: list[int], *, batch_size: int, today: datetime.date) -> Iterator[tuple[list, list]]:
    """Each batch of ids with its documents. With several cores, forked workers cut words while this process
    reads the catalogue and writes the index (writing stays here: one writer, one transaction per batch)."""
    batches = list(_batches(ids, batch_size))
    workers = min(4, os.cpu_count() or 1)
    if len(batches) < PARALLEL_FROM_BATCHES or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in batches:
            yield chunk, _build(documents_load(chunk, today=today), today)
        return
    tokenize.segmenter()  # load the dictionary once, before forking, so every worker shares it
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pending: deque = deque()
        for chunk in batches:
            pending.append((chunk, pool.submit(_build, documents_load(chunk, today=today), today)))
            if len(pending) > workers:
                ready, future = pending.popleft()
                yield ready, future.result()
        while pending:
            ready, future = pending.popleft()
            yield ready, future.result()


def _index_batch(ids: list[int], *, today: datetime.date | None, vocabulary: bool) -> list[IndexedDocument]:
    today = today or timezone.localdate()
    docs = _build(documents_load(ids, today=today), today)
    _write(ids, docs, force=True, vocabulary=vocabulary)
    return docs


def _write(ids: list[int], docs: list[IndexedDocument], *, force: bool, vocabulary: bool) -> int:
    """Replace the documents of these products: drop those no longer searchable, rewrite those changed."""
    with transaction.atomic():
        digests = dict(SearchDocument.objects.filter(pk__in=ids).values_list("pk", "digest"))
        changed = [d for d in docs if force or digests.get(d.product_id) != d.fields["digest"]]
        stale = (set(digests) - {d.product_id for d in docs}) | {d.product_id for d in changed} & set(digests)
        if stale:
            _delete(sorted(stale))
        _insert(changed)
        if vocabulary and docs:
            _vocabulary_add(docs)
    return len(changed)


# Writing, per database ------------------------------------------------------------------------------

def _delete(ids: list[int]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {DOCUMENT_TABLE} WHERE product_id = ANY(%s)", [ids])  # noqa: S608
        else:
            marks = ",".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN "  # noqa: S608
                           f"(SELECT rank FROM {DOCUMENT_TABLE} WHERE product_id IN ({marks}))", ids)
            cursor.execute(f"DELETE FROM {DOCUMENT_TABLE} WHERE product_id IN ({marks})", ids)  # noqa: S608


def _insert(docs: list[IndexedDocument]) -> None:
    if not docs:
        return
    if connection.vendor == "postgresql":
        columns = ", ".join([*DOCUMENT_COLUMNS, "vector"])
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {DOCUMENT_TABLE} ({columns}) FROM STDIN") as copy:
            for doc in docs:
                copy.write_row([*doc.values(DOCUMENT_COLUMNS), doc.tsvector()])
        return
    columns = ", ".join(DOCUMENT_COLUMNS)
    marks = ", ".join(["%s"] * len(DOCUMENT_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {DOCUMENT_TABLE} ({columns}) VALUES ({marks})",  # noqa: S608
                           [doc.sqlite_values(DOCUMENT_COLUMNS) for doc in docs])
        cursor.executemany("INSERT INTO search_fts (rowid, title, meta, extra, initials, facets) "
                           "VALUES (%s, %s, %s, %s, %s, %s)",
                           [(doc.fields["rank"], *doc.fts_columns()) for doc in docs])


def _drop_orphans() -> None:
    """FTS5 rows have no foreign key: drop those whose product is gone (PostgreSQL cascades by itself)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_fts WHERE rowid NOT IN (SELECT rank FROM {DOCUMENT_TABLE})")  # noqa: S608


def _vocabulary_add(docs: list[IndexedDocument]) -> None:
    terms = {}
    for doc in docs:
        terms.update(doc.vocabulary)
    SearchTerm.objects.bulk_create([SearchTerm(term=t, pinyin=p) for t, p in terms.items()], ignore_conflicts=True)


def _vocabulary_replace(words: Counter, pinyins: dict[str, str]) -> None:
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t, pinyin=pinyins[t], documents=n) for t, n in words.items()], batch_size=5000)
