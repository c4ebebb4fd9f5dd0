import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from claims.models import Claim


def at_least(minimum: int, rule: str):
    """An argparse type: a whole number from `minimum`, `rule` saying so."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be {rule}, not {number}")
        return number

    return parse


positive_int = at_least(1, "at least 1")
seed_number = at_least(0, "0 or more")


class Command(BaseCommand):
    help = (
        "Fill the database with a realistic generated newsroom for benchmarks (speakers, "
        "outlets, sources, claims in every state, verdicts, evidence, topics, workflow "
        "events), and/or write generated ClaimReview records to a file for timing "
        "import_claimreview. The same --seed gives the same data. Rows are bulk-inserted, "
        "so generated claims have no django-simple-history versions. Refuses a database "
        "that already holds claims unless --force; nothing is ever deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--claims", type=positive_int, help="How many claims to generate in the database."
        )
        parser.add_argument("--seed", type=seed_number, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add generated claims even though the database already holds claims.",
        )
        parser.add_argument(
            "--claimreview-out",
            metavar="PATH",
            help="Write generated ClaimReview records (a schema.org DataFeed) to this file.",
        )
        parser.add_argument(
            "--records",
            type=positive_int,
            help="How many ClaimReview records --claimreview-out writes (default 100000).",
        )

    def handle(self, *args, claims, seed, force, claimreview_out, records, **options):
        if claims is None and not claimreview_out:
            raise CommandError(
                "Nothing to do: give --claims N to seed the database, "
                "--claimreview-out PATH to write ClaimReview records, or both."
            )
        if records is not None and not claimreview_out:
            raise CommandError("--records needs --claimreview-out PATH.")
        try:
            from claims.benchdata.feed import write_claimreview_feed
            from claims.benchdata.seed import seed_bench
        except ImportError as error:
            raise CommandError(
                f"seed_bench needs the development requirements ({error}): "
                "pip install -r requirements-dev.txt"
            ) from None

        if claims is not None:
            existing = Claim.objects.count()
            if existing and not force:
                raise CommandError(
                    f"The database already holds {existing} claims. seed_bench adds "
                    "generated claims beside them only with --force (it deletes nothing)."
                )
            self.seed(seed_bench, claims, seed, options["verbosity"])
        if claimreview_out:
            self.write_feed(write_claimreview_feed, claimreview_out, records or 100_000, seed)

    def seed(self, seed_bench, claims: int, seed: int, verbosity: int):
        started = time.monotonic()

        def progress(done: int):
            if verbosity >= 1 and (done % 10_000 == 0 or done == claims):
                self.stdout.write(f"{done} of {claims} claims ({time.monotonic() - started:.0f} s)")

        try:
            report = seed_bench(claims=claims, seed=seed, progress=progress)
        except ValueError as error:
            raise CommandError(f"Cannot seed: {error}.") from None
        made = ", ".join(f"{n} {name}" for name, n in report.created.items() if n)
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {claims} claims (seed {seed}) in {time.monotonic() - started:.1f} s: "
                f"{made}."
            )
        )

    def write_feed(self, write_claimreview_feed, path: str, records: int, seed: int):
        started = time.monotonic()
        try:
            with open(path, "w", encoding="utf-8") as out:
                write_claimreview_feed(out, records=records, seed=seed)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {records} ClaimReview records (seed {seed}) to {path} "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
