"""`chushan seed_demo`: load the demo market. Safe to run twice."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo sellers, heritage items, brands and products (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=0,
                            help="Also make this many synthetic products for benchmarks.")

    def handle(self, *args, **options):
        self.stdout.write("demo data: nothing to load yet")
