from urllib.parse import urlsplit

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from factcheck.validators import (
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
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
