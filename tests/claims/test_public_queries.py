"""Query budgets of the busiest public pages: fixed, however many claims,
evidence, appearances or corrections there are."""

import pytest

from tests.factories import (
    AppearanceFactory,
    CorrectionFactory,
    EvidenceFactory,
    TopicFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def published_claims(count: int, *, per_claim: int = 1):
    topic = TopicFactory(name="ICC")
    verdicts = VerdictFactory.create_batch(count, published=True, claim__topics=[topic])
    for verdict in verdicts:
        EvidenceFactory.create_batch(per_claim, claim=verdict.claim)
        AppearanceFactory.create_batch(per_claim, claim=verdict.claim)
        CorrectionFactory.create_batch(per_claim, claim=verdict.claim)
    return verdicts


@pytest.mark.parametrize("count", [1, 12])
def test_home_page_queries(client, django_assert_num_queries, count):
    published_claims(count)
    # 1. the default scale's ratings (filter links)
    # 2. the latest public claims with speaker and verdict rating
    with django_assert_num_queries(2):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_claim_list_queries(client, django_assert_num_queries, count):
    published_claims(count)
    # 1-3. speakers, topics and languages that public claims use (filter choices)
    # 4. count of matching claims (paginator)
    # 5. ratings offered as filters
    # 6. the ids of the page's claims
    # 7. the page of claims with speaker and verdict rating
    with django_assert_num_queries(7):
        assert client.get("/claims/", {"page_size": "25"}).status_code == 200
    # The choices and the count come from the cache until a claim changes.
    with django_assert_num_queries(3):
        assert client.get("/claims/", {"page_size": "25"}).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_filtered_claim_list_queries(client, django_assert_num_queries, count):
    verdict = published_claims(count)[0]
    params = {
        "q": "ICC",
        "rating": verdict.rating.slug,
        "speaker": verdict.claim.speaker.slug,
        "topic": "icc",
        "language": "en",
    }
    # 1-3. speakers, topics and languages that public claims use (filter choices)
    # 4-6. the chosen rating, speaker and topic looked up to validate them
    # 7. count of matching claims
    # 8. ratings offered as filters
    # 9. the ids of the page's claims
    # 10. the page of claims
    with django_assert_num_queries(10):
        assert client.get("/claims/", params).status_code == 200
    # The choices and the count come from the cache until a claim changes.
    with django_assert_num_queries(6):
        assert client.get("/claims/", params).status_code == 200


@pytest.mark.parametrize("per_claim", [1, 15])
def test_claim_page_queries(client, django_assert_num_queries, per_claim):
    claim = published_claims(1, per_claim=per_claim)[0].claim
    # 1. the claim with speaker, verdict, rating and scale
    # 2. appearances with source and outlet
    # 3. evidence with source and outlet
    # 4. corrections with the ratings before and after
    # 5. topics
    with django_assert_num_queries(5):
        assert client.get(claim.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [1, 20])
def test_feed_queries(client, django_assert_num_queries, count):
    published_claims(count)
    # 1. the latest public claims with speaker and verdict rating
    # 2. their topics
    # 3. their corrections with ratings
    with django_assert_num_queries(3):
        assert client.get("/feeds/verdicts.rss").status_code == 200


def test_card_queries(client, django_assert_num_queries):
    claim = published_claims(1)[0].claim
    # 1. the claim with speaker, verdict and rating; a 304 costs the same
    with django_assert_num_queries(1):
        assert client.get(f"/embed/claims/{claim.pk}/").status_code == 200
