"""`chushan seed_demo`: load the demo market. Safe to run twice; the second run changes nothing.

`chushan seed_demo --products 100000` also grows a synthetic catalogue of that many products for
benchmarks (counting those made before) and reindexes search.
"""

from django.core.management.base import BaseCommand, CommandError

from chushan.core.errors import ApplicationError
from chushan.demo import selectors, services
from chushan.demo.data.sellers import DEMO_PASSWORD, DEMO_USERS, SELLERS
from chushan.demo.data.trade import CLERK
from chushan.demo.rules import owner_mobile


class Command(BaseCommand):
    help = ("Load the demo sellers, heritage items, brands and products, with their shops, stock, promotions, "
            "traceability stories and a shopper's orders (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=0,
                            help="Also make the synthetic benchmark catalogue this many products strong.")
        parser.add_argument("--skip-images", action="store_true",
                            help="Do not draw product pictures (tests; a later run draws the missing ones).")
        parser.add_argument("--reindex", action="store_true", help="Rebuild the whole search index afterwards.")
        parser.add_argument("--batch-size", type=int, default=2000, help="Rows per insert for --products.")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        if options["products"] < 0 or options["batch_size"] < 1:
            raise CommandError("--products must be 0 or more and --batch-size at least 1.")
        try:
            report = services.demo_market_load(with_images=not options["skip_images"])
            self._report_market(report)
            if options["products"]:
                synth = services.demo_catalogue_synthesize(products=options["products"],
                                                           batch_size=options["batch_size"],
                                                           progress=self._progress)
                self._report_synthetic(synth, options["products"])
            if options["reindex"]:
                done = services.search_refresh(full=True)
                self.stdout.write(f"search: {done or 'no full reindex available yet'}")
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self._print_accounts()

    def _progress(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  … {message}")

    def _report_market(self, report: services.LoadReport) -> None:
        if not report.changed:
            self.stdout.write(f"Demo market already loaded; nothing to do ({report.seconds:.2f} s).")
            return
        made = ", ".join(f"{n} {what}" for what, n in report.created.items() if n)
        if report.images:
            made += f"{', ' if made else ''}{report.images} pictures"
        self.stdout.write(self.style.SUCCESS(f"Demo market: created {made} in {report.seconds:.1f} s."))

    def _report_synthetic(self, synth: services.SynthesisReport, wanted: int) -> None:
        if not synth.created:
            self.stdout.write(f"Synthetic catalogue already has {synth.existing} products (asked for {wanted}).")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Synthetic catalogue: {synth.created} products added ({synth.existing + synth.created} in all) in "
            f"{synth.seconds:.1f} s; search: {synth.search or 'nothing to refresh'}."))

    def _print_accounts(self) -> None:
        if self.verbosity < 1:
            return
        roles = {"operators": "operator (Django admin at /admin/)", "reviewers": "admission reviewer",
                 "": "shopper (orders at /orders/)"}
        found = selectors.demo_highlights()
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}, sign in at /accounts/login/):")
        for mobile, name, role in DEMO_USERS:
            self.stdout.write(f"  {mobile}  {roles[role]} · {name}")
        shop = found.counter.name if found.counter else CLERK["shop"]
        self.stdout.write(f"  {CLERK['mobile']}  shop clerk at {shop} (counter at /pos/) · {CLERK['name']}")
        first, last = SELLERS[0], SELLERS[-1]
        self.stdout.write(f"  {owner_mobile(first['n'])} … {owner_mobile(last['n'])}  seller owners, "
                          f"e.g. {owner_mobile(SELLERS[1]['n'])} {SELLERS[1]['name']}")
        self._print_highlights(found)

    def _print_highlights(self, found: selectors.Highlights) -> None:
        if not (found.traces or found.pickup):
            return
        self.stdout.write("Try:")
        for name, url in found.traces:
            self.stdout.write(f"  scan to trace {name}: {url}")
        if found.pickup:
            code = found.pickup
            self.stdout.write(f"  pick-up: order {code.order.number} waits at {code.location.name}, code {code.code} "
                              f"(the clerk types it at the counter, Pick-ups)")
