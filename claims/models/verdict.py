from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models.claim import Claim
from claims.models.quote import UNVERIFIED_QUOTE, CheckedQuote, QuoteCheck
from claims.models.rating import Rating
from sources.models import Outlet, Source


class EvidenceStance(models.TextChoices):
    SUPPORTS = "supports", "Supports the claim"
    REFUTES = "refutes", "Refutes the claim"
    CONTEXT = "context", "Gives context"


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    UPDATE = "update", "Update"
    CLARIFICATION = "clarification", "Clarification"


class Verdict(models.Model):
    """The rating of a claim and why: one per claim."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="verdict")
    rating = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="verdicts"
    )
    headline = models.CharField(max_length=300, blank=True)
    summary = models.CharField(
        max_length=500, blank=True, help_text="One line: the verdict in plain words."
    )
    explanation = models.TextField(blank=True, help_text="Markdown.")
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="authored_verdicts"
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Reviews imported from other fact-checkers keep their publisher and page;
    # our own verdicts leave both empty.
    publisher = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        help_text="The fact-checker who published this review; empty for our own.",
    )
    review_url = models.URLField(
        "review URL",
        max_length=2000,
        blank=True,
        editable=False,
        help_text="The publisher's page for an imported review.",
    )
    # Our own verdicts get the publishing date when empty (claims.workflow);
    # after that only a re-check or a correction moves it.
    as_of = models.DateField(
        "judged as of",
        null=True,
        blank=True,
        help_text="The date the verdict is true as of; empty means the date it is published.",
    )
    recheck_on = models.DateField(
        "re-check on",
        null=True,
        blank=True,
        help_text="For a verdict the facts may overtake: when the desk should check it again.",
    )
    # The newest "Re-checked: still accurate"; each is also a WorkflowEvent.
    rechecked_on = models.DateField("checked again on", null=True, blank=True, editable=False)
    # Bumped whenever the rating changes; sign-offs endorse one revision.
    rating_revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[authors])

    class Meta:
        ordering = ["-published_at"]
        constraints = [
            # Importing the same review twice finds it by its URL.
            models.UniqueConstraint(
                fields=["review_url"],
                condition=~Q(review_url=""),
                name="verdict_review_url_unique",
                violation_error_message="A review with this URL was already imported.",
            ),
        ]
        indexes = [
            # Claim.objects.due_for_recheck(): the few verdicts with a re-check date.
            models.Index(
                fields=["recheck_on"],
                condition=Q(recheck_on__isnull=False),
                name="verdict_recheck_on_idx",
            ),
        ]
        # Lists sort by the claim's copy of published_at (Claim.latest_first).

    def __str__(self):
        return self.headline or f"Verdict on {self.claim}"

    def save(self, *args, **kwargs):
        if self.pk and self.rating_id != getattr(self, "_loaded_rating_id", self.rating_id):
            self.rating_revision += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "rating_revision"}
        super().save(*args, **kwargs)
        self._loaded_rating_id = self.rating_id

    def clean(self):
        # Not a database constraint: adding one rebuilds this table on SQLite,
        # which drops the triggers of migration 0010.
        if self.as_of and self.recheck_on and self.recheck_on <= self.as_of:
            message = "The re-check date must be after the date the verdict is judged as of."
            raise ValidationError({"recheck_on": message})

    @classmethod
    def from_db(cls, db, field_names, values):
        verdict = super().from_db(db, field_names, values)
        verdict._loaded_rating_id = verdict.__dict__.get("rating_id")
        return verdict


class Evidence(CheckedQuote):
    """A source that supports, refutes or gives context to a claim."""

    Stance = EvidenceStance

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(max_length=16, choices=Stance.choices, default=Stance.CONTEXT)
    quote = models.TextField(blank=True, help_text="The passage of the source that matters.")
    note = models.TextField(blank=True, help_text="How this source bears on the claim.")
    order = models.PositiveSmallIntegerField(default=0)

    # The quote check is derived from the snapshot, not an edit to keep in history.
    history = HistoricalRecords(excluded_fields=["quote_check", "quote_checked_at"])

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=EvidenceStance.values),
                name="evidence_stance_valid",
            ),
            models.CheckConstraint(
                condition=Q(quote_check__in=QuoteCheck.values), name="evidence_quote_check_valid"
            ),
        ]
        indexes = [
            # Claim.objects.with_unverified_quotes(): the few quotes still to verify.
            models.Index(
                fields=["claim"], condition=UNVERIFIED_QUOTE, name="evidence_unverified_idx"
            ),
        ]

    def __str__(self):
        return f"{self.get_stance_display()}: {self.source}"


class Correction(models.Model):
    """A public log entry for a change to a published verdict."""

    Kind = CorrectionKind

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CORRECTION)
    note = models.TextField(help_text="Public: what changed and why.")
    rating_before = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rating_after = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values),
                name="correction_kind_valid",
            ),
            models.CheckConstraint(condition=~Q(note=""), name="correction_note_not_empty"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.claim}"

    @property
    def rating_changed(self) -> bool:
        return self.rating_before_id != self.rating_after_id
