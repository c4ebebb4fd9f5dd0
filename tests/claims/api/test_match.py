import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from claims import indexing, vectors
from claims.lexical_matching import forget_word_frequencies
from claims.models import Claim, ClaimEmbedding

pytestmark = pytest.mark.django_db

PARAPHRASES = [
    ("The court has eighteen judges who serve nine-year terms", "The ICC has 18 judges serving"),
    ("Ukraine accepted the jurisdiction of the ICC twice: 2014 and 2015", "Ukraine has accepted"),
    ("16,000 Ukrainian children were forcibly deported by the occupiers", "More than 16,000"),
    ("America is not a member of the International Criminal Court", "The United States is not"),
    ("Xi's trip to Moscow is his first foreign visit since he secured a third term", "Xi's visit"),
    ("123 countries are parties to the treaty of the ICC", "Most countries on Earth"),
    (
        "Besides Putin the ICC indicted 40 people, all of them African",
        "The ICC has so far indicted",
    ),
    ("Russia isn't party to the Rome Statute and has no obligations", "Russia is not a party"),
]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize("text, expected", PARAPHRASES)
def test_a_paraphrase_of_a_checked_claim_finds_it_first(api, demo, text, expected):
    results = api.get("/api/v1/claims/match/", {"text": text}).json()["results"]
    assert results, text
    assert results[0]["claim"]["text"].startswith(expected)
    scores = [r["score"] for r in results]
    assert all(0 <= s <= 1 for s in scores) and scores == sorted(scores, reverse=True)


def test_the_same_text_scores_highest(api, demo):
    text = "The ICC has 18 judges serving nine-year terms."
    best = api.get("/api/v1/claims/match/", {"text": text}).json()["results"][0]
    assert best["claim"]["text"] == text and best["score"] >= 0.9


def test_only_published_claims_match(api, demo):
    retracted = Claim.objects.get(state="retracted")
    researching = Claim.objects.filter(state="researching").first()
    for claim in (retracted, researching):
        results = api.get("/api/v1/claims/match/", {"text": claim.text}).json()["results"]
        assert claim.pk not in [r["claim"]["id"] for r in results]


def test_limit_and_threshold_narrow_the_matches(api, demo):
    text = "The ICC and Russia"
    loose = {"text": text, "limit": 2, "threshold": 0}
    assert len(api.get("/api/v1/claims/match/", loose).json()["results"]) == 2
    strict = api.get("/api/v1/claims/match/", {"text": text, "threshold": 0.99}).json()
    assert strict == {"results": []}


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"text": "ICC", "limit": 0}, "limit"),
        ({"text": "ICC", "limit": "many"}, "limit"),
        ({"text": "ICC", "threshold": 1.5}, "threshold"),
    ],
)
def test_bad_match_parameters_are_400(api, db, params, field):
    response = api.get("/api/v1/claims/match/", params)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_text_with_no_distinctive_words_matches_nothing(api, demo):
    assert api.get("/api/v1/claims/match/", {"text": "it is the"}).json() == {"results": []}


def cold_match(api, params, queries, django_assert_num_queries) -> dict:
    """A match answered with nothing cached but the vectors this process holds,
    in `queries` queries, with `params["limit"]` results."""
    cache.clear()
    forget_word_frequencies()
    vectors.index_for("default").refresh()
    with django_assert_num_queries(queries):
        found = api.get("/api/v1/claims/match/", params).json()
    assert len(found["results"]) == params["limit"]
    return found


def test_matching_costs_the_same_queries_for_1_or_5_matches(api, demo, django_assert_num_queries):
    # PostgreSQL: the text's lexemes, the word statistics (read once in a while, so
    # forgotten here), candidates ranked. SQLite: candidates ranked. Both: the
    # newest embedding's time (none: the demo is not embedded here; the matrix
    # itself is read once per process, here before measuring), the candidates'
    # texts and headlines. Then the matches' answers, built when not cached:
    # claims + speaker + verdict + rating + scale + publisher; topics;
    # appearances; evidence; corrections.
    matching = (3 if connection.vendor == "postgresql" else 1) + 2
    params = {"text": "ICC judges Ukraine", "threshold": 0}
    for limit in (1, 5):
        cold = cold_match(api, {**params, "limit": limit}, matching + 5, django_assert_num_queries)
        forget_word_frequencies()
        with django_assert_num_queries(matching):
            assert api.get("/api/v1/claims/match/", {**params, "limit": limit}).json() == cold


def test_cached_matches_read_as_the_database_gives_them(api, demo, client_for, editor):
    params = {"text": "The ICC has 18 judges", "threshold": 0, "limit": 5}
    anonymous = api.get("/api/v1/claims/match/", params).json()
    editors = client_for(editor).get("/api/v1/claims/match/", params).json()
    assert anonymous == editors and len(anonymous["results"]) == 5


# The demo's claims said in other languages (our own translations).
TRANSLATIONS = [
    ("El tribunal tiene dieciocho jueces con mandatos de nueve años", "The ICC has 18 judges"),
    ("A Rússia não é parte do Estatuto de Roma e não tem obrigações", "Russia is not a party"),
    ("Mais de 16 mil crianças ucranianas foram deportadas à força", "More than 16,000"),
]


@pytest.mark.parametrize("text, expected", TRANSLATIONS)
def test_a_translation_of_a_checked_claim_finds_it_first(api, demo, text, expected):
    indexing.index(Claim.objects.all())
    results = api.get("/api/v1/claims/match/", {"text": text}).json()["results"]
    assert results[0]["claim"]["text"].startswith(expected)
    assert "semantic" in results[0]["evidence"]


def test_each_match_says_what_found_it(api, demo, client_for, editor):
    text = "The ICC has 18 judges serving nine-year terms."
    unembedded = api.get("/api/v1/claims/match/", {"text": text}).json()["results"]
    assert unembedded[0]["evidence"] == ["lexical"]
    indexing.index(Claim.objects.all())
    cache.clear()
    for client in (api, client_for(editor)):
        [best, *_] = client.get("/api/v1/claims/match/", {"text": text}).json()["results"]
        assert best["claim"]["text"] == text and best["evidence"] == ["lexical", "semantic"]


def test_matching_embedded_claims_costs_the_same_queries_for_1_or_5_matches(
    api, demo, django_assert_num_queries
):
    indexing.index(Claim.objects.all())
    # Embedded a while ago: nothing written since the process last looked.
    ClaimEmbedding.objects.update(updated_at=timezone.now() - dt.timedelta(hours=1))
    # As above, plus the semantic-only matches shown, as the queryset reads them.
    matching = (3 if connection.vendor == "postgresql" else 1) + 3
    params = {"text": "El tribunal tiene dieciocho jueces", "threshold": 0}
    api.get("/api/v1/claims/match/", params)
    for limit in (1, 5):
        cold_match(api, {**params, "limit": limit}, matching + 5, django_assert_num_queries)
