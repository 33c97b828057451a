#!/usr/bin/env python
"""Search benchmark: p50/p99 of the full search request through the HTTP endpoint, against a plain
LIKE/ILIKE scan baseline measured in the same run, and the product page.

    .venv/bin/python bench/bench_search.py                      # SQLite in var/bench/ (its own file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chushan_bench .venv/bin/python bench/bench_search.py

Seeds a synthetic catalogue of --products products (default 100,000) on first use and reuses it afterwards
(chushan.search.synthetic), then rebuilds the index only if its size differs. Requests go through Django's
test client: URL routing, middleware, the view, the selector's SQL and JSON rendering, without a socket.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chushan.config.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("CHUSHAN_DATA_DIR", str(ROOT / "var" / "bench"))

# The fixed query mix: Chinese words (mostly two characters), two-word queries, full pinyin, initials,
# pinyin prefixes, broad boilerplate words, and faceted queries (params added to the text query).
CHINESE = ["蜡染", "苗绣", "银饰", "毛尖", "牛肉干", "刺梨", "猕猴桃", "砖雕", "腰刀", "辣椒", "手镯", "桌旗", "竹荪",
           "天麻", "酸汤", "茶"]
TWO_WORDS = ["苗族 蜡染", "清真 牛肉干", "都匀毛尖 明前", "雷山 银饰", "马尾绣 荷包", "临夏 砖雕"]
PINYIN = ["laran", "miaoxiu", "yinshi", "maojian", "niurougan", "cili", "mihoutao", "zhuandiao", "yaodao", "lajiao"]
INITIALS = ["lr", "mx", "ys", "mj", "nrg", "ml"]
PREFIXES = ["lar", "miaox", "yins"]
BROAD = ["手工", "贵州特产", "非遗", "礼盒装"]
FACETED = [("蜡染", {"category": "syn-batik"}), ("茶", {"region": "522700"}), ("牛肉干", {"certified": "halal"}),
           ("银饰", {"price_min": "100", "price_max": "500"}), ("laran", {"heritage_level": "4"}),
           ("", {"category": "syn-tea"}), ("", {"certified": "heritage", "sort": "price_asc"}),
           ("刺绣", {"ethnic_group": "miao"})]


def query_mix() -> list[tuple[str, str, dict]]:
    mix = [("chinese", q, {}) for q in CHINESE] + [("two words", q, {}) for q in TWO_WORDS]
    mix += [("pinyin", q, {}) for q in PINYIN] + [("initials", q, {}) for q in INITIALS]
    mix += [("prefix", q, {}) for q in PREFIXES] + [("broad", q, {}) for q in BROAD]
    mix += [("faceted", q, params) for q, params in FACETED]
    return mix


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return (f"p50 {statistics.median(values):6.1f} ms   p99 {percentile(values, 99):6.1f} ms   "
            f"max {max(values):6.1f} ms   n={len(values)}")


def seed(products: int) -> None:
    from chushan.search.models import SearchDocument
    from chushan.search.services import search_reindex_all
    from chushan.search.synthetic import synthetic_catalogue_create

    started = time.perf_counter()
    added = synthetic_catalogue_create(products=products)
    if added:
        print(f"seeded {added} products in {time.perf_counter() - started:.1f} s")
    from chushan.catalog.models import Product

    searchable = Product.objects.published().filter(skus__is_active=True).distinct().count()
    if added or SearchDocument.objects.count() != searchable:
        report = search_reindex_all()
        print(f"reindexed {report.products} products ({report.indexed} searchable) in {report.seconds:.1f} s: "
              f"{report.per_second:.0f} products/s")


def measure(client, rounds: int) -> dict[str, list[float]]:
    """Wall-clock milliseconds per request by kind of query, and the benchmark process's CPU milliseconds
    ("cpu": steadier than wall time on a busy machine; on SQLite it includes the database work)."""
    timings: dict[str, list[float]] = {}
    mix = query_mix()
    for _warm in range(2):
        for _kind, q, params in mix:
            assert client.get("/api/v1/search", {"q": q, **params}).status_code == 200
    for _round in range(rounds):
        for kind, q, params in mix:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get("/api/v1/search", {"q": q, **params})
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, response.content[:300]
            timings.setdefault(kind, []).append(elapsed)
            timings.setdefault("all", []).append(elapsed)
            timings.setdefault("all, cpu", []).append((time.process_time() - cpu) * 1000)
    return timings


def baseline(rounds: int) -> list[float]:
    """What search costs without an index: a LIKE (SQLite) / ILIKE (PostgreSQL) scan over name and story of
    products on sale by admitted sellers, the newest 20 and the count, for the Chinese words of the mix."""
    from django.db import connection

    op = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    where = (f"FROM catalog_product p JOIN sellers_seller s ON s.id = p.seller_id WHERE p.status = 'published' "
             f"AND s.status = 'admitted' AND (p.name {op} %s OR p.story {op} %s)")
    timings = []
    words = CHINESE + [w.split()[0] for w in TWO_WORDS] + BROAD
    with connection.cursor() as cursor:
        for _round in range(rounds):
            for word in words:
                pattern = f"%{word}%"
                started = time.perf_counter()
                cursor.execute(f"SELECT p.id {where} ORDER BY p.id DESC LIMIT 20", [pattern, pattern])
                cursor.fetchall()
                cursor.execute(f"SELECT COUNT(*) {where}", [pattern, pattern])
                cursor.fetchone()
                timings.append((time.perf_counter() - started) * 1000)
    return timings


def machine() -> str:
    """How busy the machine was: the load average and a fixed CPU loop (≈0.4 s on an idle core)."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"load average {load}; 10M-step Python loop {time.perf_counter() - started:.2f} s"


def product_pages(client, count: int) -> list[float]:
    from chushan.catalog.models import Product

    ids = list(Product.objects.published().values_list("pk", flat=True)[:5000])
    rng = random.Random(7)
    picks = [rng.choice(ids) for _ in range(count)]
    for pk in picks[:20]:
        client.get(f"/products/{pk}/")
    timings = []
    for pk in picks:
        started = time.perf_counter()
        response = client.get(f"/products/{pk}/")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="times the whole query mix is run")
    parser.add_argument("--skip-product-page", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    # The product page's static() calls would need collectstatic's manifest; the benchmark is about the app.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    seed(args.products)
    engine = "PostgreSQL" if connection.vendor == "postgresql" else f"SQLite {__import__('sqlite3').sqlite_version}"
    from chushan.search.models import SearchDocument

    print(f"\n{engine}, {SearchDocument.objects.count()} searchable products, DEBUG={settings.DEBUG}, "
          f"{len(query_mix())} queries x {args.rounds} rounds; {machine()}\n")
    client = Client()
    timings = measure(client, args.rounds)
    for kind, values in timings.items():
        print(f"search  {kind:10s} {summary(values)}")
    print(f"\nbaseline LIKE scan  {summary(baseline(max(2, args.rounds // 5)))}")
    if not args.skip_product_page:
        print(f"product page        {summary(product_pages(client, 300))}")
    print(f"\nafterwards: {machine()}")


if __name__ == "__main__":
    main()
