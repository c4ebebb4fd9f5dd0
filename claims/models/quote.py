from django.db import models
from django.db.models import Q
from django.utils import timezone


class QuoteCheck(models.TextChoices):
    """Whether a quote was found in the text of its source's latest snapshot."""

    UNCHECKED = "unchecked", "Not checked: no snapshot text yet"
    FOUND = "found", "Quote found"
    NOT_FOUND = "not_found", "Quote not found in the source"


# A quote the desk has not seen in its source: not found there, or not checked
# yet. A blank quote has nothing to verify. Claim.objects.with_unverified_quotes()
# and the publish confirmation (claims.workflow) both ask this.
UNVERIFIED_QUOTE = ~Q(quote="") & ~Q(quote_check=QuoteCheck.FOUND)


class CheckedQuote(models.Model):
    """The quote check shared by appearances and evidence; set by `claims.quotes`."""

    QuoteCheck = QuoteCheck

    quote_check = models.CharField(
        max_length=16, choices=QuoteCheck.choices, default=QuoteCheck.UNCHECKED, editable=False
    )
    quote_checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The check is derived from the quote and its source, so it is made
        # here, whichever door the quote came in by (admin, API, import).
        # Changes to the source's text re-check through claims.quotes' receivers.
        update_fields = kwargs.get("update_fields")
        touched = update_fields is None or {"quote", "source"} & set(update_fields)
        loaded = getattr(self, "_loaded_quote", None)
        if touched and (self._state.adding or loaded != (self.quote, self.source_id)):
            from claims.quotes import source_texts, verdict_on  # it imports the models

            text = source_texts([self.source_id]).get(self.source_id)
            self.quote_check = verdict_on(self.quote, text)
            self.quote_checked_at = (
                None if self.quote_check == QuoteCheck.UNCHECKED else timezone.now()
            )
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "quote_check", "quote_checked_at"}
        super().save(*args, **kwargs)
        self._loaded_quote = (self.quote, self.source_id)

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._loaded_quote = (obj.__dict__.get("quote"), obj.__dict__.get("source_id"))
        return obj

    @property
    def is_unverified(self) -> bool:
        """UNVERIFIED_QUOTE, for one row in hand."""
        return bool(self.quote) and self.quote_check != QuoteCheck.FOUND
