"""Daily anchors: the Merkle root of each seller's chain records of one day (Asia/Shanghai), published."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from chushan.trace.chain import anchor_digest
from chushan.trace.models import ChainAnchor, ChainRecord

SHANGHAI = ZoneInfo("Asia/Shanghai")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The instants a China day starts and ends (record times are compared in UTC)."""
    start = datetime.combine(day, time.min, tzinfo=SHANGHAI)
    return start, start + timedelta(days=1)


def chain_anchor_day(*, seller_id: int, day: date) -> ChainAnchor | None:
    """Anchor one seller's records of ``day``; the anchor already published is returned as it is.

    None when the seller recorded nothing that day.  Only finished days are anchored, so no record can
    join a day after its root is published.
    """
    if day >= timezone.localdate(timezone=SHANGHAI):
        raise ValueError("only days that are over can be anchored")
    existing = ChainAnchor.objects.filter(seller_id=seller_id, day=day).first()
    if existing is not None:
        return existing
    start, end = day_bounds(day)
    rows = list(ChainRecord.objects.filter(seller_id=seller_id, record_time__gte=start, record_time__lt=end)
                .order_by("seq").values_list("seq", "digest"))
    if not rows:
        return None
    try:
        with transaction.atomic():
            return ChainAnchor.objects.create(
                seller_id=seller_id, day=day, root=anchor_digest(d for _s, d in rows), first_seq=rows[0][0],
                last_seq=rows[-1][0], head_digest=rows[-1][1])
    except IntegrityError:  # anchored by a concurrent run a moment ago
        return ChainAnchor.objects.get(seller_id=seller_id, day=day)


def chain_anchor_pending(*, before: date | None = None) -> list[ChainAnchor]:
    """Anchor every finished day not anchored yet, for every seller (the daily task; safe to run again)."""
    before = before or timezone.localdate(timezone=SHANGHAI)
    anchored = dict(ChainAnchor.objects.values("seller_id").annotate(last=Max("last_seq"))
                    .values_list("seller_id", "last"))
    created = []
    for seller_id in ChainRecord.objects.order_by().values_list("seller_id", flat=True).distinct():
        for day in _days_after(seller_id, anchored.get(seller_id, 0), before):
            anchor = chain_anchor_day(seller_id=seller_id, day=day)
            if anchor is not None:
                created.append(anchor)
    return created


def _days_after(seller_id: int, last_seq: int, before: date) -> list[date]:
    """The days (before ``before``) with records after ``last_seq``, walking day by day through the chain."""
    days = []
    records = ChainRecord.objects.filter(seller_id=seller_id, seq__gt=last_seq)
    first = records.order_by("seq").values_list("record_time", flat=True).first()
    while first is not None:
        day = timezone.localtime(first, SHANGHAI).date()
        if day >= before:
            break
        days.append(day)
        first = (records.filter(record_time__gte=day_bounds(day)[1]).order_by("seq")
                 .values_list("record_time", flat=True).first())
    return days
