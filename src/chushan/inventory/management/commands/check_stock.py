"""`chushan check_stock`: every stock row must equal the sum of its ledger and its holds the live reservations;
no ledger line or hold may point at a row that is not there."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chushan.inventory.selectors import stock_ledger_mismatches, stock_ledger_orphans


class Command(BaseCommand):
    help = "Verify that on-hand and held stock equal the movement ledger's sums for every SKU and location."

    def handle(self, *args, **options):
        mismatches = stock_ledger_mismatches()
        for row in mismatches:
            stock = row["stock"]
            self.stderr.write(_(
                "SKU %(sku)s (id %(sku_id)s) at %(location)s (id %(location_id)s): on hand %(on_hand)s, ledger "
                "%(ledger_on_hand)s; held %(reserved)s, ledger %(ledger_reserved)s, live holds %(held)s") % {
                "sku": stock.sku.code, "sku_id": stock.sku_id, "location": stock.location.name,
                "location_id": stock.location_id, "on_hand": stock.on_hand, "ledger_on_hand": row["ledger_on_hand"],
                "reserved": stock.reserved, "ledger_reserved": row["ledger_reserved"], "held": row["held"]})
        orphans = stock_ledger_orphans()
        labels = {"movement": _("Ledger line"), "reservation": _("Hold")}
        for kind, pk in orphans:
            self.stderr.write(_("%(kind)s #%(id)s points at a stock row, channel or hold that does not exist") % {
                "kind": labels[kind], "id": pk})
        if mismatches or orphans:
            raise CommandError(_("%(count)d stock rows disagree with the ledger.") % {"count": len(mismatches)}
                               if mismatches else _("%(count)d ledger lines point at nothing.") % {
                                   "count": len(orphans)})
        self.stdout.write(_("Stock agrees with the ledger."))
