import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from claims.models import Claim
from claims.workflow import claim_transition
from tests.claims.api.conftest import published_claim
from tests.factories import OutletFactory
from tests.schemaorg import problems

pytestmark = pytest.mark.django_db


def test_a_published_claim_has_its_claimreview(api, published, settings):
    settings.FACTCHECK_SITE_URL = "https://factcheck.example.org/"
    response = api.get(f"/api/v1/claims/{published.pk}/claimreview/")
    assert response.status_code == 200
    review = response.json()
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"https://factcheck.example.org/claims/{published.pk}/"
    assert review["claimReviewed"] == published.text
    assert review["reviewRating"]["alternateName"] == "False"
    assert len(review["itemReviewed"]["appearance"]) == 2
    assert review["correction"][0]["@type"] == "CorrectionComment"
    assert problems(review) == []


def test_the_claimreview_answers_304_to_its_etag(api, published):
    url = f"/api/v1/claims/{published.pk}/claimreview/"
    etag = api.get(url)["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_retracted_verdict_is_gone(api, published, editor):
    claim_transition(claim=published, name="retract", by=editor, comment="The source was forged.")
    response = api.get(f"/api/v1/claims/{published.pk}/claimreview/")
    assert response.status_code == 410
    assert response.json() == {"detail": "This verdict was retracted. The source was forged."}


def test_a_draft_has_no_claimreview_even_for_its_researcher(client_for, researcher, draft):
    response = client_for(researcher).get(f"/api/v1/claims/{draft.pk}/claimreview/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Only published claims have a ClaimReview."}


def test_an_imported_review_keeps_its_publisher_and_url(api, db):
    claim = published_claim()
    afp = OutletFactory(name="AFP Fact Check", homepage="https://factcheck.afp.com/")
    claim.verdict.publisher = afp
    claim.verdict.review_url = "https://factcheck.afp.com/some-check"
    claim.verdict.save()
    review = api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["url"] == "https://factcheck.afp.com/some-check"
    expected = {
        "@type": "Organization",
        "name": "AFP Fact Check",
        "url": "https://factcheck.afp.com/",
    }
    assert review["author"] == review["publisher"] == expected


def test_the_feed_is_a_schema_org_datafeed_with_pages_in_the_link_header(api, db):
    claims = [published_claim() for _ in range(5)]
    for day, claim in enumerate(claims, start=10):
        claim.verdict.published_at = f"2023-03-{day}T10:00:00Z"
        claim.verdict.save()
    first = api.get("/api/v1/claimreview/", {"page_size": 2})
    body = first.json()
    assert body["@type"] == "DataFeed" and set(body) == {
        "@context",
        "@type",
        "name",
        "url",
        "publisher",
        "dataFeedElement",
    }
    reviewed = [item["item"][0]["claimReviewed"] for item in body["dataFeedElement"]]
    assert reviewed == [claims[4].text, claims[3].text]
    assert first["Link"] == '<http://testserver/api/v1/claimreview/?page=2&page_size=2>; rel="next"'
    middle = api.get("/api/v1/claimreview/", {"page_size": 2, "page": 2})
    assert middle["Link"] == (
        '<http://testserver/api/v1/claimreview/?page=3&page_size=2>; rel="next", '
        '<http://testserver/api/v1/claimreview/?page_size=2>; rel="prev"'
    )
    last = api.get("/api/v1/claimreview/", {"page_size": 2, "page": 3})
    assert len(last.json()["dataFeedElement"]) == 1 and 'rel="next"' not in last["Link"]
    assert problems(body) == []


def test_the_feed_leaves_out_retracted_verdicts_and_checks_its_page_parameters(
    api, published, editor
):
    other = published_claim()
    claim_transition(claim=other, name="retract", by=editor, comment="Withdrawn.")
    feed = api.get("/api/v1/claimreview/").json()
    assert [i["item"][0]["claimReviewed"] for i in feed["dataFeedElement"]] == [published.text]
    assert "Link" not in api.get("/api/v1/claimreview/")
    assert api.get("/api/v1/claimreview/", {"page_size": 0}).status_code == 400
    assert api.get("/api/v1/claimreview/", {"page": 9}).status_code == 404


def test_the_demo_feed_through_the_api_is_valid_schema_org(api):
    call_command("load_demo", stdout=io.StringIO())
    feed = api.get("/api/v1/claimreview/", {"page_size": 100}).json()
    assert len(feed["dataFeedElement"]) == Claim.objects.published().count() >= 12
    assert problems(feed) == []


def test_a_feed_page_costs_the_same_queries_for_2_or_12_reviews(api, db, django_assert_num_queries):
    for _ in range(12):
        published_claim()
    for size in (2, 12):
        cache.clear()
        # count; the page's ids; then the reviews, none cached yet: claims + speaker
        # + verdict + rating + scale + publisher; appearances + sources + outlets;
        # corrections
        with django_assert_num_queries(5):
            cold = api.get("/api/v1/claimreview/", {"page_size": size}).json()
        assert len(cold["dataFeedElement"]) == size
        # the page's ids; the count and every review come from the cache
        with django_assert_num_queries(1):
            assert api.get("/api/v1/claimreview/", {"page_size": size}).json() == cold


def test_a_claimreview_costs_a_fixed_number_of_queries(api, published, django_assert_num_queries):
    # claim + speaker + verdict + rating + scale + publisher; appearances; corrections
    with django_assert_num_queries(3):
        assert api.get(f"/api/v1/claims/{published.pk}/claimreview/").status_code == 200
