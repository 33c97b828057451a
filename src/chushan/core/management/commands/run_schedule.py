"""`chushan run_schedule`: the periodic tasks without a broker (see chushan.core.beat). `chushan up` starts it."""

import logging
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from chushan.config.celery import app
from chushan.core.beat import EmbeddedBeat

# How often the loop wakes at most, to notice that the server it serves has gone.
WAKE_SECONDS = 5.0


def run_task(name: str, args: tuple, kwargs) -> object:
    """One task, here and now, on fresh database connections (as a Celery worker would have them)."""
    close_old_connections()
    try:
        return app.tasks[name].apply(args=args, kwargs=kwargs, throw=True).result
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = "Run the periodic tasks of CELERY_BEAT_SCHEDULE in this process (the embedded default has no beat)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every task once, then exit.")
        parser.add_argument("--parent", type=int, default=None,
                            help="Exit when the process with this id (the web server) is no longer our parent.")

    def handle(self, *args, **options):
        app.loader.import_default_modules()  # registers every app's tasks
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)  # a line per run would drown the server's
        beat = EmbeddedBeat(settings.CELERY_BEAT_SCHEDULE, run_task)
        if options["once"]:
            self.stdout.write(f"ran {len(beat.tick())} periodic tasks")
            return
        parent = options["parent"]
        try:
            while parent is None or os.getppid() == parent:
                beat.tick()
                time.sleep(min(WAKE_SECONDS, beat.seconds_to_next()) or 0.1)
        except KeyboardInterrupt:
            pass
