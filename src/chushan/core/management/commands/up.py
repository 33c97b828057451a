"""`chushan up`: prepare the database and demo data, then serve with gunicorn (never runserver)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Migrate, load the demo data (idempotent), collect static files and serve on $PORT (8000)."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo data.")
        parser.add_argument("--no-serve", action="store_true", help="Prepare everything, then exit.")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)) or None)
        parser.add_argument("--no-schedule", action="store_true",
                            help="Do not run the periodic tasks beside the server (embedded mode only; with a "
                                 "broker they are celery beat's).")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=1)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not options["no_demo"]:
            call_command("seed_demo")
        if options["no_serve"]:
            return
        if settings.CELERY_TASK_ALWAYS_EAGER and not options["no_schedule"]:
            self._start_schedule()
        self._serve(options["workers"])

    def _start_schedule(self) -> None:
        """Without a broker there is no celery beat: a small process beside the server runs the periodic tasks
        and exits when the server does (this process becomes the server, keeping its id)."""
        subprocess.Popen([sys.executable, "-m", "chushan.cli", "run_schedule", "--parent", str(os.getpid())])  # noqa: S603
        self.stdout.write("Periodic tasks run beside the server (chushan run_schedule).")

    def _serve(self, workers: int | None) -> None:
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which("gunicorn")
        if not gunicorn:
            raise CommandError("gunicorn is not installed: run `pip install -e .` in this environment.")
        host = os.environ.get("HOST", "127.0.0.1")
        port = os.environ.get("PORT", "8000")
        # SQLite takes one writer at a time: fewer processes, more threads. PostgreSQL takes more processes.
        default_workers = (os.cpu_count() or 1) * 2 + 1 if settings.DATABASE_IS_POSTGRES else 2
        argv = [gunicorn, "chushan.config.wsgi:application", "--bind", f"{host}:{port}",
                "--workers", str(workers or default_workers), "--threads", "4", "--worker-class", "gthread",
                "--access-logfile", "-", "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")]
        self.stdout.write(f"Serving Chushan on http://{host}:{port}/ (Ctrl-C stops)")
        sys.stdout.flush()
        os.execv(gunicorn, argv)  # noqa: S606 - replace this process with the server
