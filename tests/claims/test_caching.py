"""The server-side cache in one process: what a warm hit costs, what it keeps
of the HTTP behaviour, and the races it must survive. Sharing between
processes is in test_cache_sharing.py."""

import pytest
from django.core.cache import cache
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.caching import cached, claim_token, claim_tokens
from claims.workflow import claim_transition
from tests.claims.api.conftest import published_claim
from tests.csp import policy
from tests.factories import ClaimFactory, EvidenceFactory, TopicFactory, VerdictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return published_claim(text="The ICC has 124 member states.")


@pytest.fixture
def api_client():
    return APIClient()


@pytest.mark.parametrize(
    "path",
    [
        "/embed/claims/{pk}/",
        "/oembed/?url=http://127.0.0.1:8000/claims/{pk}/",
        "/api/v1/claims/{pk}/",
        "/api/v1/claims/{pk}/claimreview/",
        "/",
    ],
)
def test_a_warm_hit_costs_no_query(client, claim, django_assert_num_queries, path):
    path = path.format(pk=claim.pk)
    first = client.get(path)
    assert first.status_code == 200
    # Everything comes from the cache: the entry and its tokens in one round trip.
    with django_assert_num_queries(0):
        warm = client.get(path)
    assert warm.status_code == 200
    assert warm.content == first.content
    assert warm.get("ETag") == first.get("ETag")


def test_a_warm_card_keeps_its_headers_and_revalidates(client, claim, django_assert_num_queries):
    client.cookies["sessionid"] = "not-a-session"
    path = f"/embed/claims/{claim.pk}/"
    first = client.get(path)
    with django_assert_num_queries(0):
        warm = client.get(path)
        revalidated = client.get(path, headers={"if-none-match": first["ETag"]})
    for response in (warm, revalidated):
        assert response.cookies == {}
        assert "Cookie" not in response.get("Vary", "")
        assert response["ETag"] == first["ETag"]
        assert response["Last-Modified"] == first["Last-Modified"]
        assert response["Cache-Control"] == "public, max-age=60"
        assert policy(response)["frame-ancestors"] == ["*"]
    assert revalidated.status_code == 304


def test_the_home_page_is_publicly_cacheable_with_an_etag(client, claim, editor):
    first = client.get("/")
    assert first["Cache-Control"] == "public, max-age=60"
    assert "Cookie" not in first.get("Vary", "")
    assert client.get("/", headers={"if-none-match": first["ETag"]}).status_code == 304
    claim_transition(claim=claim, name="retract", by=editor, comment="Withdrawn.")
    assert client.get("/", headers={"if-none-match": first["ETag"]}).status_code == 200


def test_a_warm_api_detail_answers_304_to_the_etag_it_gave(api_client, claim):
    path = f"/api/v1/claims/{claim.pk}/"
    etag = api_client.get(path)["ETag"]
    held = api_client.get(path, headers={"if-none-match": f'W/{etag}, "other"'})
    assert held.status_code == 304
    assert held["ETag"] == etag


def test_leading_zeros_in_the_id_share_the_entry_that_edits_replace(api_client, claim):
    assert api_client.get(f"/api/v1/claims/0{claim.pk}/").status_code == 200
    claim.text = "The ICC has 125 member states."
    claim.save()
    assert "125" in api_client.get(f"/api/v1/claims/0{claim.pk}/").json()["text"]
    assert (
        "125" in api_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["claimReviewed"]
    )


def test_staff_read_drafts_from_the_database_and_anonymous_readers_never_get_them(
    api_client, researcher, django_assert_num_queries
):
    draft = VerdictFactory(claim__text="A draft nobody outside may see.").claim
    staff = APIClient()
    staff.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=researcher).key}")
    assert staff.get(f"/api/v1/claims/{draft.pk}/").status_code == 200
    # token + user; user permissions; group permissions; the claim's 5 queries,
    # and its verdict's authors, which only the desk is shown
    with django_assert_num_queries(9):
        assert staff.get(f"/api/v1/claims/{draft.pk}/").status_code == 200
    for path in (f"/api/v1/claims/{draft.pk}/", f"/embed/claims/{draft.pk}/"):
        assert api_client.get(path).status_code == 404
    assert api_client.get(f"/api/v1/claims/{draft.pk}/claimreview/").status_code == 404


def test_a_claim_published_after_a_404_was_cached_is_found(client, editor):
    claim = ClaimFactory(state="in_review")
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    assert client.get(f"/embed/claims/{claim.pk}/").status_code == 404
    claim_transition(claim=claim, name="publish", by=editor)
    assert client.get(f"/embed/claims/{claim.pk}/").status_code == 200


def test_rows_cached_by_another_reader_before_the_commit_are_not_used_after_it(
    client, claim, django_capture_on_commit_callbacks
):
    path = f"/embed/claims/{claim.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            claim.speaker.name = "Andriy Kostin"
            claim.speaker.save()
            # Another process, which cannot see this transaction's rows yet, reads
            # the new token and caches the old card under it.
            cached(f"card:{claim.pk}", claim_tokens(claim.pk), lambda: ('"old"', 0, "old card"))
    assert "Andriy Kostin" in client.get(path).content.decode()


def test_an_evicted_token_never_brings_an_old_entry_back(client, claim):
    path = f"/embed/claims/{claim.pk}/"
    cache.clear()  # an empty cache, as after a restart: the reader makes the tokens
    client.get(path)
    old_token = cache.get(claim_token(claim.pk))
    claim.speaker.name = "Andriy Kostin"
    claim.speaker.save()
    # The cache drops the token (memory pressure, a restart): the next reader
    # makes a new one, which cannot be the one the old card was built under.
    cache.delete(claim_token(claim.pk))
    assert "Andriy Kostin" in client.get(path).content.decode()
    assert cache.get(claim_token(claim.pk)) not in (None, old_token)


def test_topic_links_changed_from_the_topic_side_are_seen(api_client, claim):
    path = f"/api/v1/claims/{claim.pk}/"
    topic = TopicFactory(name="Rome Statute")
    api_client.get(path)
    topic.claims.add(claim)
    assert api_client.get(path).json()["topics"] == [
        {"name": "Rome Statute", "slug": "rome-statute"}
    ]
    topic.claims.clear()
    assert api_client.get(path).json()["topics"] == []
    claim.topics.add(topic)
    api_client.get(path)
    topic.delete()
    assert api_client.get(path).json()["topics"] == []


def test_deleted_evidence_is_seen(api_client, claim):
    path = f"/api/v1/claims/{claim.pk}/"
    assert len(api_client.get(path).json()["evidence"]) == 2
    claim.evidence.first().delete()
    assert len(api_client.get(path).json()["evidence"]) == 1
