import io
import json

import pytest
from django.core.management import call_command

from claims.claimreview import claim_review, claim_review_feed, jsonld_script
from claims.models import Claim, ClaimState
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    CorrectionFactory,
    RatingFactory,
    SpeakerFactory,
    VerdictFactory,
)
from tests.schemaorg import problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(settings):
    settings.FACTCHECK_SITE_URL = "https://factcheck.example.org/"
    settings.FACTCHECK_ORGANISATION_NAME = "Example Checks"
    speaker = SpeakerFactory(name="Joe Biden", wikidata_id="Q6279", role="President")
    claim = ClaimFactory(state=ClaimState.PUBLISHED, speaker=speaker, language="en-GB")
    first = AppearanceFactory(claim=claim, is_first=True, source__title="First report")
    AppearanceFactory(claim=claim, source__url="", source__title="Later report")
    VerdictFactory(
        claim=claim,
        rating=RatingFactory(slug="mostly-false", value=2),
        headline="Not all were African",
        published_at="2023-03-19T10:00:00Z",
    )
    CorrectionFactory(claim=claim, note="We fixed the date.")
    return Claim.objects.for_claimreview().get(pk=claim.pk), first


def test_it_maps_everything_we_know(published):
    claim, first = published
    review = claim_review(claim)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"https://factcheck.example.org/claims/{claim.pk}/"
    assert review["claimReviewed"] == claim.text
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "http://127.0.0.1:8000/",
    }
    assert review["datePublished"] == "2023-03-19T10:00:00+00:00"
    assert review["dateModified"] >= review["datePublished"]
    assert review["inLanguage"] == "en-GB"
    assert review["headline"] == "Not all were African"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "name": "Mostly false",
        "alternateName": "Mostly false",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "ratingExplanation": claim.verdict.summary,
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == "Joe Biden"
    assert item["author"]["sameAs"] == "https://www.wikidata.org/wiki/Q6279"
    assert item["datePublished"] == "2023-03-17"
    assert len(item["appearance"]) == 2
    assert item["firstAppearance"]["url"] == first.source.url
    assert "url" not in item["appearance"][1]
    assert review["correction"][0]["text"] == "We fixed the date."


def test_a_rating_outside_the_scale_has_no_numbers(published):
    claim, _ = published
    claim.verdict.rating = RatingFactory(slug="unproven", value=None)
    rating = claim_review(claim)["reviewRating"]
    assert rating["alternateName"] == "Unproven"
    assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)


def test_every_type_and_property_is_valid_schema_org(published):
    claim, _ = published
    assert problems(claim_review(claim)) == []
    assert problems(claim_review_feed([claim])) == []


def test_the_demo_feed_is_valid_schema_org():
    call_command("load_demo", stdout=io.StringIO())
    claims = Claim.objects.published().for_claimreview()
    feed = claim_review_feed(claims)
    assert len(feed["dataFeedElement"]) == claims.count() >= 12
    assert problems(feed) == []


def test_the_validator_catches_mistakes():
    bad = {
        "@type": "ClaimReview",
        "reviewRating": {"@type": "Ratng"},
        "claimReviewd": "x",
        "itemReviewed": {"@type": "Claim", "ratingValue": 1},
        "author": "a plain string",
    }
    assert problems(bad) == [
        "$.reviewRating: Ratng is outside its range",
        "$.reviewRating: unknown type Ratng",
        "$.claimReviewd: unknown property",
        "$.itemReviewed.ratingValue: not a property of Claim",
        "$.author: a literal where ['Organization', 'Person'] is expected",
    ]


def test_only_published_claims_are_reviews():
    claim = ClaimFactory(state=ClaimState.RETRACTED)
    with pytest.raises(ValueError, match="only published verdicts"):
        claim_review(claim)


def test_the_script_block_cannot_be_broken_out_of(published):
    claim, _ = published
    claim.text = "</script><script>alert(1)</script> & more"
    html = jsonld_script(claim_review(claim))
    assert html.count("</script>") == 1 and html.endswith("</script>")
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body)["claimReviewed"] == claim.text


def test_building_a_feed_costs_the_same_queries_for_many_claims(
    published, django_assert_num_queries
):
    for _ in range(5):
        VerdictFactory(claim__state=ClaimState.PUBLISHED, published_at="2023-03-20T00:00:00Z")
    # claims+speaker+verdict+rating+scale, appearances+sources+outlets, corrections
    with django_assert_num_queries(3):
        feed = claim_review_feed(Claim.objects.published().for_claimreview())
    assert len(feed["dataFeedElement"]) == 6
