"""A speaker's scorecard: how many of their published verdicts got each
rating, laid out for the server-rendered SVG bar chart."""

from dataclasses import dataclass

from django.db.models import Count, F

from claims.models import Claim, Rating, Speaker

WIDTH = 480
LABEL_WIDTH = 130
BAR_SPACE = 300  # leaves room for the count after the longest bar
ROW_HEIGHT = 30
BAR_HEIGHT = 20


@dataclass(frozen=True)
class Bar:
    rating: Rating
    count: int
    width: int
    y: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 5

    @property
    def count_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class Scorecard:
    bars: list[Bar]
    total: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT

    @property
    def description(self) -> str:
        return ", ".join(f"{bar.rating.label}: {bar.count}" for bar in self.bars)


def speaker_scorecard(speaker: Speaker) -> Scorecard:
    """Every rating of the default scale, and any other rating the speaker got.

    Retracted verdicts do not count: they no longer stand."""
    counts = dict(
        Claim.objects.published()
        .filter(speaker=speaker, verdict__rating__isnull=False)
        .values_list("verdict__rating")
        .annotate(n=Count("pk"))
    )
    ratings = Rating.objects.filter(scale__is_default=True) | Rating.objects.filter(
        pk__in=counts.keys()
    )
    ratings = list(
        ratings.order_by(
            "-scale__is_default", "scale__name", F("value").desc(nulls_last=True), "label"
        )
    )
    highest = max(counts.values(), default=0)
    bars = [
        Bar(
            rating=rating,
            count=counts.get(rating.pk, 0),
            width=round(BAR_SPACE * counts.get(rating.pk, 0) / highest) if highest else 0,
            y=i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
        )
        for i, rating in enumerate(ratings)
    ]
    return Scorecard(bars=bars, total=sum(counts.values()))
