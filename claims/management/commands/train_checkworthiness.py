import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.checkworthiness import MODEL_DIR, Model
from claims.checkworthiness_finetuning import EPOCHS, MissingTorch
from claims.checkworthiness_training import (
    Unreadable,
    evaluate,
    fit_model,
    read_labelled,
    write_model,
)
from claims.management.arguments import passes

# A bound against typos: one pass of the three fine-tunings takes about ten
# minutes on two cores.
MAX_EPOCHS = 100


class Command(BaseCommand):
    help = (
        "Train the check-worthiness model on a CheckThat!-shaped TSV (Sentence_id, Text, "
        "class_label Yes/No): the first stage with its operating point chosen by 5-fold "
        "cross-validation on --train, the second by fine-tuning a sentence encoder three "
        "times on nine tenths of --train and averaging the three (needs PyTorch; about "
        "20 minutes for 20,000 sentences on two cores), its operating point chosen on the "
        "last tenth. Writes the model and reports its "
        "held-out F1 and its F1, precision and recall on --dev."
    )

    def add_arguments(self, parser):
        parser.add_argument("--train", required=True, type=Path, help="e.g. train.tsv")
        parser.add_argument("--dev", required=True, type=Path, help="e.g. dev.tsv")
        parser.add_argument(
            "--output",
            type=Path,
            default=MODEL_DIR,
            help=f"Directory to write model.json and reader.npz to (default: {MODEL_DIR}).",
        )
        parser.add_argument(
            "--epochs",
            type=passes(MAX_EPOCHS),
            default=EPOCHS,
            help=f"Passes over the training sentences when fine-tuning (default: {EPOCHS}).",
        )

    def handle(self, *args, train: Path, dev: Path, output: Path, epochs: float, **options):
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
            data, reader = fit_model(training, epochs=epochs, progress=self.progress)
        except Unreadable as error:
            raise CommandError(f"--train: {error}") from None
        except MissingTorch as error:
            raise CommandError(str(error)) from None
        try:
            path = write_model(data, reader, output)
        except OSError as error:
            raise CommandError(f"--output {output}: {error}") from None
        # Measured on the model as written, so the figures are the artefact's.
        result = evaluate(Model.load(output), development)
        held_out = data["training"]["held_out"]
        first_stage = data["training"]["first_stage_held_out"]
        self.stdout.write(
            f"Trained on {len(training.texts)} sentences ({int(training.labels.sum())} "
            f"check-worthy) in {time.perf_counter() - started:.0f} s; wrote {path}.\n"
            f"train, the held-out tenth: F1 {held_out['f1']:.3f}, precision "
            f"{held_out['precision']:.3f}, recall {held_out['recall']:.3f} "
            f"at the operating point\n"
            f"  (the first stage alone: F1 {first_stage['f1']:.3f}; "
            f"{data['training']['reread']:.0%} of the sentences read again by the second)\n"
            f"dev: {result.sentences} sentences, {result.positives} check-worthy\n"
            f"F1         {result.f1:.3f}\n"
            f"precision  {result.precision:.3f}\n"
            f"recall     {result.recall:.3f}"
        )

    def progress(self, step: int, steps: int, loss: float):
        if step % 100 == 0 or step == steps:
            self.stderr.write(f"fine-tuning: step {step} of {steps}, loss {loss:.3f}")
