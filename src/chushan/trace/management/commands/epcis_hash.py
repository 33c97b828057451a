"""chushan epcis_hash FILE.jsonld: the CBV 2.0 Event Hash ID of every event of an EPCIS document."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chushan.trace.hashing import InvalidEpcisDocument, document_event_hash_ids


class Command(BaseCommand):
    help = "Print the CBV 2.0 Event Hash ID (ni:///sha-256;...?ver=CBV2.0) of each event, one a line, in order."
    requires_system_checks = []  # a file tool: it needs no database

    def add_arguments(self, parser):
        parser.add_argument("file", help="an EPCIS 2.0 JSON-LD EPCISDocument or EPCISQueryDocument ('-' for stdin)")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            text = self.stdin.read() if file == "-" else path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text") from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(f"{file} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
                               ) from None
        try:
            ids = document_event_hash_ids(document)
        except InvalidEpcisDocument as exc:
            raise CommandError(f"{file} is not a valid EPCIS document: {exc}") from None
        for event_id in ids:
            self.stdout.write(event_id)
