from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models.quote import UNVERIFIED_QUOTE, CheckedQuote, QuoteCheck
from claims.models.speaker import Speaker, unique_slug
from sources.models import BROKEN_LINK_STATUSES, Source, newest_snapshot_id
from sources.validators import (
    LANGUAGE_TAG_REGEX,
    normalize_language_tag,
    validate_language_tag,
)


class ClaimState(models.TextChoices):
    DRAFT = "draft", "Draft"
    RESEARCHING = "researching", "Researching"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    RETRACTED = "retracted", "Retracted"


# Retracted claims stay public: readers must see that a verdict was withdrawn.
PUBLIC_STATES = (ClaimState.PUBLISHED, ClaimState.RETRACTED)
LATEST_FIRST = (F("verdict_published_at").desc(nulls_last=True), F("pk").desc())


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Topic, self.name, instance_pk=self.pk)
        super().save(*args, **kwargs)


class ClaimQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state__in=PUBLIC_STATES)

    def published(self):
        return self.filter(state=ClaimState.PUBLISHED)

    def due_for_recheck(self, today=None):
        """Published claims whose verdict's re-check date has come (the desk's
        "Due for re-check"); read from the verdicts' partial index of migration 0014."""
        return self.published().filter(verdict__recheck_on__lte=today or timezone.localdate())

    def in_state(self, state: str):
        return self.filter(state=state)

    def latest_first(self, *before):
        """Newest verdicts first (claims without one last), newest claim first
        among equals: the order of every public list, which an index of
        migration 0010 follows. `before` are orderings that come first, such
        as a search rank."""
        return self.order_by(*before, *LATEST_FIRST)

    def with_unverified_quotes(self):
        """Claims with a quote, on an appearance or evidence, that was not found
        in its source or not checked yet (the desk's "Quotes: unverified")."""
        from claims.models.verdict import Evidence  # verdict.py imports this module

        # One list of ids read from the two small partial indexes: PostgreSQL
        # plans this far better than an OR of two EXISTS (at 100,000 claims,
        # counting them takes 25-40 ms instead of 160-330 ms).
        unverified = (
            Appearance.objects.filter(UNVERIFIED_QUOTE)
            .order_by()
            .values("claim")
            .union(Evidence.objects.filter(UNVERIFIED_QUOTE).order_by().values("claim"))
        )
        return self.filter(pk__in=unverified)

    def with_broken_links(self):
        """Claims with an appearance or evidence whose source's link is broken or
        unreachable (the desk's "Evidence links: broken")."""
        from claims.models.verdict import Evidence  # verdict.py imports this module

        # As with_unverified_quotes(): one list of ids, here read through the
        # appearances' and evidence's source indexes from the few broken sources.
        broken = Source.objects.filter(link_status__in=BROKEN_LINK_STATUSES).values("pk")
        claim_ids = (
            Appearance.objects.filter(source__in=broken)
            .order_by()
            .values("claim")
            .union(Evidence.objects.filter(source__in=broken).order_by().values("claim"))
        )
        return self.filter(pk__in=claim_ids)

    def assigned_to(self, user):
        return self.filter(assignee=user)

    def for_display(self):
        """Everything a claim's full view reads (its page, the API), in a fixed
        number of queries however many claims, appearances or evidence."""
        from claims.models.verdict import Correction, Evidence  # verdict.py imports this module

        return self.select_related(
            "speaker", "verdict__rating__scale", "verdict__publisher"
        ).prefetch_related(
            "topics",
            # With the newest snapshot of each source (its page links "our snapshot").
            models.Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("source__outlet").annotate(
                    source_snapshot_id=newest_snapshot_id(models.OuterRef("source_id"))
                ),
            ),
            models.Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("source__outlet").annotate(
                    source_snapshot_id=newest_snapshot_id(models.OuterRef("source_id"))
                ),
            ),
            models.Prefetch(
                "corrections",
                queryset=Correction.objects.select_related("rating_before", "rating_after"),
            ),
        )

    def for_claimreview(self):
        """Everything the ClaimReview builder reads, in a fixed number of queries."""
        return self.select_related(
            "speaker", "verdict__rating__scale", "verdict__publisher"
        ).prefetch_related(
            models.Prefetch(
                "appearances", queryset=Appearance.objects.select_related("source__outlet")
            ),
            "corrections",
        )


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):
    def get_queryset(self):
        # The search vector is for the database to match against, never worth
        # carrying into Python; the verdict's copy is the database's to write.
        return super().get_queryset().defer("search_vector", "verdict_published_at")


class Claim(models.Model):
    """A statement as someone made it, and where it is in the editorial workflow."""

    State = ClaimState

    text = models.TextField(help_text="The statement as made, in one or two sentences.")
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="Leave empty for claims without a known author, such as viral posts.",
    )
    said_on = models.DateField("date said", null=True, blank=True)
    language = models.CharField(
        max_length=35, default="en", validators=[validate_language_tag], help_text="BCP 47 tag."
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="claims")
    state = models.CharField(
        max_length=16, choices=ClaimState.choices, default=ClaimState.DRAFT, editable=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_claims",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    checkworthiness = models.FloatField(
        null=True, blank=True, help_text="From 0 (not worth checking) to 1."
    )
    # Set when a reader suggested the claim through the public form.
    suggested_by_contact = models.EmailField(
        "reader's contact", blank=True, help_text="Given by the reader who suggested the claim."
    )
    suggested_from_url = models.URLField("where the reader saw it", max_length=2000, blank=True)
    retraction_note = models.TextField(
        blank=True, editable=False, help_text="Public notice shown when a verdict is retracted."
    )
    # The optimistic lock, the ETag and the cache key: moved on by one for each
    # change, only by claims.versioning.claim_new_version (a plain save() leaves it).
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Written by PostgreSQL triggers only (migration 0009); read by claims/search.py.
    search_vector = SearchVectorField(null=True, editable=False)
    # A copy of verdict.published_at that database triggers keep (migration
    # 0010), so that public lists sort by an index of this table alone.
    verdict_published_at = models.DateTimeField(null=True, editable=False)

    objects = ClaimManager()
    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "search_vector", "verdict_published_at"]
    )

    class Meta:
        ordering = ["-created_at"]
        permissions = [("publish_claim", "Can sign off, publish, retract and correct verdicts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ClaimState.values), name="claim_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__regex=LANGUAGE_TAG_REGEX), name="claim_language_bcp47"
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True)
                | Q(checkworthiness__gte=0, checkworthiness__lte=1),
                name="claim_checkworthiness_range",
                violation_error_message="Check-worthiness runs from 0 to 1.",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_empty"),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
        ]
        indexes = [
            # The editors' queues: claims in a state, newest first.
            models.Index(fields=["state", "-created_at"], name="claim_state_created_idx"),
            # The API's public lists, newest first: deep pages read their ids from
            # this index alone (claims.paging).
            models.Index(
                F("created_at").desc(),
                F("id").desc(),
                condition=Q(state__in=PUBLIC_STATES),
                name="claim_public_latest_idx",
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self):
        return reverse("claims:claim_detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        self.text = self.text.strip()
        self.language = normalize_language_tag(self.language)
        super().clean_fields(exclude)

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES


class Appearance(CheckedQuote):
    """Where a claim was made: ClaimReview's `appearance` and `firstAppearance`."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="appearances")
    quote = models.TextField(blank=True, help_text="The exact words as the source reports them.")
    appeared_on = models.DateField(null=True, blank=True)
    is_first = models.BooleanField(
        "first appearance", default=False, help_text="The earliest known appearance of the claim."
    )

    # The quote check is derived from the snapshot, not an edit to keep in history.
    history = HistoricalRecords(excluded_fields=["quote_check", "quote_checked_at"])

    class Meta:
        ordering = ["-is_first", "appeared_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(is_first=True),
                name="appearance_one_first_per_claim",
                violation_error_message="This claim already has a first appearance.",
            ),
            models.UniqueConstraint(
                fields=["claim", "source"],
                name="appearance_unique_source_per_claim",
                violation_error_message="This claim already appears in this source.",
            ),
            models.CheckConstraint(
                condition=Q(quote_check__in=QuoteCheck.values), name="appearance_quote_check_valid"
            ),
        ]
        indexes = [
            # Claim.objects.with_unverified_quotes(): the few quotes still to verify.
            models.Index(
                fields=["claim"], condition=UNVERIFIED_QUOTE, name="appearance_unverified_idx"
            ),
        ]

    def __str__(self):
        return f"{self.claim} — {self.source}"
