import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.claimreview_import import UnreadableFile, find_records, import_record


class Command(BaseCommand):
    help = (
        "Import ClaimReview published by other fact-checkers: one object, an array, a "
        "DataFeed, or an HTML page with ClaimReview JSON-LD. Reviews already imported "
        "(same URL) are left as they are; a malformed record is reported and skipped."
    )
    # Tests hand in their own standard input.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .json or .html file, or - for standard input.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; save nothing."
        )

    def handle(self, *args, path, dry_run, **options):
        text = self.read(path, options.get("stdin") or sys.stdin)
        try:
            records = find_records(text)
        except UnreadableFile as error:
            raise CommandError(f"{path}: {error}.") from None
        if not records:
            raise CommandError(f"{path}: no ClaimReview found.")

        counts = {"imported": 0, "exists": 0, "skipped": 0}
        with transaction.atomic():
            for record in records:
                outcome = import_record(record)
                counts[outcome.status] += 1
                line = f"record {record.index} ({record.location}): "
                if outcome.status == "skipped":
                    self.stderr.write(line + f"skipped: {outcome.message}.")
                else:
                    self.stdout.write(line + outcome.message)
                for note in outcome.notes:
                    self.stdout.write(f"record {record.index}: note: {note}")
            if dry_run:
                transaction.set_rollback(True)

        summary = (
            f"{counts['imported']} imported, {counts['exists']} already here, "
            f"{counts['skipped']} skipped."
        )
        if dry_run:
            summary = "Dry run, nothing saved: " + summary
        if counts["skipped"]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def read(self, path: str, stdin) -> str:
        try:
            if path == "-":
                return stdin.read()
            return Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
