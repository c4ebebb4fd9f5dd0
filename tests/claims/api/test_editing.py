"""Editing a claim (PATCH /claims/{id}/) and writing its verdict
(PUT/PATCH /claims/{id}/verdict/) through the API, and every refusal."""

import datetime as dt

import pytest
from django.test import override_settings

from claims.models import Claim, ClaimState, Rating, RatingScale, Verdict
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    OutletFactory,
    RatingFactory,
    RatingScaleFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def claim_url(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/"


def verdict_url(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/verdict/"


def unchanged(claim) -> bool:
    """The claim's row and verdict are as they were before the refused write."""
    fresh = Claim.objects.get(pk=claim.pk)
    verdict = Verdict.objects.filter(claim=claim).first()
    was = getattr(claim, "verdict", None)
    same_claim = (fresh.version, fresh.text, fresh.speaker_id, fresh.assignee_id) == (
        claim.version,
        claim.text,
        claim.speaker_id,
        claim.assignee_id,
    )
    if was is None:
        return same_claim and verdict is None
    return same_claim and (verdict.rating_id, verdict.summary, verdict.headline) == (
        was.rating_id,
        was.summary,
        was.headline,
    )


# --- Claim edits -----------------------------------------------------------------------


def test_a_researcher_edits_a_claims_fields_and_its_version_moves_on(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    speaker = SpeakerFactory(name="Volodymyr Zelensky")
    TopicFactory(name="Deportations")
    response = client_for(researcher).patch(
        claim_url(claim),
        {
            "expected_version": 1,
            "text": "  More than 16,000 deportations have been recorded.  ",
            "speaker": speaker.pk,
            "said_on": "2023-03-17",
            "language": "UK",
            "topics": ["deportations"],
            "assignee": "researcher",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2
    assert body["text"] == "More than 16,000 deportations have been recorded."
    assert body["speaker"]["name"] == "Volodymyr Zelensky"
    assert [t["slug"] for t in body["topics"]] == ["deportations"]
    assert body["assignee"] == "researcher"
    claim.refresh_from_db()
    assert (claim.said_on, claim.language) == (dt.date(2023, 3, 17), "uk")
    assert (claim.assignee, claim.updated_by) == (researcher, researcher)
    latest = claim.history.first()
    assert (latest.text, latest.history_user) == (claim.text, researcher)


def test_fields_left_out_of_a_patch_keep_their_values(client_for, researcher):
    topic = TopicFactory()
    claim = ClaimFactory(state=ClaimState.DRAFT, topics=[topic], said_on=dt.date(2023, 3, 1))
    response = client_for(researcher).patch(
        claim_url(claim), {"expected_version": 1, "speaker": None}, format="json"
    )
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert claim.speaker is None
    assert claim.said_on == dt.date(2023, 3, 1) and list(claim.topics.all()) == [topic]


def test_an_editor_edits_a_published_claim_and_readers_see_it_at_once(api, client_for, editor):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    VerdictFactory(claim=claim)
    assert api.get(claim_url(claim)).json()["text"] == claim.text  # now cached
    response = client_for(editor).patch(
        claim_url(claim),
        {"expected_version": claim.version, "text": "The ICC had 123 states parties."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert api.get(claim_url(claim)).json()["text"] == "The ICC had 123 states parties."


def test_a_new_text_is_embedded_again(client_for, researcher, monkeypatch):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    scheduled = []
    monkeypatch.setattr("claims.indexing.schedule", scheduled.append)
    client = client_for(researcher)
    client.patch(claim_url(claim), {"expected_version": 1, "said_on": None}, format="json")
    assert scheduled == []
    client.patch(claim_url(claim), {"expected_version": 2, "text": "New words."}, format="json")
    assert scheduled == [[claim.pk]]


def test_a_stale_version_is_refused_as_transitions_refuse_it(client_for, researcher, editor):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    client_for(editor).patch(
        claim_url(claim), {"expected_version": 1, "text": "First."}, format="json"
    )
    response = client_for(researcher).patch(
        claim_url(claim), {"expected_version": 1, "text": "Second."}, format="json"
    )
    assert response.status_code == 400
    [message] = response.json()["non_field_errors"]
    assert message.startswith("This claim was changed by editor on ")
    assert "Nothing was saved" in message
    claim.refresh_from_db()
    assert (claim.text, claim.version) == ("First.", 2)


@pytest.mark.parametrize(
    "body, errors",
    [
        ({"text": "x"}, {"expected_version": ["This field is required."]}),
        (
            {"expected_version": 0, "text": "x"},
            {"expected_version": ["Ensure this value is greater than or equal to 1."]},
        ),
        ({"expected_version": 1, "text": "   "}, {"text": ["This field may not be blank."]}),
        ({"expected_version": 1, "text": None}, {"text": ["This field may not be null."]}),
        (
            {"expected_version": 1, "speaker": 999999},
            {"speaker": ['Invalid pk "999999" - object does not exist.']},
        ),
        (
            {"expected_version": 1, "topics": {}},
            {"topics": ["Must be a list, not dict."]},
        ),
        (
            {"expected_version": 1, "topics": ["nope"]},
            {"topics": ["Object with slug=nope does not exist."]},
        ),
        (
            {"expected_version": 1, "assignee": "nobody-here"},
            {"assignee": ["Object with username=nobody-here does not exist."]},
        ),
        (
            {"expected_version": 1, "assignee": "outsider"},
            {"assignee": ["Object with username=outsider does not exist."]},
        ),
        ({"expected_version": 1, "language": "english please"}, "language"),
        (
            {"expected_version": 1, "language": "x" * 36},
            {"language": ["Ensure this field has no more than 35 characters."]},
        ),
        ({"expected_version": 1, "said_on": "17/03/2023"}, "said_on"),
        ({"expected_version": 1, "said_on": "2023-02-30"}, "said_on"),
        (
            {"expected_version": 1, "state": "published"},
            {"state": ["No such field here."]},
        ),
        (
            {"expected_version": 1, "txet": "typo", "said_on": "yesterday"},
            "said_on txet",
        ),
        (
            {"expected_version": 1},
            {
                "non_field_errors": [
                    "Nothing to change: give any of text, speaker, said_on, language, "
                    "topics, assignee."
                ]
            },
        ),
        (["a", "list"], "non_field_errors"),
    ],
)
def test_bad_claim_edits_are_refused_with_field_errors_and_change_nothing(
    client_for, researcher, outsider, body, errors
):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    response = client_for(researcher).patch(claim_url(claim), body, format="json")
    assert response.status_code == 400
    if isinstance(errors, dict):
        assert response.json() == errors
    else:
        assert sorted(response.json()) == errors.split()
    assert unchanged(claim)


def test_a_researcher_cannot_edit_a_claim_in_review(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    response = client_for(researcher).patch(
        claim_url(claim), {"expected_version": 1, "text": "Mine now."}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You may not edit a claim that is in review."}
    assert unchanged(claim)


def test_anonymous_and_non_staff_clients_cannot_edit(api, client_for, outsider):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    body = {"expected_version": 1, "text": "Vandalised."}
    response = api.patch(claim_url(claim), body, format="json")
    assert response.status_code == 401
    response = client_for(outsider).patch(claim_url(claim), body, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only staff accounts may write through the API."}
    # Staff without a desk role may read what the public reads, and edit nothing.
    response = client_for(UserFactory(username="intern")).patch(
        claim_url(claim), body, format="json"
    )
    assert response.status_code == 403
    assert unchanged(claim)


def test_drafts_stay_out_of_sight_of_those_who_may_not_see_them(api, client_for):
    claim = ClaimFactory(state=ClaimState.DRAFT, text="A secret draft.")
    body = {"expected_version": 1, "text": "x"}
    for method in ("patch", "put"):
        response = getattr(api, method)(verdict_url(claim), body, format="json")
        assert response.status_code == 401
        assert b"secret" not in response.content
    intern = client_for(UserFactory(username="intern"))
    for url in (claim_url(claim), verdict_url(claim)):
        response = intern.patch(url, body, format="json")
        assert response.status_code == 404
        assert b"secret" not in response.content
    assert unchanged(claim)


def test_a_claim_is_replaced_by_no_put(client_for, editor):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    response = client_for(editor).put(claim_url(claim), {"expected_version": 1}, format="json")
    assert response.status_code == 405


# --- The verdict -------------------------------------------------------------------------


def test_a_researcher_writes_the_verdict_with_its_authors(client_for, researcher, editor):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    response = client_for(researcher).put(
        verdict_url(claim),
        {
            "expected_version": 1,
            "rating": "half-true",
            "headline": "Accurately quoted, not independently verifiable",
            "summary": "The figure is the government's own register.",
            "explanation": "The register is **not** public.",
            "authors": ["researcher", "editor"],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2
    assert body["verdict"]["rating"]["slug"] == "half-true"
    assert body["verdict"]["summary"] == "The figure is the government's own register."
    assert sorted(body["verdict"]["authors"]) == ["editor", "researcher"]
    verdict = Verdict.objects.get(claim=claim)
    assert set(verdict.authors.values_list("username", flat=True)) == {"researcher", "editor"}
    assert verdict.history.first().history_user == researcher
    claim.refresh_from_db()
    assert claim.updated_by == researcher


def test_patch_changes_the_fields_given_and_put_empties_the_rest(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim, headline="Kept by a patch")
    client = client_for(researcher)
    true = Rating.objects.get(scale__is_default=True, slug="true")
    response = client.patch(
        verdict_url(claim), {"expected_version": 1, "rating": str(true.pk)}, format="json"
    )
    assert response.status_code == 200, response.content
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.rating, verdict.headline) == (true, "Kept by a patch")
    response = client.put(
        verdict_url(claim), {"expected_version": 2, "summary": "Only this."}, format="json"
    )
    assert response.status_code == 200, response.content
    verdict.refresh_from_db()
    assert (verdict.rating, verdict.headline, verdict.summary) == (None, "", "Only this.")


def test_a_changed_rating_voids_the_sign_offs_on_the_old_one(
    client_for, researcher, editor, second_editor
):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    client_for(researcher).post(f"/api/v1/claims/{claim.pk}/submit/", {}, format="json")
    client_for(editor).post(f"/api/v1/claims/{claim.pk}/sign_off/", {}, format="json")
    version = Claim.objects.get(pk=claim.pk).version
    response = client_for(second_editor).patch(
        verdict_url(claim), {"expected_version": version, "rating": "mostly-false"}, format="json"
    )
    assert response.status_code == 200, response.content
    with override_settings(FACTCHECK_SIGNOFF_QUORUM=2):
        response = client_for(second_editor).post(
            f"/api/v1/claims/{claim.pk}/publish/", {}, format="json"
        )
    assert response.status_code == 400
    assert "1 more is needed" in response.json()["non_field_errors"][0]


def test_a_published_rating_changes_only_through_a_correction(client_for, editor):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    VerdictFactory(claim=claim, published_at="2023-03-19T10:00:00Z")
    client = client_for(editor)
    response = client.patch(
        verdict_url(claim),
        {"expected_version": 1, "rating": "true", "headline": "Changed"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "rating": [
            "A published verdict's rating changes only through a correction "
            "(“Correct the verdict” with the new rating)."
        ]
    }
    assert unchanged(claim)
    # Its words may still be edited, by an editor, with its rating as it is.
    response = client.patch(
        verdict_url(claim),
        {"expected_version": 1, "rating": "false", "headline": "Changed"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert Verdict.objects.get(claim=claim).headline == "Changed"
    # A PUT that leaves the rating out would empty it: refused the same way.
    response = client.put(
        verdict_url(claim), {"expected_version": 2, "summary": "x"}, format="json"
    )
    assert set(response.json()) == {"rating"}


def test_a_retracted_verdicts_rating_cannot_change(client_for, editor):
    claim = ClaimFactory(state=ClaimState.RETRACTED)
    VerdictFactory(claim=claim)
    response = client_for(editor).patch(
        verdict_url(claim), {"expected_version": 1, "rating": None}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"rating": ["The rating of a retracted claim cannot change."]}


def test_a_rating_from_another_scale_is_refused(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    other_scale = RatingScaleFactory(name="Pinocchios")
    other = RatingFactory(scale=other_scale, slug="four-pinocchios", value=1)
    client = client_for(researcher)
    response = client.patch(
        verdict_url(claim), {"expected_version": 1, "rating": other.pk}, format="json"
    )
    assert response.status_code == 400
    ours = RatingScale.objects.get(is_default=True)
    assert response.json() == {
        "rating": [f"The rating must come from the verdict's scale, “{ours}”."]
    }
    # By slug, a rating is looked for on the verdict's own scale only.
    response = client.patch(
        verdict_url(claim), {"expected_version": 1, "rating": "four-pinocchios"}, format="json"
    )
    assert response.json() == {"rating": ["No rating “four-pinocchios” on this verdict's scale."]}
    assert unchanged(claim)


def test_our_verdicts_take_no_rating_from_an_imported_publishers_scale(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    theirs = RatingScaleFactory(name="Their scale", publisher=OutletFactory(name="Snopes"))
    rating = RatingFactory(scale=theirs, slug="mixture", value=2)
    response = client_for(researcher).put(
        verdict_url(claim), {"expected_version": 1, "rating": rating.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "rating": ["The rating must come from one of our own scales, not “Their scale”."]
    }
    assert unchanged(claim)


@pytest.mark.parametrize(
    "body, errors",
    [
        ({"summary": "x"}, {"expected_version": ["This field is required."]}),
        (
            {"expected_version": 1, "rating": "no-such"},
            {"rating": ["No rating “no-such” on this verdict's scale."]},
        ),
        ({"expected_version": 1, "rating": "999999"}, {"rating": ["No rating “999999”."]}),
        (
            {"expected_version": 1, "rating": "²"},
            {"rating": ["No rating “²” on this verdict's scale."]},
        ),
        (
            {"expected_version": 1, "rating": True},
            {"rating": ["Must be an id or a slug, not bool."]},
        ),
        (
            {"expected_version": "1", "summary": "x"},
            {"expected_version": ["Must be a whole number, not str."]},
        ),
        ({"expected_version": 1, "headline": 5}, {"headline": ["Must be a string, not int."]}),
        (
            {"expected_version": 1, "headline": "x" * 301},
            {"headline": ["Ensure this field has no more than 300 characters."]},
        ),
        (
            {"expected_version": 1, "summary": "x" * 501},
            {"summary": ["Ensure this field has no more than 500 characters."]},
        ),
        (
            {"expected_version": 1, "authors": ["ghost"]},
            {"authors": ["Object with username=ghost does not exist."]},
        ),
        ({"expected_version": 1, "authors": "researcher"}, "authors"),
        ({"expected_version": 1, "authors": {}}, "authors"),
        ({"expected_version": 1, "as_of": "2023-02-30"}, "as_of"),
        ({"expected_version": 1, "as_of": "2999-01-01"}, "as_of"),
        ({"expected_version": 1, "recheck_on": "2001-01-01"}, "recheck_on"),
        (
            {"expected_version": 1, "published_at": "2023-03-19T10:00:00Z"},
            {"published_at": ["No such field here."]},
        ),
        ({"expected_version": 1, "summary": None}, {"summary": ["This field may not be null."]}),
    ],
)
def test_bad_verdicts_are_refused_with_field_errors_and_change_nothing(
    client_for, researcher, body, errors
):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    for method in ("put", "patch"):
        response = getattr(client_for(researcher), method)(verdict_url(claim), body, format="json")
        assert response.status_code == 400, method
        if isinstance(errors, dict):
            assert response.json() == errors, method
        else:
            assert list(response.json()) == [errors], method
    assert unchanged(claim)


def test_a_patch_with_nothing_to_change_is_refused_and_a_put_empties_the_verdict(
    client_for, researcher
):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    client = client_for(researcher)
    response = client.patch(verdict_url(claim), {"expected_version": 1}, format="json")
    assert response.json() == {
        "non_field_errors": [
            "Nothing to change: give any of rating, headline, summary, explanation, "
            "authors, as_of, recheck_on."
        ]
    }
    assert unchanged(claim)
    response = client.put(verdict_url(claim), {"expected_version": 1}, format="json")
    assert response.status_code == 200, response.content
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.rating, verdict.headline, verdict.summary) == (None, "", "")


def test_the_verdicts_dates_are_written_and_a_public_ones_as_of_moves_only_by_the_workflow(
    client_for, editor
):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    client = client_for(editor)
    next_year = dt.date.today() + dt.timedelta(days=365)
    body = {"expected_version": 1, "as_of": "2023-03-20", "recheck_on": next_year.isoformat()}
    response = client.patch(verdict_url(claim), body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["verdict"]["as_of"] == "2023-03-20"
    assert response.json()["verdict"]["recheck_on"] == next_year.isoformat()

    Claim.objects.filter(pk=claim.pk).update(state=ClaimState.PUBLISHED)
    claim.refresh_from_db()
    moved = {"expected_version": claim.version, "as_of": "2023-03-21"}
    response = client.patch(verdict_url(claim), moved, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["as_of"]
    # PUT leaves the date the verdict is judged as of where the workflow put it.
    rating = Verdict.objects.get(claim=claim).rating
    put = {"expected_version": claim.version, "summary": "S.", "rating": str(rating.pk)}
    response = client.put(verdict_url(claim), put, format="json")
    assert response.status_code == 200, response.content
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.as_of, verdict.recheck_on) == (dt.date(2023, 3, 20), None)


def test_a_stale_verdict_write_changes_nothing(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    response = client_for(researcher).patch(
        verdict_url(claim), {"expected_version": 2, "summary": "Too late."}, format="json"
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.json()["non_field_errors"][0]
    assert unchanged(claim)


def test_a_researcher_cannot_write_the_verdict_of_a_claim_in_review(client_for, researcher):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    VerdictFactory(claim=claim)
    response = client_for(researcher).patch(
        verdict_url(claim), {"expected_version": 1, "summary": "Mine."}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You may not edit a claim that is in review."}
    assert unchanged(claim)


def test_non_staff_and_anonymous_clients_cannot_write_verdicts(api, client_for, outsider):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    VerdictFactory(claim=claim)
    body = {"expected_version": 1, "summary": "Vandalised."}
    assert api.patch(verdict_url(claim), body, format="json").status_code == 401
    assert client_for(outsider).put(verdict_url(claim), body, format="json").status_code == 403
    assert unchanged(claim)


# --- From capture to publication ----------------------------------------------------------


def test_a_claim_captured_through_the_api_is_published_through_the_api_alone(
    api, client_for, researcher, editor, second_editor, settings
):
    settings.FACTCHECK_SIGNOFF_QUORUM = 3  # two sign-offs, and the publisher's own
    third_editor = UserFactory(username="editor3", groups=["Editors"])
    speaker = SpeakerFactory(name="Volodymyr Zelensky")
    desk = client_for(researcher)

    def step(client, method, path, body, status=200):
        response = getattr(client, method)(f"/api/v1/claims/{path}", body, format="json")
        assert response.status_code == status, (path, response.content)
        return response.json()

    claim = step(
        desk,
        "post",
        "",
        {"text": "More than 16,000 forced deportations of children were recorded."},
        status=201,
    )
    pk = claim["id"]
    claim = step(
        desk,
        "patch",
        f"{pk}/",
        {"expected_version": claim["version"], "speaker": speaker.pk, "said_on": "2023-03-17"},
    )
    claim = step(desk, "post", f"{pk}/start_research/", {"expected_version": claim["version"]})
    step(
        desk,
        "post",
        f"{pk}/evidence/",
        {
            "url": "https://childrenofwar.gov.ua/en/",
            "title": "Children of War: the government's register",
            "stance": "context",
            "quote": "Deported: 16,226",
        },
        status=201,
    )
    claim = step(desk, "get", f"{pk}/", {})
    claim = step(
        desk,
        "put",
        f"{pk}/verdict/",
        {
            "expected_version": claim["version"],
            "rating": "unproven",
            "headline": "Accurately quoted; not independently verifiable",
            "summary": "The figure is the claimant government's own register.",
            "explanation": "No independent count exists.",
            "authors": ["researcher"],
        },
    )
    claim = step(desk, "post", f"{pk}/submit/", {"expected_version": claim["version"]})
    for signer in (editor, second_editor):
        claim = step(
            client_for(signer), "post", f"{pk}/sign_off/", {"expected_version": claim["version"]}
        )
    claim = step(
        client_for(third_editor),
        "post",
        f"{pk}/publish/",
        {"expected_version": claim["version"], "confirm_unverified_quotes": True},
    )
    assert claim["state"] == "published"
    public = api.get(f"/api/v1/claims/{pk}/").json()
    assert public["verdict"]["rating"]["slug"] == "unproven"
    assert public["verdict"]["published_at"]
    assert public["speaker"]["name"] == "Volodymyr Zelensky"
    assert list(Claim.objects.get(pk=pk).events.values_list("to_state", "actor__username")) == [
        ("researching", "researcher"),
        ("in_review", "researcher"),
        ("in_review", "editor"),
        ("in_review", "editor2"),
        ("published", "editor3"),
    ]
