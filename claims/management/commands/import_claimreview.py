import shutil
import sys
import tempfile
from contextlib import ExitStack, nullcontext
from itertools import chain

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from claims.claimreview_parsing import UnreadableFile, read_records
from claims.claimreview_saving import BATCH_SIZE, MAX_BATCH_SIZE, import_records
from claims.lexical_matching import refresh_word_frequencies
from claims.management.arguments import batch_size


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
        parser.add_argument(
            "--batch-size",
            type=batch_size(MAX_BATCH_SIZE),
            default=BATCH_SIZE,
            help=f"Records saved per transaction (default {BATCH_SIZE}).",
        )
        talk = parser.add_mutually_exclusive_group()
        talk.add_argument("--verbose", action="store_true", help="Say what became of every record.")
        talk.add_argument(
            "--quiet", action="store_true", help="Print nothing but the records skipped."
        )

    def handle(self, *args, path, dry_run, batch_size, verbose, quiet, **options):
        # The real stream: the progress bar writes carriage returns, not lines.
        self.errors = errors = options.get("stderr") or sys.stderr
        with ExitStack() as stack:
            stream = self.open(path, options.get("stdin") or sys.stdin, stack)
            try:
                records = read_records(stream)
                first = next(records, None)
            except UnreadableFile as error:
                raise CommandError(f"{path}: {error}") from None
            if first is None:
                raise CommandError(f"{path}: no ClaimReview found.")
            progress = stack.enter_context(
                tqdm(
                    unit=" records",
                    file=errors,
                    disable=quiet or not errors.isatty(),
                    dynamic_ncols=True,
                )
            )
            # A dry run is one transaction rolled back; batches become savepoints in it.
            stack.enter_context(transaction.atomic() if dry_run else nullcontext())
            counts = self.run(chain([first], records), batch_size, verbose, progress)
            if dry_run:
                transaction.set_rollback(True)
        if counts["imported"] and not dry_run:
            refresh_word_frequencies()

        summary = (
            f"{counts['imported']} imported, {counts['exists']} already here, "
            f"{counts['skipped']} skipped."
        )
        if dry_run:
            summary = "Dry run, nothing saved: " + summary
        if counts["skipped"]:
            raise CommandError(summary)
        if not quiet:
            self.stdout.write(self.style.SUCCESS(summary))

    def run(self, records, batch_size, verbose, progress) -> dict[str, int]:
        counts = {"imported": 0, "exists": 0, "skipped": 0}
        for record, outcome in import_records(records, batch_size=batch_size):
            counts[outcome.status] += 1
            progress.update()
            line = f"record {record.index} ({record.location}): "
            if outcome.status == "skipped":
                with tqdm.external_write_mode(file=self.errors):
                    self.stderr.write(line + f"skipped: {outcome.message}.")
            elif verbose:
                self.stdout.write(line + outcome.message)
                for note in outcome.notes:
                    self.stdout.write(f"record {record.index}: note: {note}")
        return counts

    def open(self, path: str, stdin, stack: ExitStack):
        """A seekable binary file: the reader checks JSON whole before importing,
        then reads it again, so standard input is spooled to a temporary file."""
        try:
            if path != "-":
                return stack.enter_context(open(path, "rb"))
            spool = stack.enter_context(tempfile.TemporaryFile())
            if hasattr(stdin, "buffer"):
                shutil.copyfileobj(stdin.buffer, spool)
            else:
                while chunk := stdin.read(1 << 16):
                    spool.write(chunk.encode())
            spool.seek(0)
            return spool
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
