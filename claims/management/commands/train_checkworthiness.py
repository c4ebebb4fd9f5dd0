import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.checkworthiness import MODEL_DIR, Model
from claims.checkworthiness_training import (
    Unreadable,
    evaluate,
    fit_model,
    read_labelled,
    write_model,
)


class Command(BaseCommand):
    help = (
        "Train the check-worthiness model on a CheckThat!-shaped TSV (Sentence_id, Text, "
        "class_label Yes/No), choose its operating points by 5-fold cross-validation on "
        "--train (embedding every sentence: some minutes for 20,000), write it and "
        "report its cross-validated F1 and its F1, precision and recall on --dev."
    )

    def add_arguments(self, parser):
        parser.add_argument("--train", required=True, type=Path, help="e.g. train.tsv")
        parser.add_argument("--dev", required=True, type=Path, help="e.g. dev.tsv")
        parser.add_argument(
            "--output",
            type=Path,
            default=MODEL_DIR,
            help=f"Directory to write model.json to (default: {MODEL_DIR}).",
        )

    def handle(self, *args, train: Path, dev: Path, output: Path, **options):
        try:
            training, development = read_labelled(train), read_labelled(dev)
        except Unreadable as error:
            raise CommandError(str(error)) from None
        for name, labelled in (("--train", training), ("--dev", development)):
            if labelled.labels.all() or not labelled.labels.any():
                raise CommandError(f"{name}: needs sentences labelled both Yes and No.")
        if output.exists() and not output.is_dir():
            raise CommandError(f"--output {output}: not a directory.")
        started = time.perf_counter()
        try:
            data = fit_model(training)
        except Unreadable as error:
            raise CommandError(f"--train: {error}") from None
        try:
            path = write_model(data, output)
        except OSError as error:
            raise CommandError(f"--output {output}: {error}") from None
        # Measured on the model as written, so the figures are the artefact's.
        result = evaluate(Model.load(output), development)
        cross_validated = data["training"]["cross_validated"]
        first_stage = data["training"]["first_stage_cross_validated"]
        self.stdout.write(
            f"Trained on {len(training.texts)} sentences ({int(training.labels.sum())} "
            f"check-worthy) in {time.perf_counter() - started:.0f} s; wrote {path}.\n"
            f"train, out of fold: F1 {cross_validated['f1']:.3f}, precision "
            f"{cross_validated['precision']:.3f}, recall {cross_validated['recall']:.3f} "
            f"at the operating point\n"
            f"  (the first stage alone: F1 {first_stage['f1']:.3f}; "
            f"{data['training']['reread']:.0%} of the sentences read again by the second)\n"
            f"dev: {result.sentences} sentences, {result.positives} check-worthy\n"
            f"F1         {result.f1:.3f}\n"
            f"precision  {result.precision:.3f}\n"
            f"recall     {result.recall:.3f}"
        )
