"""Tamper-evident hash chain over captured events, and a daily anchor digest.

Each record commits to the previous record's digest, its sequence number, the event's Event Hash ID, the
time the server recorded it and the SHA-256 of the event exactly as stored (its body seal).  Changing,
inserting, dropping or reordering any record breaks every digest after it; ``verify_chain`` names the first
record whose link or digest no longer holds.  Records written before the body seal (version 1) commit to
the rest only; they keep verifying by their own encoding.
"""

import hashlib
from collections.abc import Iterable

GENESIS = "0" * 64
"""The previous-digest of the first record of a chain."""

_DOMAIN = "chushan.trace.chain.v1"
SEALED_DOMAIN = "chushan.trace.chain.v2"
"""The encoding of records that also commit to their event's body seal (``body_seal``)."""
_sha256 = hashlib.sha256


def body_seal(body: str) -> str:
    """SHA-256 hex digest of an event's stored JSON text (UTF-8): any change to any byte of it shows."""
    return _sha256(body.encode()).hexdigest()


def _encoding(prev_digest: str, event_hash_id: str, seq: int, record_time_iso: str, seal: str) -> bytes:
    # Every text field is length-prefixed, so no choice of values can make two records encode alike.
    head = SEALED_DOMAIN if seal else _DOMAIN
    tail = f"|{len(seal)}:{seal}" if seal else ""
    return (
        f"{head}|{len(prev_digest)}:{prev_digest}|{seq:d}|{len(event_hash_id)}:{event_hash_id}"
        f"|{len(record_time_iso)}:{record_time_iso}{tail}"
    ).encode()


def record_digest(prev_digest: str, event_hash_id: str, seq: int, record_time_iso: str, seal: str = "") -> str:
    """SHA-256 hex digest of one chain record (previous digest, seq, Event Hash ID, record time and, for
    records written since the body seal, the event's ``body_seal``; without one, the version-1 encoding)."""
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
        raise ValueError(f"seq must be a non-negative integer, got {seq!r}")
    return _sha256(_encoding(prev_digest, event_hash_id, seq, record_time_iso, seal)).hexdigest()


def verify_chain(
    records: Iterable[tuple[int, str, str, str, str, str]], *, expected_prev: str = GENESIS
) -> int | None:
    """Seq of the first broken record of ``(seq, prev_digest, event_hash_id, record_time_iso, stored_digest,
    seal)`` rows in chain order (``seal`` empty for version-1 records), or None when every link and digest
    holds.  ``expected_prev`` starts a partial chain."""
    prev, last_seq = expected_prev, None
    for seq, prev_digest, event_hash_id, record_time_iso, stored_digest, seal in records:
        digest = _sha256(_encoding(prev_digest, event_hash_id, seq, record_time_iso, seal)).hexdigest()
        if prev_digest != prev or digest != stored_digest or (last_seq is not None and seq != last_seq + 1):
            return seq
        prev, last_seq = stored_digest, seq
    return None


def anchor_digest(digests: Iterable[str]) -> str:
    """Merkle root (RFC 6962 / Certificate Transparency tree hash, SHA-256) over record digests in order.

    Leaves are ``SHA-256(0x00 || digest bytes)``, inner nodes ``SHA-256(0x01 || left || right)``; an odd node
    is promoted unchanged, and an empty day gives ``SHA-256("")``.  Publishing the root anchors the whole day,
    and any one record can later be proven with a log-size audit path.
    """
    level = [_sha256(b"\x00" + bytes.fromhex(d)).digest() for d in digests]
    if not level:
        return _sha256(b"").hexdigest()
    while len(level) > 1:
        paired = [_sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0].hex()
