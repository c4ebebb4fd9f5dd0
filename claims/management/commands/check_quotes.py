from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from claims.models import Appearance, Evidence, QuoteCheck
from claims.quotes import recheck_sources

BATCH_SIZE = 500


class Command(BaseCommand):
    help = (
        "Check every appearance's and evidence's quote against its source's latest "
        "successful snapshot, or its pasted text. Quotes are re-checked by themselves "
        "when they, a source's text or its snapshot change; run this once after "
        "upgrading, or to check everything again."
    )

    def handle(self, *args, **options):
        source_ids = sorted(
            {
                source_id
                for model in (Appearance, Evidence)
                for source_id in model.objects.exclude(quote="")
                .order_by()
                .values_list("source", flat=True)
                .distinct()
            }
        )
        for start in range(0, len(source_ids), BATCH_SIZE):
            with transaction.atomic():
                recheck_sources(source_ids[start : start + BATCH_SIZE])
        outcomes = {check: 0 for check in QuoteCheck.values}
        for model in (Appearance, Evidence):
            counts = model.objects.exclude(quote="").values("quote_check").annotate(n=Count("pk"))
            for row in counts:
                outcomes[row["quote_check"]] += row["n"]
        self.stdout.write(
            f"Checked {sum(outcomes.values())} quotes from {len(source_ids)} sources: "
            f"{outcomes[QuoteCheck.FOUND]} found, {outcomes[QuoteCheck.NOT_FOUND]} not found, "
            f"{outcomes[QuoteCheck.UNCHECKED]} not checked (no text to check against)."
        )
