"""schema.org ClaimReview for published verdicts: the one builder behind the
API, the DataFeed export and the JSON-LD in claim pages.

Pass claims from `Claim.objects.for_claimreview()` so that building a page
of reviews costs a fixed number of queries.
"""

import json
from urllib.parse import urljoin

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.models import Claim, ClaimState

CONTEXT = "https://schema.org"


def absolute_url(path: str) -> str:
    return urljoin(settings.FACTCHECK_SITE_URL, path)


def organisation() -> dict:
    return {
        "@type": "Organization",
        "name": settings.FACTCHECK_ORGANISATION_NAME,
        "url": settings.FACTCHECK_ORGANISATION_URL,
    }


def _publisher(verdict) -> dict:
    """Who published the review: we did, unless it was imported from another fact-checker."""
    outlet = verdict.publisher
    if outlet is None:
        return organisation()
    node = {"@type": "Organization", "name": outlet.name}
    if outlet.homepage:
        node["url"] = outlet.homepage
    return node


def _speaker(speaker) -> dict:
    node = {
        "@type": "Organization" if speaker.kind == speaker.Kind.ORGANISATION else "Person",
        "name": speaker.name,
        "url": absolute_url(speaker.get_absolute_url()),
    }
    if speaker.wikidata_id:
        node["sameAs"] = f"https://www.wikidata.org/wiki/{speaker.wikidata_id}"
    if speaker.role and speaker.kind == speaker.Kind.PERSON:
        node["jobTitle"] = speaker.role
    return node


def _appearance(appearance) -> dict:
    source = appearance.source
    node = {"@type": "CreativeWork", "headline": source.title}
    if source.url:
        node["url"] = source.url
    published = appearance.appeared_on or source.published_on
    if published:
        node["datePublished"] = published.isoformat()
    if source.outlet:
        node["publisher"] = {"@type": "Organization", "name": source.outlet.name}
    if appearance.quote:
        node["text"] = appearance.quote
    return node


def _rating(verdict) -> dict:
    rating = verdict.rating
    node = {"@type": "Rating", "name": rating.label, "alternateName": rating.label}
    if rating.is_ordinal:
        node["ratingValue"] = rating.value
        node["bestRating"] = rating.scale.best_value
        node["worstRating"] = rating.scale.worst_value
    if verdict.summary:
        node["ratingExplanation"] = verdict.summary
    return node


def _item_reviewed(claim: Claim) -> dict:
    node = {"@type": "Claim", "text": claim.text, "inLanguage": claim.language}
    if claim.speaker:
        node["author"] = _speaker(claim.speaker)
    if claim.said_on:
        node["datePublished"] = claim.said_on.isoformat()
    appearances = list(claim.appearances.all())
    if appearances:
        node["appearance"] = [_appearance(a) for a in appearances]
        first = next((a for a in appearances if a.is_first), None)
        if first:
            node["firstAppearance"] = _appearance(first)
    return node


def _correction(correction) -> dict:
    return {
        "@type": "CorrectionComment",
        "name": correction.get_kind_display(),
        "text": correction.note,
        "datePublished": correction.created_at.isoformat(),
    }


def date_modified(claim: Claim):
    corrections = [c.created_at for c in claim.corrections.all()]
    return max([claim.verdict.updated_at, *corrections])


def claim_review(claim: Claim, *, with_context: bool = True) -> dict:
    """The ClaimReview of a published claim."""
    if claim.state != ClaimState.PUBLISHED:
        raise ValueError(f"Claim {claim.pk} is {claim.state}; only published verdicts are reviews.")
    verdict = claim.verdict
    review = {"@context": CONTEXT} if with_context else {}
    review |= {
        "@type": "ClaimReview",
        "url": verdict.review_url or absolute_url(claim.get_absolute_url()),
        "claimReviewed": claim.text,
        "inLanguage": claim.language,
        "author": _publisher(verdict),
        "publisher": _publisher(verdict),
        "dateModified": date_modified(claim).isoformat(),
        "reviewRating": _rating(verdict),
        "itemReviewed": _item_reviewed(claim),
    }
    # Some publishers give no date; an imported review of theirs has none either.
    if verdict.published_at:
        review["datePublished"] = verdict.published_at.isoformat()
    if verdict.headline:
        review["headline"] = review["name"] = verdict.headline
    if verdict.explanation:
        review["reviewBody"] = verdict.explanation
    corrections = list(claim.corrections.all())
    if corrections:
        review["correction"] = [_correction(c) for c in corrections]
    return review


def feed_item(claim: Claim) -> dict:
    """A published claim's ClaimReview as a DataFeedItem."""
    review = claim_review(claim, with_context=False)
    item = {"@type": "DataFeedItem", "dateModified": review["dateModified"], "item": [review]}
    if "datePublished" in review:
        item["dateCreated"] = review["datePublished"]
    return item


def data_feed(items: list[dict]) -> dict:
    """A schema.org DataFeed of DataFeedItems, as Google and Data Commons read it."""
    return {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.FACTCHECK_ORGANISATION_NAME} fact checks",
        "url": absolute_url("/"),
        "publisher": organisation(),
        "dataFeedElement": items,
    }


def claim_review_feed(claims) -> dict:
    """A DataFeed of the ClaimReviews of `claims`."""
    return data_feed([feed_item(claim) for claim in claims])


def jsonld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> block that no text inside can break out of."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # "<", ">" and "&" escaped as JSON unicode escapes: "</script>" in a claim
    # stays data, and the JSON parses to the same strings.
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
