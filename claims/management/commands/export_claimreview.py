import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.claimreview import claim_review_feed
from claims.models import Claim


class Command(BaseCommand):
    help = "Write every published verdict as one schema.org DataFeed of ClaimReview (JSON-LD)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write; standard output when left out.")

    def handle(self, *args, output, **options):
        claims = Claim.objects.published().for_claimreview().latest_first()
        text = json.dumps(claim_review_feed(claims), ensure_ascii=False, indent=2) + "\n"
        if not output:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from None
        self.stderr.write(f"Wrote {claims.count()} reviews to {output}.")
