"""The only place trace rows are locked: one chain head per seller, so appends to a chain never interleave."""

from chushan.trace.chain import GENESIS
from chushan.trace.models import ChainHead


def chain_head_for_update(seller_id: int) -> ChainHead:
    """The seller's chain head, locked until the transaction ends (created at the first append)."""
    # get_or_create retries the read when a concurrent first append inserted the head first.
    ChainHead.objects.get_or_create(seller_id=seller_id, defaults={"seq": 0, "digest": GENESIS})
    return ChainHead.objects.select_for_update().get(seller_id=seller_id)
