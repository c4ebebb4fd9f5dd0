from urllib.parse import urlsplit

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sources.validators import (
    LANGUAGE_TAG_REGEX,
    normalize_language_tag,
    validate_language_tag,
)

DOMAIN_REGEX = r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"


class Outlet(models.Model):
    """A publisher: a newsroom, a ministry, a court, an NGO."""

    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(
        max_length=253,
        blank=True,
        help_text="Host name without scheme or “www.”, e.g. “bbc.co.uk”.",
        validators=[
            RegexValidator(DOMAIN_REGEX, "Enter a host name such as “bbc.co.uk”, without scheme.")
        ],
    )
    homepage = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"],
                condition=~Q(domain=""),
                name="outlet_domain_unique",
                violation_error_message="Another outlet already has this domain.",
            ),
            models.CheckConstraint(
                condition=Q(domain="") | Q(domain__regex=DOMAIN_REGEX), name="outlet_domain_shape"
            ),
        ]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        self.domain = self.domain.strip().lower().removeprefix("www.")
        super().clean_fields(exclude)


class SourceQuerySet(models.QuerySet):
    def with_outlet(self):
        return self.select_related("outlet")

    def with_snapshot_id(self):
        """Annotate `snapshot_id`: the newest successful snapshot, or None."""
        return self.annotate(snapshot_id=newest_snapshot_id(models.OuterRef("pk")))


class SourceKind(models.TextChoices):
    NEWS_ARTICLE = "news_article", "News article"
    OFFICIAL_STATEMENT = "official_statement", "Official statement"
    TRANSCRIPT = "transcript", "Transcript"
    SOCIAL_POST = "social_post", "Social media post"
    REPORT = "report", "Report"
    DATASET = "dataset", "Dataset"
    OTHER = "other", "Other"


class LinkStatus(models.TextChoices):
    UNCHECKED = "unchecked", "Not checked yet"
    OK = "ok", "Working"
    REDIRECTED = "redirected", "Redirected"
    BROKEN = "broken", "Broken"
    UNREACHABLE = "unreachable", "Could not be reached"


# Links that no longer lead to the page: flagged beside quotes, by the sources'
# link filter and by the claims' "Evidence links: broken" queue.
BROKEN_LINK_STATUSES = (LinkStatus.BROKEN, LinkStatus.UNREACHABLE)


class Source(models.Model):
    """A document a claim appeared in or that serves as evidence."""

    Kind = SourceKind
    LinkStatus = LinkStatus

    url = models.URLField("URL", max_length=2000, blank=True)
    title = models.CharField(max_length=500)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="sources"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.NEWS_ARTICLE)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(
        max_length=35, default="en", validators=[validate_language_tag], help_text="BCP 47 tag."
    )
    author = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    archived_url = models.URLField("archived URL", max_length=2000, blank=True)
    link_status = models.CharField(
        max_length=16, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED
    )
    last_checked_at = models.DateTimeField(null=True, blank=True)
    link_note = models.CharField(
        max_length=500, blank=True, help_text="What the last link check found, for editors."
    )
    content_changed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a link check first found the page different from its previous snapshot.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [
            # check_links: sources with a URL never checked, then the oldest
            # checks first (sources.snapshots.batches_to_check).
            models.Index(
                fields=["last_checked_at", "id"],
                condition=~Q(url=""),
                name="source_link_check_order",
            ),
            # Claim.objects.with_broken_links(), the desk's count: the few
            # broken sources, without reading the rest.
            models.Index(
                fields=["id"],
                condition=Q(link_status__in=BROKEN_LINK_STATUSES),
                name="source_broken_link",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="source_url_unique",
                violation_error_message="A source with this URL already exists.",
            ),
            models.CheckConstraint(
                condition=Q(language__regex=LANGUAGE_TAG_REGEX), name="source_language_bcp47"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(link_status__in=LinkStatus.values),
                name="source_link_status_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("source_detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        # Normalise before the field validators run, so "PT-br" is accepted as "pt-BR".
        self.url = self.url.strip()
        self.language = normalize_language_tag(self.language)
        super().clean_fields(exclude)

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


class SourceSnapshotQuerySet(models.QuerySet):
    def successful(self):
        """Fetches that got a 2xx answer, newest first."""
        return self.filter(error="", status_code__gte=200, status_code__lt=300).order_by(
            "-fetched_at", "-pk"
        )


def newest_snapshot_id(source_ref) -> models.Subquery:
    """The id of the newest successful snapshot of the source `source_ref`
    (an OuterRef) names, for annotating rows that point at sources."""
    newest = SourceSnapshot.objects.successful().filter(source=source_ref)
    return models.Subquery(newest.values("pk")[:1])


class SourceSnapshot(models.Model):
    """What fetching a source's URL returned at one moment; never deleted.

    A failed fetch is kept too (with `error` or a 4xx/5xx `status_code`),
    so a source's snapshots are the history of its link.
    """

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="snapshots")
    fetched_at = models.DateTimeField(default=timezone.now)
    requested_url = models.URLField("requested URL", max_length=2000)
    final_url = models.URLField("final URL", max_length=2000, blank=True)
    # Every hop followed: [{"url": ..., "status": 301}, ...]
    redirects = models.JSONField(default=list, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0, help_text="Bytes in the body as received.")
    truncated = models.BooleanField(
        default=False, help_text="The body was longer than the stored limit."
    )
    text = models.TextField(blank=True, help_text="The readable text extracted from the body.")
    body = models.BinaryField(blank=True, default=b"")

    objects = SourceSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-fetched_at", "-pk"]
        get_latest_by = "fetched_at"
        indexes = [models.Index(fields=["source", "-fetched_at"], name="snapshot_source_latest")]

    def __str__(self):
        return f"{self.source} at {self.fetched_at:%Y-%m-%d %H:%M}"

    @property
    def is_success(self) -> bool:
        return not self.error and self.status_code is not None and 200 <= self.status_code < 300
