import datetime as dt
import json
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from claims import indexing, vectors
from claims.lexical_matching import forget_word_frequencies
from claims.models import Claim, ClaimState
from claims.workflow import claim_transition
from tests.claims.api.conftest import published_claim
from tests.factories import ClaimFactory, OutletFactory, VerdictFactory

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).parents[2] / "fixtures" / "factchecktools" / "claim-meedan.json"


def shape(value):
    """The keys and value types of a JSON document, without the values."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def search(api, **params):
    response = api.get("/api/v1/claims:search", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_claim_has_the_shape_of_fact_check_tools(api, published, settings):
    settings.FACTCHECK_ORGANISATION_NAME = "Example Checks"
    settings.FACTCHECK_ORGANISATION_URL = "https://checks.example.org/"
    settings.FACTCHECK_SITE_URL = "https://checks.example.org/"
    body = search(api, query="ICC")
    found = body["claims"][0]
    reference = json.loads(REFERENCE.read_text())
    # The reference's publisher has only a site; ours also names itself, as the API allows.
    reference["claimReview"][0]["publisher"]["name"] = "Example Checks"
    assert shape(found) == shape(reference)
    assert found == {
        "text": published.text,
        "claimant": published.speaker.name,
        "claimDate": "2023-03-17T00:00:00Z",
        "claimReview": [
            {
                "publisher": {"name": "Example Checks", "site": "checks.example.org"},
                "url": f"https://checks.example.org/claims/{published.pk}/",
                "title": "Not quite",
                "reviewDate": "2023-03-19T10:00:00Z",
                "textualRating": "False",
                "languageCode": "en",
            }
        ],
    }
    assert "nextPageToken" not in body


def test_an_imported_review_names_its_publisher_and_site(api, published):
    published.verdict.publisher = OutletFactory(name="AFP Fact Check", domain="factcheck.afp.com")
    published.verdict.review_url = "https://factcheck.afp.com/a-check"
    published.verdict.save()
    review = search(api, query="ICC")["claims"][0]["claimReview"][0]
    assert review["publisher"] == {"name": "AFP Fact Check", "site": "factcheck.afp.com"}
    assert review["url"] == "https://factcheck.afp.com/a-check"


def test_pages_follow_next_page_token(api, db):
    for _ in range(5):
        published_claim()
    seen, token, pages = [], None, 0
    while True:
        params = {"query": "ICC", "pageSize": 2} | ({"pageToken": token} if token else {})
        body = search(api, **params)
        seen += [c["text"] for c in body["claims"]]
        pages += 1
        token = body.get("nextPageToken")
        if token is None:
            break
    assert pages == 3 and len(seen) == len(set(seen)) == 5


def test_language_and_age_narrow_the_search(api, db):
    old = published_claim(language="en-GB")
    new = published_claim(language="fr")
    new.verdict.published_at = timezone.now() - dt.timedelta(days=2)
    new.verdict.save()
    assert [c["text"] for c in search(api, query="ICC", languageCode="en")["claims"]] == [old.text]
    assert [c["text"] for c in search(api, query="ICC", maxAgeDays=7)["claims"]] == [new.text]
    assert search(api, query="ICC", languageCode="de")["claims"] == []


def test_only_published_verdicts_are_found(api, published, editor):
    VerdictFactory(claim=ClaimFactory(state=ClaimState.IN_REVIEW))
    retracted = published_claim()
    claim_transition(claim=retracted, name="retract", by=editor, comment="Withdrawn.")
    assert [c["text"] for c in search(api, query="ICC")["claims"]] == [published.text]


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "query"),
        ({"query": ""}, "query"),
        ({"query": "ICC", "pageSize": 0}, "pageSize"),
        ({"query": "ICC", "pageSize": 101}, "pageSize"),
        ({"query": "ICC", "maxAgeDays": "old"}, "maxAgeDays"),
        ({"query": "ICC", "pageToken": "abc"}, "pageToken"),
        ({"query": "ICC", "pageToken": ""}, "pageToken"),
        ({"query": "ICC", "pageToken": "1000000000"}, "pageToken"),
        ({"query": "ICC", "pageToken": "-1"}, "pageToken"),
        ({"query": "ICC", "languageCode": ""}, "languageCode"),
        ({"query": "ICC", "maxAgeDays": ""}, "maxAgeDays"),
    ],
)
def test_bad_parameters_are_400(api, db, params, field):
    response = api.get("/api/v1/claims:search", params)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_a_search_page_costs_the_same_queries_for_any_page_size(api, db, django_assert_num_queries):
    for _ in range(6):
        published_claim()
    # Matching (see test_match.py): PostgreSQL the text's lexemes, the word
    # statistics (forgotten here), candidates ranked; SQLite candidates ranked;
    # both the newest embedding's time, the candidates' texts. Then the page:
    # claims + speaker + verdict + rating + publisher, one row past the page.
    matching = (3 if connection.vendor == "postgresql" else 1) + 2
    vectors.index_for("default").refresh()
    for size in (1, 5):
        forget_word_frequencies()
        with django_assert_num_queries(matching + 1):
            assert len(search(api, query="ICC", pageSize=size)["claims"]) == size


def test_a_claim_made_in_another_language_comes_first(api, db):
    for _ in range(3):
        published_claim()
    wanted = published_claim(text="Measles vaccines cause autism in children.")
    indexing.index(Claim.objects.all())
    body = search(api, query="La vacuna contra el sarampión provoca autismo en los niños")
    assert body["claims"][0]["text"] == wanted.text
    # The ICC claims hold none of the query's words, and are not about it.
    assert len(body["claims"]) == 1
