"""Hash chain: digests, tamper detection naming the broken record, and the Merkle anchor."""

import hashlib

import pytest

from chushan.trace.chain import GENESIS, anchor_digest, body_seal, record_digest, verify_chain

EVENT = "ni:///sha-256;{:064x}?ver=CBV2.0"
RECORD_TIME = "2024-05-01T08:00:{:02d}.000Z"
SEAL = body_seal('{"type":"ObjectEvent"}')


def _chain(n: int, start_seq: int = 1, *, sealed_from: int = 1) -> list[tuple[int, str, str, str, str, str]]:
    """Records start_seq.. in order; those before ``sealed_from`` are version 1 (no body seal)."""
    records, prev = [], GENESIS
    for seq in range(start_seq, start_seq + n):
        event, recorded = EVENT.format(seq), RECORD_TIME.format(seq % 60)
        seal = body_seal(f'{{"n":{seq}}}') if seq >= sealed_from else ""
        digest = record_digest(prev, event, seq, recorded, seal)
        records.append((seq, prev, event, recorded, digest, seal))
        prev = digest
    return records


def test_record_digest_is_sha256_hex_and_deterministic():
    digest = record_digest(GENESIS, EVENT.format(1), 1, RECORD_TIME.format(1))
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert digest == record_digest(GENESIS, EVENT.format(1), 1, RECORD_TIME.format(1))
    assert GENESIS == "0" * 64


@pytest.mark.parametrize(
    "changed",
    [("1" + GENESIS[1:], EVENT.format(1), 1, RECORD_TIME.format(1)),
     (GENESIS, EVENT.format(2), 1, RECORD_TIME.format(1)),
     (GENESIS, EVENT.format(1), 2, RECORD_TIME.format(1)),
     (GENESIS, EVENT.format(1), 1, RECORD_TIME.format(2))],
)
def test_every_field_is_committed(changed):
    assert record_digest(*changed) != record_digest(GENESIS, EVENT.format(1), 1, RECORD_TIME.format(1))
    assert record_digest(*changed, SEAL) != record_digest(GENESIS, EVENT.format(1), 1, RECORD_TIME.format(1), SEAL)


def test_the_body_seal_is_committed_and_versions_encode_apart():
    unsealed = record_digest(GENESIS, EVENT.format(1), 1, RECORD_TIME.format(1))
    sealed = record_digest(GENESIS, EVENT.format(1), 1, RECORD_TIME.format(1), SEAL)
    assert sealed != unsealed
    assert sealed != record_digest(GENESIS, EVENT.format(1), 1, RECORD_TIME.format(1), body_seal("{}"))
    # The seal is the SHA-256 of the stored text as UTF-8: any byte of it, not only what the Event Hash ID covers.
    assert body_seal('{"a":1,"b":2}') != body_seal('{"b":2,"a":1}')
    assert body_seal("特级") == hashlib.sha256("特级".encode()).hexdigest()


def test_encoding_is_unambiguous_when_text_moves_between_fields():
    # Without length prefixes "a|b" + "c" and "a" + "b|c" would collide.
    assert record_digest(GENESIS, "ni:x|1", 1, "t") != record_digest(GENESIS, "ni:x", 1, "1|t")
    assert record_digest(GENESIS, "ab", 1, "c") != record_digest(GENESIS, "a", 1, "bc")


@pytest.mark.parametrize("seq", [-1, 1.5, "1", True])
def test_seq_must_be_a_non_negative_int(seq):
    with pytest.raises(ValueError, match="seq"):
        record_digest(GENESIS, EVENT.format(1), seq, RECORD_TIME.format(1))


def test_intact_chain_verifies():
    assert verify_chain(_chain(100)) is None
    assert verify_chain([]) is None


@pytest.mark.parametrize("victim", [1, 37, 100])
@pytest.mark.parametrize("field", [2, 3, 4, 5])
def test_tampered_record_is_named(victim, field):
    records = _chain(100, sealed_from=50)
    if not records[victim - 1][field]:
        return  # a version-1 record has no seal to change
    row = list(records[victim - 1])
    row[field] = row[field][:-1] + ("0" if row[field][-1] != "0" else "1")
    records[victim - 1] = tuple(row)
    assert verify_chain(records) == victim


def test_tampering_repaired_by_recomputing_one_digest_is_still_caught_at_the_next_record():
    records = _chain(10)
    seq, prev, _event, recorded, _digest, seal = records[4]
    forged_event = EVENT.format(999)
    records[4] = (seq, prev, forged_event, recorded, record_digest(prev, forged_event, seq, recorded, seal), seal)
    assert verify_chain(records) == 6


def test_deleted_inserted_and_reordered_records_are_caught():
    records = _chain(10)
    assert verify_chain(records[:3] + records[4:]) == 5
    assert verify_chain(records[:3] + [records[4], records[3]] + records[5:]) == 5
    assert verify_chain(records[:5] + [records[5]] + records[5:]) == 6


def test_partial_chain_starts_from_a_known_digest():
    records = _chain(20)
    assert verify_chain(records[10:]) == 11
    assert verify_chain(records[10:], expected_prev=records[9][4]) is None


def test_a_chain_begun_before_the_body_seal_verifies_across_the_change():
    records = _chain(20, sealed_from=11)
    assert [bool(r[5]) for r in records] == [False] * 10 + [True] * 10
    assert verify_chain(records) is None
    # Dropping a record's seal (to pass it off as version 1) changes what its digest encodes.
    seq, prev, event, recorded, digest, _seal = records[14]
    records[14] = (seq, prev, event, recorded, digest, "")
    assert verify_chain(records) == 15


def _rfc6962_root(leaves: list[bytes]) -> bytes:
    """RFC 6962 §2.1 Merkle Tree Hash, written recursively from the RFC as an independent oracle."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1 << ((len(leaves) - 1).bit_length() - 1)  # largest power of two smaller than n
    return hashlib.sha256(b"\x01" + _rfc6962_root(leaves[:k]) + _rfc6962_root(leaves[k:])).digest()


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 100])
def test_anchor_is_the_rfc6962_merkle_root(n):
    digests = [record[4] for record in _chain(n)]
    assert anchor_digest(digests) == _rfc6962_root([bytes.fromhex(d) for d in digests]).hex()


def test_anchor_changes_with_any_digest_or_order():
    digests = [record[4] for record in _chain(8)]
    root = anchor_digest(digests)
    assert anchor_digest(reversed(digests)) != root
    assert anchor_digest(digests[:-1]) != root
    assert anchor_digest([*digests[:3], "f" * 64, *digests[4:]]) != root
