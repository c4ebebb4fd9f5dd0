from django.db import models


class QuoteCheck(models.TextChoices):
    """Whether a quote was found in the text of its source's latest snapshot."""

    UNCHECKED = "unchecked", "Not checked: no snapshot text yet"
    FOUND = "found", "Quote found"
    NOT_FOUND = "not_found", "Quote not found in the source"


class CheckedQuote(models.Model):
    """The quote check shared by appearances and evidence; set by `claims.quotes`."""

    QuoteCheck = QuoteCheck

    quote_check = models.CharField(
        max_length=16, choices=QuoteCheck.choices, default=QuoteCheck.UNCHECKED, editable=False
    )
    quote_checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
