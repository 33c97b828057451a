"""chushan verify_trace: re-hash every stored event and chain record; non-zero exit on the first broken one."""

from django.core.management.base import BaseCommand, CommandError, no_translations

from chushan.trace.services import chain_checks_record, verify_trace


class Command(BaseCommand):
    help = ("Re-hash every chain record, every stored event against its record's seal, and every anchor "
            "(--full: re-derive every Event Hash ID from the event's content too). Exits 0 when every chain "
            "verifies, 1 naming the first broken record (seller, seq, event ID) otherwise.")

    def add_arguments(self, parser):
        parser.add_argument("--seller", type=int, help="verify only this seller's chain (seller id)")
        parser.add_argument("--workers", type=int, help="processes on PostgreSQL (default: one per CPU)")
        parser.add_argument("--full", action="store_true",
                            help="also re-derive every event's Event Hash ID from its content (CBV 2.0)")
        parser.add_argument("--no-record", action="store_true",
                            help="do not update the chain status shown on the public anchors page")

    @no_translations  # reasons in English, as stored for the anchors page (which translates them)
    def handle(self, *args, seller=None, workers=None, full=False, no_record=False, **options):
        report = verify_trace(seller_id=seller, workers=workers, full=full)
        if not no_record:
            chain_checks_record(report=report)  # the public anchors page shows each chain's last check
        summary = (f"{report.records} records in {report.sellers} chains and {report.anchors} anchors "
                   f"checked in {report.seconds:.2f} s")
        if report.intact:
            self.stdout.write(f"OK: {summary}; every chain verifies.")
            return
        for broken in sorted(report.broken):
            self.stderr.write(f"BROKEN: {broken}")
        first = report.first_broken
        raise CommandError(f"first broken record: seller {first.seller_name} (id {first.seller_id}), "
                           f"seq {first.seq or '-'}, event {first.event_id or '-'}: {first.reason} ({summary})",
                           returncode=1)
