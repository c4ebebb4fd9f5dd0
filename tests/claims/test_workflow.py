import pytest
from django.core.exceptions import ValidationError

from claims.models import ClaimState, Correction, SignOff, WorkflowEvent
from claims.workflow import (
    TRANSITIONS,
    available_transitions,
    can_edit,
    claim_transition,
)
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    RatingFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def ready_claim(state=ClaimState.RESEARCHING, **kwargs):
    """A claim with everything publishing needs: rating, summary, evidence."""
    claim = ClaimFactory(state=state, **kwargs)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    return claim


def in_review(researcher, **kwargs):
    claim = ready_claim(**kwargs)
    return claim_transition(claim=claim, name="submit", by=researcher)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_the_desk_path_from_draft_to_published(researcher, editor):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    claim = claim_transition(claim=claim, name="start_research", by=researcher)
    claim = claim_transition(claim=claim, name="submit", by=researcher)
    claim = claim_transition(claim=claim, name="publish", by=editor)
    assert claim.state == ClaimState.PUBLISHED
    assert claim.verdict.published_at is not None
    steps = list(claim.events.values_list("from_state", "to_state", "actor__username"))
    assert steps == [
        ("draft", "researching", "researcher"),
        ("researching", "in_review", "researcher"),
        ("in_review", "published", "editor"),
    ]


def test_each_transition_bumps_the_version_and_names_who_did_it(researcher):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    version = claim.version
    claim = claim_transition(claim=claim, name="start_research", by=researcher)
    assert claim.version == version + 1
    assert claim.updated_by == researcher


def test_publishing_needs_a_rating_a_summary_and_evidence(researcher, editor):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    VerdictFactory(claim=claim, rating=None, summary="")
    with pytest.raises(ValidationError) as error:
        claim_transition(claim=claim, name="publish", by=editor)
    assert error.value.messages == [
        "The verdict needs a rating.",
        "The verdict needs a summary.",
        "The claim needs at least one evidence link.",
    ]
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW
    assert not WorkflowEvent.objects.filter(claim=claim).exists()


def test_publishing_without_any_verdict_is_refused(editor):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    EvidenceFactory(claim=claim)
    with pytest.raises(ValidationError, match="needs a rating"):
        claim_transition(claim=claim, name="publish", by=editor)


def test_the_submitter_can_never_publish_even_as_an_editor(editor):
    claim = ready_claim()
    claim_transition(claim=claim, name="submit", by=editor)
    with pytest.raises(ValidationError) as error:
        claim_transition(claim=claim, name="publish", by=editor)
    assert "You submitted this claim for review" in messages(error.value)


def test_an_earlier_submitter_still_cannot_publish_after_a_resubmission(
    researcher, editor, second_editor
):
    claim = ready_claim()
    claim_transition(claim=claim, name="submit", by=editor)
    claim_transition(claim=claim, name="send_back", by=second_editor, comment="Add a source")
    claim_transition(claim=claim, name="submit", by=researcher)
    with pytest.raises(ValidationError, match="You submitted this claim"):
        claim_transition(claim=claim, name="publish", by=editor)
    claim_transition(claim=claim, name="publish", by=second_editor)


def test_researchers_cannot_publish(researcher):
    claim = in_review(UserFactory(groups=["Researchers"]))
    with pytest.raises(ValidationError, match="Only editors may publish"):
        claim_transition(claim=claim, name="publish", by=researcher)


def test_sending_back_needs_a_comment(researcher, editor):
    claim = in_review(researcher)
    with pytest.raises(ValidationError, match="What needs more work is required"):
        claim_transition(claim=claim, name="send_back", by=editor, comment="  ")
    claim = claim_transition(claim=claim, name="send_back", by=editor, comment="Cite the ICC")
    assert claim.state == ClaimState.RESEARCHING
    assert claim.events.last().comment == "Cite the ICC"


def test_a_transition_from_the_wrong_state_is_refused(editor):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    with pytest.raises(ValidationError, match="A claim that is draft cannot be moved by “Publish”"):
        claim_transition(claim=claim, name="publish", by=editor)


def test_an_unknown_transition_is_refused(editor):
    with pytest.raises(ValidationError, match="“approve” is not a workflow transition"):
        claim_transition(claim=ClaimFactory(), name="approve", by=editor)


def test_rejecting_a_draft_records_the_reason(editor):
    claim = claim_transition(
        claim=ClaimFactory(state=ClaimState.DRAFT), name="reject", by=editor, comment="Opinion"
    )
    assert claim.state == ClaimState.REJECTED
    assert claim.events.get().comment == "Opinion"


def test_retracting_keeps_a_public_note(researcher, editor):
    claim = claim_transition(claim=in_review(researcher), name="publish", by=editor)
    with pytest.raises(ValidationError, match="Public retraction notice is required"):
        claim_transition(claim=claim, name="retract", by=editor)
    claim = claim_transition(claim=claim, name="retract", by=editor, comment="Bad source.")
    assert claim.state == ClaimState.RETRACTED
    assert claim.retraction_note == "Bad source."
    assert claim.is_public


def test_correcting_records_the_ratings_and_stays_published(researcher, editor):
    claim = claim_transition(claim=in_review(researcher), name="publish", by=editor)
    before = claim.verdict.rating
    after = RatingFactory(slug="mostly-false", value=2)
    claim = claim_transition(
        claim=claim,
        name="correct",
        by=editor,
        comment="The count was right; only the region was wrong.",
        correction_kind=Correction.Kind.CORRECTION,
        new_rating=after,
    )
    assert claim.state == ClaimState.PUBLISHED
    correction = claim.corrections.get()
    assert (correction.rating_before, correction.rating_after) == (before, after)
    assert correction.created_by == editor
    claim.verdict.refresh_from_db()
    assert claim.verdict.rating == after
    assert claim.events.last().from_state == claim.events.last().to_state == "published"


def test_a_correction_without_a_rating_change_keeps_the_rating(researcher, editor):
    claim = claim_transition(claim=in_review(researcher), name="publish", by=editor)
    claim = claim_transition(
        claim=claim, name="correct", by=editor, comment="Typo.", correction_kind="clarification"
    )
    correction = claim.corrections.get()
    assert correction.rating_before == correction.rating_after == claim.verdict.rating
    assert not correction.rating_changed


def test_a_correction_of_an_unknown_kind_is_refused(researcher, editor):
    claim = claim_transition(claim=in_review(researcher), name="publish", by=editor)
    with pytest.raises(ValidationError, match="“erratum” is not a kind of correction"):
        claim_transition(
            claim=claim, name="correct", by=editor, comment="x", correction_kind="erratum"
        )
    assert not claim.corrections.exists()


def test_a_stale_version_refuses_the_transition_and_names_who_changed_it(researcher, editor):
    claim = ready_claim()
    seen = claim.version
    claim_transition(claim=claim, name="submit", by=researcher)
    with pytest.raises(ValidationError) as error:
        claim_transition(claim=claim, name="publish", by=editor, expected_version=seen)
    assert "changed by researcher on" in messages(error.value)
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW


class TestQuorum:
    @pytest.fixture(autouse=True)
    def two_editors_needed(self, settings):
        settings.FACTCHECK_SIGNOFF_QUORUM = 2

    def test_publishing_waits_for_the_quorum(self, researcher, editor, second_editor):
        claim = in_review(researcher)
        with pytest.raises(ValidationError, match="needs 2 editors .* 1 more is needed"):
            claim_transition(claim=claim, name="publish", by=editor)
        claim_transition(claim=claim, name="sign_off", by=second_editor)
        claim = claim_transition(claim=claim, name="publish", by=editor)
        assert claim.state == ClaimState.PUBLISHED
        endorsed = SignOff.objects.filter(claim=claim)
        assert {s.editor for s in endorsed} == {editor, second_editor}
        assert {s.rating for s in endorsed} == {claim.verdict.rating}

    def test_a_changed_rating_voids_earlier_sign_offs(self, researcher, editor, second_editor):
        claim = in_review(researcher)
        claim_transition(claim=claim, name="sign_off", by=second_editor)
        verdict = claim.verdict
        verdict.rating = RatingFactory(slug="true", value=5)
        verdict.save()
        with pytest.raises(ValidationError, match="1 more is needed"):
            claim_transition(claim=claim, name="publish", by=editor)
        claim_transition(claim=claim, name="sign_off", by=second_editor)
        claim_transition(claim=claim, name="publish", by=editor)

    def test_sending_back_voids_sign_offs_but_keeps_their_record(
        self, researcher, editor, second_editor
    ):
        claim = in_review(researcher)
        claim_transition(claim=claim, name="sign_off", by=second_editor)
        claim_transition(claim=claim, name="send_back", by=editor, comment="More")
        claim_transition(claim=claim, name="submit", by=researcher)
        with pytest.raises(ValidationError, match="1 more is needed"):
            claim_transition(claim=claim, name="publish", by=editor)
        assert SignOff.objects.filter(claim=claim).exclude(voided_at=None).count() == 1

    def test_an_editor_signs_off_once_per_rating(self, researcher, editor):
        claim = in_review(researcher)
        claim_transition(claim=claim, name="sign_off", by=editor)
        with pytest.raises(ValidationError, match="already signed off"):
            claim_transition(claim=claim, name="sign_off", by=editor)

    def test_the_submitter_cannot_sign_off(self, editor):
        claim = ready_claim()
        claim_transition(claim=claim, name="submit", by=editor)
        with pytest.raises(ValidationError, match="You submitted this claim"):
            claim_transition(claim=claim, name="sign_off", by=editor)


# The permission matrix: for each role, which transitions succeed from the
# transition's own source state, with a claim ready to publish.
ROLES = ["outsider", "staff_without_group", "researcher", "editor", "submitting_editor"]
ALLOWED = {
    "outsider": set(),
    "staff_without_group": set(),
    "researcher": {"start_research", "submit"},
    "editor": set(TRANSITIONS),
    # The editor who submitted may do everything except endorse or publish it.
    "submitting_editor": set(TRANSITIONS) - {"sign_off", "publish"},
}


def make_user(role, researcher, editor, outsider):
    return {
        "outsider": outsider,
        "staff_without_group": UserFactory(username="bare-staff"),
        "researcher": researcher,
        "editor": editor,
        "submitting_editor": UserFactory(username="sub-editor", groups=["Editors"]),
    }[role]


@pytest.mark.parametrize("name", list(TRANSITIONS))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, name, researcher, editor, outsider):
    user = make_user(role, researcher, editor, outsider)
    submitter = user if role == "submitting_editor" else UserFactory(groups=["Researchers"])
    claim = ready_claim(state=ClaimState.RESEARCHING)
    source_state = TRANSITIONS[name].sources[0]
    if source_state != ClaimState.RESEARCHING:
        claim_transition(claim=claim, name="submit", by=submitter)
        claim.refresh_from_db()
        claim.state = source_state  # place it where this transition starts
        claim.save(update_fields=["state"])

    allowed = name in ALLOWED[role]
    assert (name in {t.name for t in available_transitions(claim, user)}) is allowed
    try:
        claim_transition(claim=claim, name=name, by=user, comment="Because.")
    except ValidationError:
        succeeded = False
    else:
        succeeded = True
    assert succeeded is allowed


@pytest.mark.parametrize(
    "state,researcher_may,editor_may",
    [
        ("draft", True, True),
        ("researching", True, True),
        ("in_review", False, True),
        ("published", False, True),
        ("retracted", False, True),
        ("rejected", False, True),
    ],
)
def test_who_may_edit_a_claim_in_each_state(state, researcher_may, editor_may, researcher, editor):
    claim = ClaimFactory(state=state)
    assert can_edit(researcher, claim) is researcher_may
    assert can_edit(editor, claim) is editor_may
    assert can_edit(UserFactory(is_staff=False, groups=["Editors"]), claim) is False
