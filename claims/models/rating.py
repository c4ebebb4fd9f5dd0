from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from sources.models import Outlet
from sources.validators import HEX_COLOUR_REGEX, validate_hex_colour


class RatingScale(models.Model):
    """A set of ratings. Ordinal values run from worst_value to best_value,
    which become ClaimReview's worstRating and bestRating."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    worst_value = models.PositiveSmallIntegerField(default=1)
    best_value = models.PositiveSmallIntegerField(default=5)
    is_default = models.BooleanField(
        default=False, help_text="The scale new verdicts use. Only one scale can be the default."
    )
    # Imported reviews keep their publisher's own ratings, on scales of its own.
    publisher = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rating_scales",
        help_text="The fact-checker whose ratings these are; empty for our own scales.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(worst_value__lt=F("best_value")),
                name="rating_scale_worst_below_best",
                violation_error_message="The worst value must be lower than the best value.",
            ),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="rating_scale_single_default",
                violation_error_message="Another scale is already the default.",
            ),
        ]

    def __str__(self):
        return self.name


class Rating(models.Model):
    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(help_text="What this rating means, shown to readers.")
    colour = models.CharField(
        max_length=7,
        validators=[validate_hex_colour],
        help_text="Badge colour, e.g. “#1a7f37”. Text on it is white, so pick a dark shade.",
    )
    value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Position on the scale; leave empty for ratings outside it, like “Unproven”.",
    )

    class Meta:
        ordering = ["scale", F("value").desc(nulls_last=True), "label"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "slug"], name="rating_slug_unique_in_scale"),
            models.UniqueConstraint(fields=["scale", "label"], name="rating_label_unique_in_scale"),
            models.UniqueConstraint(
                fields=["scale", "value"],
                condition=Q(value__isnull=False),
                name="rating_value_unique_in_scale",
                violation_error_message="Another rating of this scale has this value.",
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=HEX_COLOUR_REGEX), name="rating_colour_hex"
            ),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        # A check constraint cannot read the scale's row, so the bounds are
        # checked here; every door that writes ratings calls full_clean().
        if self.value is None or not self.scale_id:
            return
        scale = self.scale
        if not scale.worst_value <= self.value <= scale.best_value:
            raise ValidationError(
                {
                    "value": f"{scale.name} runs from {scale.worst_value} to "
                    f"{scale.best_value}; {self.value} is outside it."
                }
            )

    @property
    def is_ordinal(self) -> bool:
        return self.value is not None
