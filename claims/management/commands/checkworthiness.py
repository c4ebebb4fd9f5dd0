import json
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.checkworthiness import score_sentences

# One sentence a line: 10 MiB is some 100,000 sentences, a minute's scoring.
MAX_BYTES = 10 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Score each line of a text file (or of standard input with -) for "
        "check-worthiness: 0 to 1, 0.5 or more is check-worthy, with the reasons."
    )
    stealth_options = ("stdin",)
    # Text in, text out: no database, nothing the system checks guard.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="A UTF-8 text file, one sentence a line, or - for stdin.")
        parser.add_argument(
            "--json",
            action="store_true",
            help='Print a JSON array, one {"text", "score", "reasons"} per input line.',
        )

    def handle(self, *args, path: str, json: bool, **options):
        lines = read_lines(path, options.get("stdin") or sys.stdin)
        # A command has the machine to itself: embed the unsure sentences on every core.
        scored = score_sentences(lines, threads=os.cpu_count())
        if json:
            self.stdout.write(dump(scored))
            return
        for s in scored:
            reasons = f"  [{'; '.join(s.reasons)}]" if s.reasons else ""
            self.stdout.write(f"{s.score:.3f}  {s.text}{reasons}")


def dump(scored) -> str:
    return json.dumps(
        [{"text": s.text, "score": round(s.score, 4), "reasons": s.reasons} for s in scored],
        ensure_ascii=False,
        indent=2,
    )


def read_lines(path: str, stdin) -> list[str]:
    """The lines of the file (or of stdin for "-"), refused with one clear
    line when they are not UTF-8 text of a sane size."""
    name = "standard input" if path == "-" else path
    try:
        if path == "-":
            data = stdin.buffer.read(MAX_BYTES + 1) if hasattr(stdin, "buffer") else None
            if data is None:
                data = stdin.read(MAX_BYTES + 1).encode("utf-8", "surrogatepass")
        else:
            if Path(path).is_dir():
                raise CommandError(f"{name}: is a directory, not a text file.")
            with open(path, "rb") as file:
                data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise CommandError(f"{name}: {error.strerror or error}.") from None
    if len(data) > MAX_BYTES:
        raise CommandError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MiB; split it.")
    if b"\0" in data:
        raise CommandError(f"{name}: looks like a binary file, not text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{name}: not UTF-8 text (byte {error.start}); convert it to UTF-8 first."
        ) from None
    if not text.strip():
        raise CommandError(f"{name}: no text to score.")
    return text.splitlines()
