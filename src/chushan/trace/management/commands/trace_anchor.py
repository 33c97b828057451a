"""chushan trace_anchor: publish the daily Merkle roots of every seller's chain (what the daily task does)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from chushan.trace.models import ChainRecord
from chushan.trace.services import chain_anchor_day, chain_anchor_pending


class Command(BaseCommand):
    help = "Anchor every finished day not anchored yet (or one --day) for every seller, and print the roots."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="anchor only this day (YYYY-MM-DD, China time)")

    def handle(self, *args, day=None, **options):
        if day:
            try:
                wanted = date.fromisoformat(day)
            except ValueError:
                raise CommandError(f"--day must look like 2024-05-01, not {day!r}") from None
            sellers = ChainRecord.objects.order_by().values_list("seller_id", flat=True).distinct()
            try:
                anchors = [a for a in (chain_anchor_day(seller_id=s, day=wanted) for s in sellers) if a]
            except ValueError as exc:
                raise CommandError(f"{day}: {exc}") from None
        else:
            anchors = chain_anchor_pending()
        for anchor in anchors:
            self.stdout.write(f"{anchor.day} seller {anchor.seller_id} records {anchor.first_seq}-{anchor.last_seq} "
                              f"root {anchor.root}")
        self.stdout.write(f"{len(anchors)} anchors.")
