"""RSS and Atom feeds of the latest verdicts, retractions included: a reader
who followed a verdict must learn that it was withdrawn."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from claims.claimreview import absolute_url
from claims.models import Claim, ClaimState, Correction

FEED_LENGTH = 50


class VerdictsRssFeed(Feed):
    description_template = "feeds/verdict_description.html"

    def title(self):
        return f"{settings.FACTCHECK_ORGANISATION_NAME}: latest verdicts"

    def link(self):
        return absolute_url(reverse("claims:home"))

    def feed_url(self):
        return absolute_url(reverse("claims:feed_rss"))

    def description(self):
        return f"Fact checks published by {settings.FACTCHECK_ORGANISATION_NAME}."

    def author_name(self):
        return settings.FACTCHECK_ORGANISATION_NAME

    def items(self):
        return (
            Claim.objects.public()
            .select_related("speaker", "verdict__rating")
            .prefetch_related(
                "topics",
                Prefetch(
                    "corrections",
                    queryset=Correction.objects.select_related("rating_before", "rating_after"),
                ),
            )
            .latest_first()[:FEED_LENGTH]
        )

    def plain_title(self, claim) -> str:
        if claim.state == ClaimState.RETRACTED:
            return f"Retracted: {claim.text}"
        rating = claim.verdict.rating if getattr(claim, "verdict", None) else None
        return f"{rating.label}: {claim.text}" if rating else claim.text

    def item_title(self, claim):
        # RSS readers render titles as HTML (Django's default escapes them too).
        return escape(self.plain_title(claim))

    def item_link(self, claim):
        return absolute_url(claim.get_absolute_url())

    def item_pubdate(self, claim):
        verdict = getattr(claim, "verdict", None)
        return verdict.published_at if verdict else None

    def item_updateddate(self, claim):
        verdict = getattr(claim, "verdict", None)
        stamps = [claim.updated_at, *(c.created_at for c in claim.corrections.all())]
        if verdict:
            stamps.append(verdict.updated_at)
        return max(stamps)

    def item_author_name(self, claim):
        return settings.FACTCHECK_ORGANISATION_NAME

    def item_categories(self, claim):
        return [topic.name for topic in claim.topics.all()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verdict"] = getattr(context["obj"], "verdict", None)
        return context


class VerdictsAtomFeed(VerdictsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return absolute_url(reverse("claims:feed_atom"))

    def item_title(self, claim):
        # Atom titles are plain text: an escaped title would show its entities.
        return self.plain_title(claim)
