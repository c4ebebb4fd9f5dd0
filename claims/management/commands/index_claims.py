import os
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims import embedding, indexing
from claims.management.arguments import batch_size
from claims.models import Claim

MAX_BATCH_SIZE = 1024


class Command(BaseCommand):
    help = (
        "Embed the claims whose embedding is missing or stale (new claims, changed "
        "texts or headlines, another FACTCHECK_EMBEDDING_MODEL), for semantic matching. "
        "Safe to run again: claims already current are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=batch_size(MAX_BATCH_SIZE),
            default=indexing.BATCH_SIZE,
            help=f"Texts embedded at a time (default {indexing.BATCH_SIZE}).",
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def handle(self, *args, batch_size, quiet, **options):
        errors = options.get("stderr") or sys.stderr
        try:
            model = embedding.get_model(threads=os.cpu_count())
        except Exception as error:  # noqa: BLE001 -- any loading failure is a readable exit
            raise CommandError(f"Cannot load the embedding model: {error}") from None
        rows = list(indexing.stale(Claim.objects.all(), embedding.model_name()))
        with tqdm(
            total=len(rows),
            unit=" claims",
            file=errors,
            disable=quiet or not errors.isatty(),
            dynamic_ncols=True,
        ) as bar:
            done = indexing.embed_rows(rows, batch_size=batch_size, progress=bar.update)
        if done:
            indexing.refresh_statistics()
        if not quiet:
            self.stdout.write(
                f"Embedded {done} claim{'s' if done != 1 else ''} with "
                f"{embedding.model_name()} ({model.dimensions} dimensions); the rest were current."
            )
