"""Traceability on PostgreSQL: capture throughput for one big EPCIS document, and verify_trace over a million events.

Usage (from the repository root, PostgreSQL at 127.0.0.1:5432, user postgres; the database is created):
    .venv/bin/python bench/bench_trace.py capture [--events 10000]
    .venv/bin/python bench/bench_trace.py verify [--events 1000000] [--workers 2] [--reuse]

``capture`` posts an EPCISDocument through the HTTP interface (POST /epcis/capture: parse, schema checks,
identifier and ownership checks, Event Hash IDs, duplicate check, chain append) into an empty chain.
``verify`` bulk-loads valid events and chain records (COPY; the events are hashed and chained exactly as
capture would, several processes at once) and then times ``verify_trace``, which recomputes every chain
digest and checks every stored event's text against its record's seal, and ``verify_trace --full``, which also
re-derives every Event Hash ID from the event's JSON.  ``--reuse`` keeps the rows of the previous run.
"""

import argparse
import io
import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATABASE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chushan_trace_bench")
os.environ["DATABASE_URL"] = DATABASE
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chushan.config.settings")
os.environ.setdefault("CHUSHAN_DATA_DIR", str(ROOT / "var"))

PREFIXES = {"bench-capture": "9521234", "bench-verify": "9521235"}
CREDIT_CODES = {"bench-capture": "93522634MA6DKTEA1X", "bench-verify": "93522634MA6DKTEA2X"}
STEPS = (("commissioning", "active", "ADD"), ("shipping", "in_transit", "OBSERVE"),
         ("receiving", "in_progress", "OBSERVE"), ("retail_selling", "retail_sold", "OBSERVE"))


def _create_database() -> None:
    import psycopg

    name = DATABASE.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup():
    _create_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _party(slug: str):
    """An admitted seller with a member, a GS1 prefix, a SKU GTIN and a site."""
    from django.utils import timezone

    from chushan.accounts.models import User
    from chushan.catalog.models import Category, Product, Sku
    from chushan.regions.models import Region
    from chushan.sellers.models import Membership, Seller
    from chushan.trace import gs1
    from chushan.trace.models import CompanyPrefix, Site

    seller, created = Seller.objects.get_or_create(slug=slug, defaults=dict(
        name=f"雷山银球茶合作社 {slug}", entity_type="cooperative", credit_code=CREDIT_CODES[slug],
        region=Region.objects.get(code="522636"), address="雷山县", contact_name="王", contact_mobile="13800138000",
        status="admitted", admitted_at=timezone.now()))
    prefix = PREFIXES[slug]
    gtin = gs1.gtin_make(prefix, "00001")
    if created:
        user = User.objects.create_user(mobile=f"1390000000{len(slug) % 10}", password="bench-password-1")
        Membership.objects.create(user=user, seller=seller, role="owner")
        CompanyPrefix.objects.create(seller=seller, prefix=prefix)
        category = Category.objects.create(name="茶", name_en="Tea", slug=f"{slug}-tea")
        product = Product.objects.create(seller=seller, category=category, name="雷山银球茶", status="published")
        Sku.objects.create(product=product, code="250G", price="168.00", gtin=gtin)
        Site.objects.create(seller=seller, gln=gs1.gln_make(prefix, "00001"), name="雷山茶园", kind="farm")
    return seller, seller.memberships.get().user, gtin, gs1.gln_make(prefix, "00001")


def _event(i: int, gtin: str, gln: str) -> dict:
    biz_step, disposition, action = STEPS[i % 4]
    lot = f"LS{i // 4:07d}"
    moment = datetime(2024, 5, 1, tzinfo=UTC) + timedelta(seconds=i)
    event = {"type": "ObjectEvent", "eventTime": moment.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
             "eventTimeZoneOffset": "+08:00", "action": action,
             "quantityList": [{"epcClass": f"https://id.gs1.org/01/{gtin}/10/{lot}", "quantity": 12.5 + i % 7,
                               "uom": "KGM"}],
             "bizStep": biz_step, "disposition": disposition, "readPoint": {"id": f"https://id.gs1.org/414/{gln}"},
             "bizLocation": {"id": f"https://id.gs1.org/414/{gln}"}, "chushan:traceCode": f"CS{i // 4:014d}"}
    if action == "ADD":
        event["ilmd"] = {"cbvmda:harvestStartDate": moment.date().isoformat(), "chushan:grade": "特级"}
    return event


# Capture ---------------------------------------------------------------------------------------------------


def bench_capture(events: int) -> None:
    from django.test import Client

    from chushan.trace.models import TraceEvent
    from chushan.trace.rules import CONTEXT

    seller, user, gtin, gln = _party("bench-capture")
    base = TraceEvent.objects.filter(seller=seller).count()
    offset = base + 1_000_000_000  # new events on every run (the same event twice is refused as a duplicate)
    document = {"@context": CONTEXT, "type": "EPCISDocument", "schemaVersion": "2.0",
                "creationDate": "2024-05-01T00:00:00Z",
                "epcisBody": {"eventList": [_event(offset + i, gtin, gln) for i in range(events)]}}
    body = json.dumps(document, ensure_ascii=False).encode()
    client = Client()
    client.force_login(user)
    started, cpu = time.perf_counter(), time.process_time()
    response = client.post("/epcis/capture", body, content_type="application/ld+json")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert response.status_code == 202, response.content[:500]
    assert TraceEvent.objects.filter(seller=seller).count() == base + events
    print(f"capture: {events} events, {len(body) / 1e6:.1f} MB document, POST /epcis/capture in {seconds:.2f} s "
          f"= {events / seconds:,.0f} events/s ({cpu:.1f} s CPU in this process)")


# Verify ----------------------------------------------------------------------------------------------------


def _rows(args) -> list[tuple]:
    """Stored bodies and Event Hash IDs of events first..last (run in worker processes)."""
    first, last, gtin, gln, record_base = args
    from chushan.trace.hashing import event_hash_id
    from chushan.trace.rules import CONTEXT, iso_ms

    out = []
    for i in range(first, last):
        event = {"@context": CONTEXT, **_event(i, gtin, gln)}
        event_id = event_hash_id(event)
        record_time = record_base + timedelta(milliseconds=i)
        event["eventID"], event["recordTime"] = event_id, iso_ms(record_time)
        out.append((event_id, event, record_time))
    return out


def _load(seller, gtin: str, gln: str, events: int, workers: int) -> None:
    from django.db import connection

    from chushan.trace.chain import GENESIS, body_seal, record_digest
    from chushan.trace.models import ChainHead, TraceEvent
    from chushan.trace.rules import iso_ms

    record_base = datetime(2024, 6, 1, tzinfo=UTC)
    batch = 50_000
    prev, seq = GENESIS, 0
    started = time.perf_counter()
    with Pool(workers) as pool, connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM trace_traceevent")
        next_id = cursor.fetchone()[0] + 1
        chunks = [(s, min(s + batch, events), gtin, gln, record_base) for s in range(0, events, batch)]
        for rows in pool.imap(_rows, chunks):
            events_copy, records_copy = io.StringIO(), io.StringIO()
            for event_id, event, record_time in rows:
                seq += 1
                body = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
                seal = body_seal(body)
                digest = record_digest(prev, event_id, seq, iso_ms(record_time), seal)
                when = event["eventTime"]
                events_copy.write("\t".join([str(next_id), str(seller.pk), event_id, "f", "ObjectEvent", when, "+08:00",
                                             record_time.isoformat(), event["action"],
                                             "https://ref.gs1.org/cbv/BizStep-" + event["bizStep"],
                                             "https://ref.gs1.org/cbv/Disp-" + event["disposition"],
                                             event["readPoint"]["id"], event["bizLocation"]["id"],
                                             body.replace("\\", "\\\\"), "api"]) + "\n")
                records_copy.write("\t".join([str(seller.pk), str(seq), prev, str(next_id), event_id,
                                              record_time.isoformat(), digest, seal]) + "\n")
                prev, next_id = digest, next_id + 1
            with cursor.connection.cursor().copy(
                    "COPY trace_traceevent (id, seller_id, event_id, declares_error, event_type, event_time, "
                    "event_time_zone_offset, record_time, action, biz_step, disposition, read_point, biz_location, "
                    "body, source) FROM STDIN") as copy:
                copy.write(events_copy.getvalue())
            with cursor.connection.cursor().copy(
                    "COPY trace_chainrecord (seller_id, seq, prev_digest, event_id, event_hash_id, record_time, "
                    "digest, body_seal) FROM STDIN") as copy:
                copy.write(records_copy.getvalue())
            print(f"  loaded {seq:,} events ({time.perf_counter() - started:.0f} s)", flush=True)
        cursor.execute("SELECT setval(pg_get_serial_sequence('trace_traceevent', 'id'), %s)", [next_id])
    ChainHead.objects.update_or_create(seller=seller, defaults={"seq": seq, "digest": prev})
    assert TraceEvent.objects.filter(seller=seller).count() == events


def bench_verify(events: int, workers: int, reuse: bool) -> None:
    from django.db import connection

    from chushan.trace.models import ChainRecord, TraceEvent
    from chushan.trace.services import verify_trace

    seller, _user, gtin, gln = _party("bench-verify")
    have = TraceEvent.objects.filter(seller=seller).count()
    unsealed = ChainRecord.objects.filter(seller=seller, body_seal="").exists()  # loaded by an older bench
    if not (reuse and have == events and not unsealed):
        with connection.cursor() as cursor:  # start from an empty database of trace rows
            cursor.execute("TRUNCATE trace_chainanchor, trace_chainrecord, trace_eventepc, trace_lotsale, "
                           "trace_traceevent, trace_chainhead, trace_capturejob CASCADE")
        print(f"loading {events:,} events and chain records...")
        _load(seller, gtin, gln, events, workers)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE trace_traceevent")
            cursor.execute("ANALYZE trace_chainrecord")
    seconds = {}
    for full, n in [(False, 1), (False, workers), (True, workers)] if workers > 1 else [(False, 1), (True, 1)]:
        cpu = time.process_time()
        report = verify_trace(workers=n, full=full)
        cpu = time.process_time() - cpu
        assert report.intact, report.broken
        seconds[full] = report.seconds
        what = ("every Event Hash ID re-derived from its event (--full)" if full
                else "every stored event checked against its seal")
        print(f"verify_trace: {report.records:,} records, chain digests recomputed and {what}, "
              f"{n} process{'es' if n > 1 else ''}: {report.seconds:.2f} s wall "
              f"({report.records / report.seconds:,.0f} events/s)"
              + (f", {cpu:.1f} s CPU in this process" if n == 1 else ""))
    print(f"verify_trace with {workers} process{'es' if workers > 1 else ''}: {seconds[True] / seconds[False]:.2f}× "
          "quicker than --full in the same run")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["capture", "verify"])
    parser.add_argument("--events", type=int)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--reuse", action="store_true", help="verify: keep the rows loaded by the last run")
    args = parser.parse_args()
    _setup()
    if args.what == "capture":
        bench_capture(args.events or 10_000)
    else:
        bench_verify(args.events or 1_000_000, args.workers, args.reuse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
