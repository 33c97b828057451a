"""`chushan reindex`: rebuild the search index and its vocabulary from the catalogue."""

from django.core.management.base import BaseCommand

from chushan.search.services import BATCH_SIZE, search_reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index (jieba words, pinyin, facets, ranking signals) for every product."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                            help=f"Products per transaction (default {BATCH_SIZE}).")
        parser.add_argument("--force", action="store_true",
                            help="Rewrite every document, even those whose digest has not changed.")

    def handle(self, *args, batch_size: int, force: bool, verbosity: int, **options):
        def progress(done: int, total: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"  {done}/{total}")

        report = search_reindex_all(batch_size=max(1, batch_size), force=force, progress=progress)
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {report.indexed} of {report.products} products ({report.written} written) in "
            f"{report.seconds:.1f} s ({report.per_second:.0f} products/s)."))
