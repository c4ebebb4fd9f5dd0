import argparse

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sources import snapshots, tasks
from sources.models import LinkStatus, Source

MAX_CONCURRENCY = 32


def whole_number(low: int, high: int):
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            number = 0
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {low} to {high}, not {text!r}"
            )
        return number

    return parse


class Command(BaseCommand):
    help = (
        "Fetch sources' links again: store a snapshot of each (snapshots are never deleted), "
        "set its link status and flag changed pages. All sources with a URL, never-checked "
        "and oldest-checked first, unless --source names some."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            dest="source_ids",
            type=whole_number(1, 2**63 - 1),
            nargs="+",
            metavar="ID",
            help="check only these sources",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="check nothing now; start the periodic check in the background worker "
            "(unless a run is already waiting)",
        )
        parser.add_argument(
            "--concurrency",
            type=whole_number(1, MAX_CONCURRENCY),
            default=snapshots.CONCURRENCY,
            help=f"pages fetched at once (1–{MAX_CONCURRENCY}, default {snapshots.CONCURRENCY})",
        )

    def handle(self, *args, source_ids, schedule, concurrency, verbosity, **options):
        if schedule:
            if source_ids:
                raise CommandError("--schedule checks every source; leave out --source.")
            return self.schedule()
        if source_ids:
            batches = [self.named_sources(source_ids)]
        else:
            batches = snapshots.batches_to_check(timezone.now())

        def report(source, checked):
            if verbosity >= 2 or (verbosity >= 1 and checked.link_status != LinkStatus.OK):
                changed = " (content changed)" if checked.changed else ""
                self.stdout.write(
                    f"source {source.pk} {source.url}: {checked.link_status}, "
                    f"{checked.link_note}{changed}"
                )

        counts = snapshots.check_sources(batches, concurrency=concurrency, on_checked=report)
        checked = sum(counts[status] for status in LinkStatus.values)
        self.stdout.write(
            f"Checked {checked} link{'s' if checked != 1 else ''}: "
            f"{counts[LinkStatus.OK]} ok, {counts[LinkStatus.REDIRECTED]} redirected, "
            f"{counts[LinkStatus.BROKEN]} broken, {counts[LinkStatus.UNREACHABLE]} unreachable; "
            f"{counts['changed']} changed."
        )

    def named_sources(self, source_ids) -> list[Source]:
        found = Source.objects.in_bulk(source_ids)
        missing = [str(pk) for pk in source_ids if pk not in found]
        if missing:
            raise CommandError(f"No source with id {', '.join(missing)}.")
        without_url = [str(pk) for pk in source_ids if not found[pk].url]
        if without_url:
            raise CommandError(f"Source {', '.join(without_url)} has no URL to check.")
        return [found[pk] for pk in dict.fromkeys(source_ids)]

    def schedule(self):
        if not tasks.can_schedule():
            raise CommandError(
                "The task backend cannot keep tasks for later; the periodic link check "
                "needs the database backend (TASKS in settings) and `manage.py db_worker`."
            )
        if tasks.schedule_link_checks():
            self.stdout.write(
                "Link check enqueued; `manage.py db_worker` runs it, and each run "
                "schedules the next."
            )
        else:
            self.stdout.write("A link check is already waiting; nothing added.")
