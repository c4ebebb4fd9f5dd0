import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claims.article_reading import ArticleError, read_article
from claims.extraction import DEFAULT_TOP, extract_candidates
from claims.management.arguments import batch_size

MAX_TOP = 500


class Command(BaseCommand):
    help = (
        "The sentences of an article most worth checking, best first, with their "
        "check-worthiness, reasons, guessed speaker and the published verdicts they match."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "location", help="A text or HTML file, an http(s) URL, or - for standard input."
        )
        parser.add_argument(
            "--top",
            type=batch_size(MAX_TOP),
            default=DEFAULT_TOP,
            help=f"How many sentences to list (1–{MAX_TOP}, default {DEFAULT_TOP}).",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print a JSON array of {text, score, speaker, reasons, matches}.",
        )

    def handle(self, *args, **options):
        location = options["location"]
        try:
            text = read_article(location, stdin=options.get("stdin") or sys.stdin)
        except ArticleError as error:
            raise CommandError(str(error)) from None
        candidates = extract_candidates(text, top=options["top"])
        if not candidates:
            raise CommandError(f"{location}: no sentences to score were found in it.")
        if options["json"]:
            data = [candidate.as_json() for candidate in candidates]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.print_list(candidates)

    def print_list(self, candidates):
        for rank, candidate in enumerate(candidates, 1):
            who = candidate.speaker or "speaker unknown"
            if candidate.speaker and candidate.speaker_id is None:
                who += " (not one of our speakers)"
            self.stdout.write(f"{rank:>3}. {candidate.score:.2f}  {who}")
            self.stdout.write(f"     {candidate.text}")
            if candidate.reasons:
                self.stdout.write(f"     why: {'; '.join(candidate.reasons)}")
            for match in candidate.matches:
                self.stdout.write(
                    f"     already checked ({match.score:.2f}): {match.rating or 'no rating'}"
                    f" — {match.text} {match.url}"
                )
