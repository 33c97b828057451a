"""Event Hash IDs per second: chushan.trace.hashing against the reference implementation.

Usage (from the repository root; the reference is a benchmark-only dependency):
    .venv/bin/pip install epcis-event-hash-generator==1.9.3
    .venv/bin/python bench/bench_event_hash.py [--seconds 3]

Both implementations hash the same JSON-LD documents in this process and must give identical IDs.  The
reference expands JSON-LD with PyLD; its package bundles the two EPCIS 2.0 contexts these documents use,
and we install a document loader that refuses any other URL, so nothing is fetched from the network.
"""

import argparse
import copy
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from chushan.trace.hashing import document_event_hash_ids  # noqa: E402
from chushan.trace.hashing.values import canonical_timestamp, canonical_value  # noqa: E402

DOC_DIRS = [ROOT.parent / "shared" / "testdata" / "epcis-hash", ROOT / "shared" / "testdata" / "epcis-hash",
            ROOT / "src" / "chushan" / "trace" / "tests" / "data" / "epcis-hash"]


def load_documents() -> list[dict]:
    paths = [p for d in DOC_DIRS if d.is_dir() for p in sorted(d.glob("*.jsonld"))]
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


def reference_hasher():
    """The reference's JSON-LD path (json_to_py + hash_generator), offline."""
    logging.disable(logging.CRITICAL)  # it logs every event at INFO/DEBUG level
    from epcis_event_hash_generator import file_document_loader, hash_generator, json_to_py
    from pyld import jsonld

    bundled = file_document_loader.file_document_loader()

    def offline_loader(url, options=None):
        if url not in ("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                       "https://gs1.github.io/EPCIS/epcis-context.jsonld"):
            raise RuntimeError(f"benchmark is offline: refusing to fetch {url}")
        return bundled(url, options or {})

    jsonld.set_document_loader(offline_loader)

    def hash_document(document: dict) -> list[str]:
        json_to_py._namespaces.clear()  # module-global state would otherwise leak between documents
        events = json_to_py.event_list_from_epcis_document_json(document)
        return hash_generator.calculate_hashes_from_pre_hashes(hash_generator.derive_prehashes_from_events(events))

    return hash_document


def rate(hash_documents, documents: list[dict], seconds: float, prepare=None) -> float:
    """Events hashed per second over whole passes through ``documents`` until ``seconds`` have passed."""
    events = sum(len(d["epcisBody"]["eventList"]) for d in documents)
    done, elapsed = 0, 0.0
    while elapsed < seconds:
        batch = prepare() if prepare else documents  # copies made outside the timed region
        started = time.perf_counter()
        for document in batch:
            hash_documents(document)
        elapsed += time.perf_counter() - started
        done += events
    return done / elapsed


def cold(document: dict) -> list[str]:
    canonical_value.cache_clear()
    canonical_timestamp.cache_clear()
    return document_event_hash_ids(document)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time budget per implementation")
    args = parser.parse_args()
    documents = load_documents()
    if not documents:
        print("no EPCIS JSON-LD documents found", file=sys.stderr)
        return 2
    reference = reference_hasher()
    ours = [document_event_hash_ids(d) for d in documents]
    theirs = [reference(copy.deepcopy(d)) for d in documents]
    mismatches = sum(a != b for a, b in zip(ours, theirs, strict=True))
    events = sum(map(len, ours))
    print(f"{len(documents)} documents, {events} events; identical Event Hash IDs: "
          f"{'yes' if not mismatches else f'NO ({mismatches} documents differ)'}")
    ref_rate = rate(reference, documents, args.seconds, prepare=lambda: copy.deepcopy(documents))
    warm_rate = rate(document_event_hash_ids, documents, args.seconds)
    cold_rate = rate(cold, documents, args.seconds)
    print(f"{'implementation':<44}{'events/s':>12}{'vs reference':>14}")
    for name, value in [("epcis-event-hash-generator 1.9.3 (reference)", ref_rate),
                        ("chushan.trace.hashing (value caches warm)", warm_rate),
                        ("chushan.trace.hashing (caches cleared per doc)", cold_rate)]:
        print(f"{name:<44}{value:>12,.0f}{value / ref_rate:>13.1f}x")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
