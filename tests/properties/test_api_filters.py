"""Any query string on the API's lists and search ends in an answer the
schema describes: 200 with results, 400 naming the fields, or 404 for a page
past the last; never a server error, and never a draft for an anonymous client."""

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from claims.models import ClaimState
from tests.factories import ClaimFactory, SpeakerFactory, VerdictFactory
from tests.properties.strategies import any_text

pytestmark = pytest.mark.django_db

NAMES = {
    "/api/v1/claims/": [
        "search",
        "rating",
        "speaker",
        "topic",
        "language",
        "outlet",
        "said_on_after",
        "said_on_before",
        "published_after",
        "published_before",
        "state",
        "ordering",
        "page",
        "page_size",
    ],
    "/api/v1/speakers/": ["name", "kind", "country", "page", "page_size"],
    "/api/v1/sources/": ["outlet", "kind", "language", "page", "page_size"],
    "/api/v1/outlets/": ["page", "page_size"],
    "/api/v1/ratings/": ["scale", "page", "page_size"],
    "/api/v1/claims:search": ["query", "languageCode", "maxAgeDays", "pageSize", "pageToken"],
    "/api/v1/claimreview/": ["page", "page_size"],
}
values = st.one_of(
    any_text,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
    st.sampled_from(["", "0", "1", "-id", "published_at,-said_on", "draft", "en", "2023-13-01"]),
)


@pytest.fixture
def desk(db):
    speaker = SpeakerFactory(name="Karim Khan")
    published = ClaimFactory(state=ClaimState.PUBLISHED, speaker=speaker, text="ICC member states")
    VerdictFactory(claim=published)
    ClaimFactory(state=ClaimState.DRAFT, speaker=speaker, text="A draft about ICC members")
    return published


@given(
    path=st.sampled_from(sorted(NAMES)),
    data=st.data(),
)
def test_any_query_string_gets_an_answer_the_schema_describes(desk, path, data):
    known = st.sampled_from(NAMES[path])
    params = data.draw(
        st.dictionaries(st.one_of(known, known, any_text), values, max_size=5), label="params"
    )
    response = APIClient().get(path, params)
    event(str(response.status_code))
    assert response.status_code in (200, 400, 404), (response.status_code, response.content)
    body = response.json()
    if response.status_code == 400:
        assert body and all(isinstance(errors, list | dict) for errors in body.values())
    if response.status_code == 200 and path == "/api/v1/claims/":
        assert {c["id"] for c in body["results"]} <= {desk.pk}
