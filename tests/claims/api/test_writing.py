import pytest

from claims.models import Claim, ClaimState, Correction, Evidence, WorkflowEvent
from claims.workflow import TRANSITIONS
from sources.models import Source
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    RatingFactory,
    RatingScaleFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_a_researcher_captures_a_claim_with_its_appearances_as_a_draft(client_for, researcher):
    speaker = SpeakerFactory()
    topic = TopicFactory(name="Arrest warrants")
    known = SourceFactory()
    response = client_for(researcher).post(
        "/api/v1/claims/",
        {
            "text": "  The ICC has 124 member states.  ",
            "speaker": speaker.pk,
            "said_on": "2023-03-17",
            "language": "EN-gb",
            "topics": ["arrest-warrants"],
            "appearances": [
                {"source": known.pk, "quote": "124 members", "is_first": True},
                {"url": "https://news.example.org/new", "title": "A new report"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    claim = Claim.objects.get(pk=body["id"])
    assert response["Location"].endswith(f"/api/v1/claims/{claim.pk}/")
    assert claim.state == ClaimState.DRAFT
    assert claim.text == "The ICC has 124 member states."
    assert claim.language == "en-GB"
    assert claim.created_by == researcher
    assert list(claim.topics.all()) == [topic]
    assert body["appearances"][0]["source"]["id"] == known.pk
    assert body["appearances"][1]["source"]["title"] == "A new report"
    assert Source.objects.filter(url="https://news.example.org/new").exists()


def test_an_existing_source_is_found_by_its_url(client_for, researcher):
    known = SourceFactory(url="https://news.example.org/known")
    response = client_for(researcher).post(
        "/api/v1/claims/",
        {"text": "A claim.", "appearances": [{"url": known.url}]},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["appearances"][0]["source"]["id"] == known.pk
    assert Source.objects.count() == 1


def test_a_source_given_by_id_and_url_is_refused(client_for, researcher):
    known = SourceFactory()
    body = {"text": "x", "appearances": [{"source": known.pk, "url": "https://a.example.org/"}]}
    response = client_for(researcher).post("/api/v1/claims/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "appearances": {"0": {"source": ["Give either the id of a source or its url, not both."]}}
    }
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    "body, errors",
    [
        ({}, {"text": ["This field is required."]}),
        ({"text": "   "}, {"text": ["This field may not be blank."]}),
        (
            {"text": "x", "speaker": 999999},
            {"speaker": ['Invalid pk "999999" - object does not exist.']},
        ),
        ({"text": "x", "topics": ["nope"]}, {"topics": ["Object with slug=nope does not exist."]}),
        ({"text": "x", "said_on": "17/03/2023"}, "said_on"),
        ({"text": "x", "checkworthiness": 2}, "checkworthiness"),
        ({"text": "x", "language": "english please"}, "language"),
        (
            {"text": "x", "appearances": [{"url": "https://new.example.org/"}]},
            {
                "appearances": {
                    "0": {"title": ["No source has this URL yet; give a title to create it."]}
                }
            },
        ),
        ({"text": "x", "checkworthiness": True}, "checkworthiness"),
        (
            {"text": "x", "topics": {}},
            {"topics": ["Must be a list, not dict."]},
        ),
        ({"text": "x", "checkworthiness": "0.5"}, "checkworthiness"),
        # Every field takes the JSON type the schema gives it, and no other.
        ({"text": 0}, {"text": ["Must be a string, not int."]}),
        ({"text": "x", "speaker": "1"}, {"speaker": ["Must be an id (a whole number), not str."]}),
        (
            {"text": "x", "said_on": 20230317},
            {"said_on": ["Must be a date written YYYY-MM-DD, not int."]},
        ),
        (
            {
                "text": "x",
                "appearances": [{"url": "https://a.example.org/", "title": "A", "is_first": 1}],
            },
            {"appearances": {"0": {"is_first": ["Must be a boolean, not int."]}}},
        ),
        (
            {"text": "x", "appearances": [{}]},
            {"appearances": {"0": {"source": ["Give the id of a source, or its url."]}}},
        ),
        (
            {
                "text": "x",
                "appearances": [
                    {"url": "https://a.example.org/", "title": "A", "is_first": True},
                    {"url": "https://b.example.org/", "title": "B", "is_first": True},
                ],
            },
            {"appearances": ["Only one appearance can be the first."]},
        ),
        ({"text": "x", "appearances": "not a list"}, "appearances"),
    ],
)
def test_bad_claims_are_refused_with_field_errors_and_nothing_saved(
    client_for, researcher, body, errors
):
    response = client_for(researcher).post("/api/v1/claims/", body, format="json")
    assert response.status_code == 400
    if isinstance(errors, dict):
        assert response.json() == errors
    else:
        assert list(response.json()) == [errors]
    assert not Claim.objects.exists()
    assert not Source.objects.exists()


def test_malformed_json_is_a_400(client_for, researcher):
    response = client_for(researcher).post(
        "/api/v1/claims/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_writing_needs_a_token(api, db):
    response = api.post("/api/v1/claims/", {"text": "x"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_bad_token_is_refused_even_for_reading(api, db):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api.get("/api/v1/claims/").status_code == 401


def test_accounts_that_are_not_staff_cannot_write(client_for, outsider):
    response = client_for(outsider).post("/api/v1/claims/", {"text": "x"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only staff accounts may write through the API."}


def test_staff_without_a_research_role_cannot_capture_claims(client_for):
    response = client_for(UserFactory(username="intern")).post(
        "/api/v1/claims/", {"text": "x"}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Only researchers and editors may capture claims."}
    assert not Claim.objects.exists()


# --- Evidence ------------------------------------------------------------------------


def test_a_researcher_attaches_evidence_and_the_claim_version_moves_on(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    response = client_for(researcher).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {
            "url": "https://asp.icc-cpi.int/states-parties",
            "title": "The States Parties",
            "stance": "refutes",
            "quote": "123 countries",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stance"] == "refutes"
    assert body["source"]["url"] == "https://asp.icc-cpi.int/states-parties"
    evidence = Evidence.objects.get(pk=body["id"])
    assert evidence.claim == claim
    claim.refresh_from_db()
    assert claim.version == 2 and claim.updated_by == researcher


def test_evidence_needs_a_stance_and_a_source(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    response = client_for(researcher).post(
        f"/api/v1/claims/{claim.pk}/evidence/", {"stance": "maybe"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"stance"}
    assert not Evidence.objects.exists()


def test_researchers_cannot_add_evidence_once_a_claim_is_in_review(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    source = SourceFactory()
    response = client_for(researcher).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"source": source.pk, "stance": "context"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You may not edit a claim that is in review."}
    assert not Evidence.objects.exists()


# --- Transitions -----------------------------------------------------------------


def ready(state=ClaimState.RESEARCHING):
    claim = ClaimFactory(state=state)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    return claim


def test_a_claim_goes_from_draft_to_published_through_the_api(client_for, researcher, editor):
    claim = ready(ClaimState.DRAFT)
    as_researcher, as_editor = client_for(researcher), client_for(editor)
    steps = [
        (as_researcher, "start_research", "researching"),
        (as_researcher, "submit", "in_review"),
        (as_editor, "publish", "published"),
    ]
    for client, name, state in steps:
        response = client.post(f"/api/v1/claims/{claim.pk}/{name}/", {}, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["state"] == state
    assert list(claim.events.values_list("to_state", "actor__username")) == [
        ("researching", "researcher"),
        ("in_review", "researcher"),
        ("published", "editor"),
    ]
    assert (
        client_for(researcher).get(f"/api/v1/claims/{claim.pk}/").json()["verdict"]["published_at"]
    )


def test_the_workflow_refuses_with_its_own_messages(client_for, researcher):
    claim = ready()
    client = client_for(researcher)
    client.post(f"/api/v1/claims/{claim.pk}/submit/", {}, format="json")
    response = client.post(f"/api/v1/claims/{claim.pk}/publish/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Only editors may publish."]}


def test_a_missing_verdict_is_named_in_the_refusal(client_for, researcher, editor):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    client_for(researcher).post(f"/api/v1/claims/{claim.pk}/submit/", {}, format="json")
    response = client_for(editor).post(f"/api/v1/claims/{claim.pk}/publish/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == [
        "The verdict needs a rating.",
        "The verdict needs a summary.",
        "The claim needs at least one evidence link.",
    ]
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW


def test_a_stale_version_changes_nothing(client_for, researcher):
    claim = ready(ClaimState.DRAFT)
    client = client_for(researcher)
    response = client.post(
        f"/api/v1/claims/{claim.pk}/start_research/",
        {"expected_version": claim.version + 1},
        format="json",
    )
    assert response.status_code == 400
    assert "after you opened it. Nothing was saved" in response.json()["non_field_errors"][0]
    claim.refresh_from_db()
    assert claim.state == ClaimState.DRAFT
    ok = client.post(
        f"/api/v1/claims/{claim.pk}/start_research/",
        {"expected_version": claim.version},
        format="json",
    )
    assert ok.status_code == 200


def test_rejecting_needs_a_comment(client_for, editor):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    response = client_for(editor).post(f"/api/v1/claims/{claim.pk}/reject/", {}, format="json")
    assert response.json() == {"non_field_errors": ["Why it is not check-worthy is required."]}
    response = client_for(editor).post(
        f"/api/v1/claims/{claim.pk}/reject/", {"comment": "An opinion."}, format="json"
    )
    assert response.json()["state"] == "rejected"


def test_an_editor_corrects_a_verdict_naming_the_new_rating_by_slug(client_for, editor):
    claim = ready(ClaimState.PUBLISHED)
    half_true = RatingFactory(slug="half-true", value=3)
    response = client_for(editor).post(
        f"/api/v1/claims/{claim.pk}/correct/",
        {"comment": "More were African.", "kind": "update", "rating": "half-true"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["verdict"]["rating"]["id"] == half_true.pk
    assert body["corrections"][0]["kind"] == "update"
    assert body["corrections"][0]["rating_after"]["slug"] == "half-true"
    correction = Correction.objects.get()
    assert correction.rating_before.slug == "false" and correction.created_by == editor


@pytest.mark.parametrize(
    "body, errors",
    [
        (
            {"comment": "x", "rating": "no-such"},
            {"rating": ["No rating “no-such” on this verdict's scale."]},
        ),
        # A digit int() does not read (found reviewing the verdict writes).
        ({"comment": "x", "rating": "²"}, {"rating": ["No rating “²” on this verdict's scale."]}),
        ({"comment": "x", "kind": "apology"}, {"kind": ['"apology" is not a valid choice.']}),
        (
            {"comment": "x", "expected_version": 0},
            {"expected_version": ["Ensure this value is greater than or equal to 1."]},
        ),
    ],
)
def test_bad_transition_input_is_a_400_and_changes_nothing(client_for, editor, body, errors):
    claim = ready(ClaimState.PUBLISHED)
    response = client_for(editor).post(f"/api/v1/claims/{claim.pk}/correct/", body, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert not Correction.objects.exists()


def test_a_rating_by_id_from_another_scale_is_not_found(client_for, editor):
    claim = ready(ClaimState.PUBLISHED)
    other = RatingFactory(scale=RatingScaleFactory(), slug="other", value=1)
    response = client_for(editor).post(
        f"/api/v1/claims/{claim.pk}/correct/",
        {"comment": "x", "rating": str(other.pk)},
        format="json",
    )
    assert response.status_code == 400


def test_every_transition_has_its_address(client_for, editor):
    claim = ClaimFactory(state=ClaimState.REJECTED)
    client = client_for(editor)
    for name in TRANSITIONS:
        response = client.post(f"/api/v1/claims/{claim.pk}/{name}/", {}, format="json")
        assert response.status_code == 400, name
    assert client.post(f"/api/v1/claims/{claim.pk}/explode/", {}, format="json").status_code == 404
    assert not WorkflowEvent.objects.exists()


def test_transitions_on_claims_out_of_sight_are_404(client_for, outsider, api):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    assert api.post(f"/api/v1/claims/{claim.pk}/start_research/").status_code == 401
    staff_without_role = UserFactory(username="intern")
    response = client_for(staff_without_role).post(f"/api/v1/claims/{claim.pk}/start_research/")
    assert response.status_code == 404
    claim.refresh_from_db()
    assert claim.state == ClaimState.DRAFT
