import pytest
from django.core.cache import cache

from claims.models import Claim, ClaimState
from claims.services import claim_update
from claims.workflow import claim_transition
from tests.claims.api.conftest import published_claim
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    OutletFactory,
    RatingFactory,
    SpeakerFactory,
    TopicFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN_STATES = [ClaimState.DRAFT, ClaimState.RESEARCHING, ClaimState.IN_REVIEW, "rejected"]


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [claim["id"] for claim in response.json()["results"]]


@pytest.fixture
def hidden_claims(db):
    """One claim in every state the public must not see, all sharing words with
    a published one, each with a speaker, source and outlet of its own."""
    claims = []
    for state in HIDDEN_STATES:
        claim = ClaimFactory(
            state=state,
            text=f"The ICC has 18 judges serving nine-year terms ({state}).",
            speaker__name=f"Hidden speaker {state}",
        )
        VerdictFactory(claim=claim, published_at=None)
        AppearanceFactory(claim=claim, source__outlet__name=f"Hidden outlet {state}")
        EvidenceFactory(claim=claim, source__title=f"Hidden evidence {state}")
        claims.append(claim)
    return claims


def test_anonymous_users_never_see_drafts(api, hidden_claims):
    visible = published_claim(text="The ICC has 18 judges serving nine-year terms.")
    hidden = {c.pk for c in hidden_claims}

    assert ids(api.get("/api/v1/claims/")) == [visible.pk]
    assert ids(api.get("/api/v1/claims/", {"search": "judges"})) == [visible.pk]
    assert ids(api.get("/api/v1/claims/", {"state": "draft"})) == []
    for pk in hidden:
        assert api.get(f"/api/v1/claims/{pk}/").status_code == 404
        assert api.get(f"/api/v1/claims/{pk}/claimreview/").status_code == 404

    matches = api.get("/api/v1/claims/match/", {"text": "ICC 18 judges nine-year terms"}).json()
    assert [m["claim"]["id"] for m in matches["results"]] == [visible.pk]
    found = api.get("/api/v1/claims:search", {"query": "judges"}).json()["claims"]
    assert [c["text"] for c in found] == [visible.text]
    feed = api.get("/api/v1/claimreview/").json()["dataFeedElement"]
    assert [item["item"][0]["claimReviewed"] for item in feed] == [visible.text]

    body = b"".join(
        api.get(f"/api/v1/{kind}/", {"page_size": 100}).content
        for kind in ("speakers", "sources", "outlets")
    ).decode()
    assert "Hidden" not in body
    assert visible.speaker.name in body


def test_accounts_without_a_research_role_see_only_public_claims(
    client_for, outsider, hidden_claims
):
    visible = published_claim()
    assert ids(client_for(outsider).get("/api/v1/claims/")) == [visible.pk]


def test_researchers_see_claims_in_every_state(client_for, researcher, hidden_claims):
    visible = published_claim()
    client = client_for(researcher)
    assert set(ids(client.get("/api/v1/claims/"))) == {visible.pk, *(c.pk for c in hidden_claims)}
    assert ids(client.get("/api/v1/claims/", {"state": "draft"})) == [hidden_claims[0].pk]
    assert client.get(f"/api/v1/claims/{hidden_claims[0].pk}/").json()["state"] == "draft"
    speakers = client.get("/api/v1/speakers/", {"page_size": 100}).json()["results"]
    assert "Hidden speaker draft" in {s["name"] for s in speakers}


def test_a_claim_carries_its_speaker_verdict_appearances_evidence_and_corrections(
    api, published, settings
):
    settings.FACTCHECK_SITE_URL = "https://factcheck.example.org/"
    body = api.get(f"/api/v1/claims/{published.pk}/").json()
    assert body["url"] == f"https://factcheck.example.org/claims/{published.pk}/"
    assert body["text"] == published.text
    assert body["state"] == "published"
    assert body["speaker"]["name"] == published.speaker.name
    assert (
        body["speaker"]["url"]
        == f"https://factcheck.example.org{published.speaker.get_absolute_url()}"
    )
    verdict = body["verdict"]
    assert verdict["rating"]["slug"] == "false"
    assert verdict["rating"]["scale"]["best_value"] == 5
    assert verdict["summary"] == published.verdict.summary
    assert verdict["published_at"] == "2023-03-19T10:00:00Z"
    assert verdict["publisher"] is None and verdict["review_url"] == ""
    assert [a["is_first"] for a in body["appearances"]] == [True, False]
    assert body["appearances"][0]["source"]["outlet"]["name"]
    assert len(body["evidence"]) == 2 and body["evidence"][0]["stance"] == "refutes"
    assert body["corrections"][0]["note"] == "We misstated the number of judges."
    assert body["version"] == published.version


def test_the_desk_reads_the_assignee_and_the_authors_and_nobody_else_does(
    api, client_for, published, researcher, editor, outsider
):
    published.assignee = researcher
    published.save(update_fields=["assignee"])
    published.verdict.authors.set([researcher, editor])
    path = f"/api/v1/claims/{published.pk}/"
    for reader in (client_for(researcher), client_for(editor)):
        for body in (reader.get(path).json(), reader.get("/api/v1/claims/").json()["results"][0]):
            assert body["assignee"] == "researcher"
            assert sorted(body["verdict"]["authors"]) == ["editor", "researcher"]
    # Anonymous answers, cached ones included, and accounts off the desk.
    for reader in (api, api, client_for(outsider)):
        for body in (reader.get(path).json(), reader.get("/api/v1/claims/").json()["results"][0]):
            assert "assignee" not in body and "authors" not in body["verdict"]
            assert body["text"] == published.text


def test_a_claim_without_a_verdict_reads_as_null(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    assert client_for(researcher).get(f"/api/v1/claims/{claim.pk}/").json()["verdict"] is None


def test_retracted_claims_stay_readable_with_their_notice(api, published, editor):
    claim_transition(claim=published, name="retract", by=editor, comment="We got it wrong.")
    body = api.get(f"/api/v1/claims/{published.pk}/").json()
    assert body["state"] == "retracted"
    assert body["retraction_note"] == "We got it wrong."


# --- Filters, search, ordering, pages ---------------------------------------------


@pytest.fixture
def varied(db):
    biden = SpeakerFactory(name="Joe Biden")
    warrants = TopicFactory(name="Arrest warrants")
    outlet = OutletFactory(name="BBC")
    a = published_claim(speaker=biden, said_on="2023-03-17", language="en-GB", topics=[warrants])
    AppearanceFactory(claim=a, source__outlet=outlet)
    b = published_claim(
        said_on="2023-03-20", language="uk", text="Україна прийняла юрисдикцію МКС."
    )
    b.verdict.rating = RatingFactory(slug="true", value=5)
    b.verdict.published_at = "2023-03-25T09:00:00Z"
    b.verdict.save()
    return a, b, outlet


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"rating": "false"}, "a"),
        ({"rating": "true"}, "b"),
        ({"rating": "no-such-rating"}, ""),
        ({"speaker": "joe-biden"}, "a"),
        ({"topic": "arrest-warrants"}, "a"),
        ({"language": "en"}, "a"),
        ({"language": "en-GB"}, "a"),
        ({"language": "uk"}, "b"),
        ({"said_on_after": "2023-03-18"}, "b"),
        ({"said_on_before": "2023-03-18"}, "a"),
        ({"published_after": "2023-03-24"}, "b"),
        ({"published_before": "2023-03-20"}, "a"),
        ({"search": "юрисдикцію"}, "b"),
        ({"search": "ICC member"}, "a"),
        ({"search": "!!!"}, ""),
        ({"ordering": "said_on"}, "ab"),
        ({"ordering": "-said_on"}, "ba"),
        ({"ordering": "-published_at"}, "ba"),
    ],
)
def test_filters_search_and_ordering(api, varied, params, expected):
    a, b, _ = varied
    names = {a.pk: "a", b.pk: "b"}
    assert "".join(names[pk] for pk in ids(api.get("/api/v1/claims/", params))) == expected


def test_the_outlet_filter_finds_claims_that_appeared_there(api, varied):
    a, _, outlet = varied
    assert ids(api.get("/api/v1/claims/", {"outlet": outlet.pk})) == [a.pk]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"said_on_after": "2023-13-01"}, "said_on"),
        ({"published_before": "yesterday"}, "published"),
        ({"outlet": "bbc"}, "outlet"),
        ({"outlet": "-3276380349614513140531200"}, "outlet"),
        ({"outlet": str(2**63)}, "outlet"),
        ({"ordering": "text"}, "ordering"),
        ({"state": "secret"}, "state"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
        # A typed parameter given empty is neither a date, a number nor a choice.
        ({"said_on_before": ""}, "said_on"),
        ({"published_after": ""}, "published"),
        ({"outlet": ""}, "outlet"),
        ({"state": ""}, "state"),
        ({"page": ""}, "page"),
        ({"page_size": ""}, "page_size"),
        # Django's form fields refuse NUL; the schema's pattern says so.
        ({"rating": "false\x00"}, "rating"),
    ],
)
def test_bad_query_parameters_are_400_with_the_field_named(api, varied, params, field):
    response = api.get("/api/v1/claims/", params)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_an_empty_parameter_is_named_in_the_message(api, db):
    response = api.get("/api/v1/claims/", {"said_on_before": ""})
    assert response.json() == {
        "said_on": ["“said_on_before” is empty: give a value or leave it out."]
    }


def test_an_empty_text_or_list_parameter_filters_nothing(api, varied):
    a, b, _ = varied
    for params in ({"speaker": ""}, {"search": ""}, {"rating": ""}, {"ordering": ""}):
        assert sorted(ids(api.get("/api/v1/claims/", params))) == sorted([a.pk, b.pk])


@pytest.mark.parametrize(
    "path, params, field",
    [
        ("speakers", {"kind": ""}, "kind"),
        ("sources", {"outlet": ""}, "outlet"),
        ("sources", {"kind": ""}, "kind"),
        ("speakers", {"name": "\x00"}, "name"),
        ("ratings", {"page": ""}, "page"),
    ],
)
def test_the_other_lists_refuse_empty_typed_parameters(api, db, path, params, field):
    response = api.get(f"/api/v1/{path}/", params)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_pages_hold_page_size_claims_up_to_100(api, db):
    for _ in range(5):
        published_claim()
    first = api.get("/api/v1/claims/", {"page_size": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2
    assert "page=2" in first["next"] and first["previous"] is None
    last = api.get("/api/v1/claims/", {"page_size": 2, "page": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None
    assert len(api.get("/api/v1/claims/", {"page_size": 100}).json()["results"]) == 5


def test_a_page_past_the_last_is_404(api, published):
    response = api.get("/api/v1/claims/", {"page": 2})
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no page 2; the last page is 1."}


@pytest.mark.parametrize("path", ["speakers", "sources", "outlets", "ratings"])
def test_the_other_lists_page_and_show_one_item(api, published, path):
    listing = api.get(f"/api/v1/{path}/", {"page_size": 1}).json()
    assert listing["count"] >= 1 and len(listing["results"]) == 1
    first = listing["results"][0]
    assert api.get(f"/api/v1/{path}/{first['id']}/").json() == first


def test_ratings_can_be_filtered_by_scale(api, db):
    ratings = api.get("/api/v1/ratings/", {"scale": "default"}).json()["results"]
    assert {r["scale"]["slug"] for r in ratings} <= {"default"}
    assert api.get("/api/v1/ratings/", {"scale": "no-such-scale"}).json()["count"] == 0


def test_wrong_addresses_under_the_api_answer_json(api, db):
    for path in ("/api/v1/nothing/", "/api/v1/claims/abc/", "/api/v2/"):
        response = api.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
    assert api.get("/api/v1/claims").status_code == 301
    # A write to a wrong address is a JSON 404 too, not the CSRF failure page.
    wrong = api.post("/api/v1/claims/%C2%84/evidence/", {}, format="json")
    assert wrong.status_code == 404 and wrong["Content-Type"] == "application/json"


def test_a_huge_outlet_id_on_sources_is_a_400(api, db):
    response = api.get("/api/v1/sources/", {"outlet": "9" * 30})
    assert response.status_code == 400 and list(response.json()) == ["outlet"]


# --- ETag --------------------------------------------------------------------------


def test_details_carry_an_etag_and_answer_304_while_it_holds(api, published):
    url = f"/api/v1/claims/{published.pk}/"
    etag = api.get(url)["ETag"]
    assert etag.startswith('"') and len(etag) == 34
    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert api.get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert api.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_the_etag_changes_with_anything_in_the_body(api, published, editor):
    url = f"/api/v1/claims/{published.pk}/"
    tags = [api.get(url)["ETag"]]
    EvidenceFactory(claim=published)
    tags.append(api.get(url)["ETag"])
    published.speaker.name = "Someone else"
    published.speaker.save()
    tags.append(api.get(url)["ETag"])
    claim_transition(claim=published, name="correct", by=editor, comment="Fixed a date.")
    tags.append(api.get(url)["ETag"])
    assert len(set(tags)) == 4
    assert api.get(url, HTTP_IF_NONE_MATCH=tags[0]).status_code == 200


@pytest.mark.parametrize("path", ["speakers", "sources", "outlets", "ratings"])
def test_every_detail_answers_304_to_its_etag(api, published, path):
    first = api.get(f"/api/v1/{path}/").json()["results"][0]
    url = f"/api/v1/{path}/{first['id']}/"
    assert api.get(url, HTTP_IF_NONE_MATCH=api.get(url)["ETag"]).status_code == 304


# --- Queries -------------------------------------------------------------------------


def test_a_claims_page_costs_the_same_queries_for_2_or_20_claims(
    api, db, django_assert_num_queries
):
    for _ in range(20):
        published_claim()
    for size in (2, 20):
        cache.clear()
        # count; the page's ids; claims + speaker + verdict + rating + scale +
        # publisher; topics; appearances + sources + outlets; evidence + sources +
        # outlets; corrections + ratings before and after
        with django_assert_num_queries(7):
            cold = api.get("/api/v1/claims/", {"page_size": size}).json()
        assert len(cold["results"]) == size
        # Then only the page's ids: the count and every claim come from the cache.
        with django_assert_num_queries(1):
            assert api.get("/api/v1/claims/", {"page_size": size}).json() == cold


def test_a_public_page_from_the_cache_reads_as_the_database_gives_it(api, client_for, editor):
    for _ in range(3):
        published_claim()
    ClaimFactory(text="A draft, for editors only.")
    anonymous = api.get("/api/v1/claims/", {"page_size": 2}).json()
    # Editors read the database, drafts and all; the published ones are the
    # same, but for what only the desk is shown.
    editors = client_for(editor).get("/api/v1/claims/", {"state": "published", "page_size": 2})
    editors = editors.json()
    for claim in editors["results"]:
        assert claim.pop("assignee") is None
        assert claim["verdict"].pop("authors") == []
    assert anonymous["results"] == editors["results"]
    assert anonymous["count"] == editors["count"] == 3
    assert anonymous["next"].endswith("/api/v1/claims/?page=2&page_size=2")


def test_an_edit_shows_at_once_in_a_cached_public_page(api, editor):
    claim = published_claim()
    assert api.get("/api/v1/claims/").json()["results"][0]["text"] == claim.text
    claim_update(
        claim=claim, by=editor, expected_version=claim.version, text="Edited after it was cached."
    )
    assert api.get("/api/v1/claims/").json()["results"][0]["text"] == "Edited after it was cached."


def test_a_researchers_page_adds_only_the_token_and_role_lookups(
    client_for, researcher, db, django_assert_num_queries
):
    for _ in range(6):
        published_claim()
    client = client_for(researcher)
    for size in (2, 6):
        cache.clear()
        # token + user; user permissions; group permissions; the 7 of a page,
        # and the verdicts' authors, which only the desk is shown
        with django_assert_num_queries(11):
            assert len(client.get("/api/v1/claims/", {"page_size": size}).json()["results"]) == size


def test_a_claim_detail_costs_a_fixed_number_of_queries(api, published, django_assert_num_queries):
    EvidenceFactory.create_batch(10, claim=published)
    # claim + speaker + verdict + rating + scale + publisher; topics; appearances;
    # evidence; corrections
    with django_assert_num_queries(5):
        assert len(api.get(f"/api/v1/claims/{published.pk}/").json()["evidence"]) == 12


@pytest.mark.parametrize(
    "path, queries",
    [
        # count; speakers (a subquery keeps out those with only hidden claims)
        ("speakers", 2),
        # count; sources + outlets
        ("sources", 2),
        # count; outlets
        ("outlets", 2),
        # count; ratings + scales
        ("ratings", 2),
    ],
)
def test_other_lists_cost_the_same_queries_for_any_page_size(
    api, db, django_assert_num_queries, path, queries
):
    for _ in range(6):
        published_claim()
    for size in (1, 6):
        with django_assert_num_queries(queries):
            assert len(api.get(f"/api/v1/{path}/", {"page_size": size}).json()["results"]) == size


@pytest.mark.parametrize("path", ["speakers", "sources", "outlets", "ratings"])
def test_other_details_cost_one_query(api, published, django_assert_num_queries, path):
    first = api.get(f"/api/v1/{path}/").json()["results"][0]
    with django_assert_num_queries(1):
        assert api.get(f"/api/v1/{path}/{first['id']}/").status_code == 200


def test_counting_pages_sees_every_claim_once(api, db):
    claim = published_claim()
    AppearanceFactory.create_batch(3, claim=claim, source__outlet=OutletFactory(name="Many"))
    assert api.get("/api/v1/claims/").json()["count"] == Claim.objects.public().count() == 1


@pytest.mark.parametrize("path", ["/api/v1/claims/{}/", "/api/v1/claims/{}/claimreview/"])
def test_an_id_past_the_column_range_is_a_404_from_the_cached_path(api, db, path):
    # Found by schemathesis: anonymous details go through the cache first.
    response = api.get(path.format("93116109646272414053384107"))
    assert response.status_code == 404
    assert api.get(path.format(2**63), HTTP_IF_NONE_MATCH='"L"').status_code == 404
