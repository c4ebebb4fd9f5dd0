from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from sources.validators import (
    COUNTRY_CODE_REGEX,
    WIKIDATA_ID_REGEX,
    validate_country_code,
    validate_wikidata_id,
)


def unique_slug(model, value: str, *, instance_pk=None, max_length: int = 100) -> str:
    """A slug from `value` that no other row of `model` uses yet."""
    base = slugify(value)[: max_length - 6] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=instance_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Speaker(models.Model):
    """A person or an organisation that makes claims."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(max_length=200, blank=True, help_text="E.g. “Prosecutor General”.")
    affiliation = models.CharField(max_length=200, blank=True)
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text="ISO 3166 code, e.g. “UA”.",
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=16,
        blank=True,
        validators=[validate_wikidata_id],
        help_text="E.g. “Q6279”.",
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="speaker_wikidata_id_unique",
                violation_error_message="Another speaker already has this Wikidata id.",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=WIKIDATA_ID_REGEX),
                name="speaker_wikidata_id_shape",
            ),
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=COUNTRY_CODE_REGEX),
                name="speaker_country_shape",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="speaker_slug_not_empty"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Speaker, self.name, instance_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("claims:speaker_detail", kwargs={"slug": self.slug})

    def clean_fields(self, exclude=None):
        self.wikidata_id = self.wikidata_id.strip().upper()
        self.country = self.country.strip().upper()
        if not self.slug:
            self.slug = unique_slug(Speaker, self.name, instance_pk=self.pk)
        super().clean_fields(exclude)
