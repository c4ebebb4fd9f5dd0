from django.core.management.base import BaseCommand, CommandError

from claims.extraction_evaluation import (
    LabelsError,
    articles_from_corpus,
    articles_from_labels,
    load_labels,
    precision_at,
)

CUTOFFS = (20, 40)


class Command(BaseCommand):
    help = (
        "Precision at 20 and 40 of extraction's ranking over sentences labelled "
        "check-worthy or not (e.g. tests/fixtures/extraction/labels.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--labels",
            required=True,
            help='A JSON array of {"article": n, "sentence": "…", "check_worthy": true|false}.',
        )
        parser.add_argument(
            "--corpus",
            help="Read the articles from this file (article n: lines 2n-1 and 2n) "
            "instead of putting them together from the labelled sentences.",
        )

    def handle(self, *args, **options):
        try:
            labels = load_labels(options["labels"])
            numbers = {label.article for label in labels}
            if options["corpus"]:
                articles = articles_from_corpus(options["corpus"], numbers)
            else:
                articles = articles_from_labels(labels)
        except LabelsError as error:
            raise CommandError(str(error)) from None
        ranking, results = precision_at(labels, articles, CUTOFFS)
        worthy = sum(label.check_worthy for label in labels)
        self.stdout.write(
            f"{len(ranking)} sentences ranked from {len(articles)} articles; "
            f"{worthy} of {len(labels)} labelled sentences are check-worthy "
            f"({worthy / len(labels):.0%})."
        )
        for result in results:
            note = f", {result.unlabelled} not in the labels" if result.unlabelled else ""
            self.stdout.write(
                f"precision@{result.k}: {result.value:.3f} "
                f"({result.relevant} of {result.k} check-worthy{note})"
            )
