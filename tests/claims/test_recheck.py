"""Verdicts that know their date: judged as of, re-checked, corrected."""

import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from claims.models import Claim, ClaimState, Correction, Verdict
from claims.workflow import TRANSITIONS, available_transitions, claim_transition
from tests.factories import ClaimFactory, EvidenceFactory, RatingFactory, VerdictFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def today() -> dt.date:
    return timezone.localdate()


def published(**verdict):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    verdict.setdefault("as_of", dt.date(2023, 3, 20))
    VerdictFactory(claim=claim, published_at=timezone.now() - dt.timedelta(days=900), **verdict)
    EvidenceFactory(claim=claim)
    return claim


def verdict_of(claim) -> Verdict:
    return Verdict.objects.get(claim=claim)


def test_publishing_judges_the_verdict_as_of_the_day_it_is_published(researcher, editor):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    claim_transition(claim=claim, name="publish", by=editor)
    assert verdict_of(claim).as_of == today()


def test_publishing_keeps_an_as_of_date_the_desk_chose(editor):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    VerdictFactory(claim=claim, as_of=today() - 10 * DAY)
    EvidenceFactory(claim=claim)
    claim_transition(claim=claim, name="publish", by=editor)
    assert verdict_of(claim).as_of == today() - 10 * DAY


def test_publishing_with_a_recheck_date_that_has_come_is_refused(editor):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    VerdictFactory(claim=claim, recheck_on=today())
    EvidenceFactory(claim=claim)
    with pytest.raises(ValidationError) as refused:
        claim_transition(claim=claim, name="publish", by=editor)
    assert refused.value.messages == [
        f"The verdict's re-check date ({today()}) has come; set a later one or clear it."
    ]
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.IN_REVIEW


def test_a_recheck_dates_the_verdict_today_and_records_it(editor):
    claim = published(recheck_on=dt.date(2025, 1, 1))
    version = claim.version
    claim = claim_transition(
        claim=claim,
        name="recheck",
        by=editor,
        comment="The ICC still lists 125 states parties.",
        recheck_on=today() + 180 * DAY,
        expected_version=version,
    )
    verdict = verdict_of(claim)
    assert (verdict.as_of, verdict.rechecked_on, verdict.recheck_on) == (
        today(),
        today(),
        today() + 180 * DAY,
    )
    assert claim.state == ClaimState.PUBLISHED
    assert claim.version == version + 1
    event = claim.events.get()
    assert (event.from_state, event.to_state, event.actor) == ("published", "published", editor)
    assert event.comment == (
        f"Still accurate as of {today()}. Next re-check on {today() + 180 * DAY}. "
        "The ICC still lists 125 states parties."
    )
    # The verdict's own history keeps who re-checked it.
    assert verdict.history.first().history_user == editor
    assert not claim.corrections.exists()


def test_a_recheck_without_a_next_date_clears_it(editor):
    claim = published(recheck_on=dt.date(2025, 1, 1))
    claim_transition(claim=claim, name="recheck", by=editor, comment="Checked the register.")
    assert verdict_of(claim).recheck_on is None


def test_a_recheck_needs_a_note_of_what_was_checked(editor):
    claim = published()
    with pytest.raises(ValidationError) as refused:
        claim_transition(claim=claim, name="recheck", by=editor, comment=" ")
    assert refused.value.messages == ["What you checked (for the desk's record) is required."]
    assert verdict_of(claim).as_of == dt.date(2023, 3, 20)


@pytest.mark.parametrize("state", [ClaimState.IN_REVIEW, ClaimState.RETRACTED, ClaimState.DRAFT])
def test_only_a_published_verdict_can_be_rechecked(editor, state):
    claim = ClaimFactory(state=state)
    VerdictFactory(claim=claim)
    with pytest.raises(ValidationError) as refused:
        claim_transition(claim=claim, name="recheck", by=editor, comment="Checked")
    label = ClaimState(state).label.lower()
    assert refused.value.messages == [
        f"A claim that is {label} cannot be moved by “Re-checked: still accurate”."
    ]
    assert not claim.events.exists()


def test_researchers_cannot_recheck(researcher):
    claim = published()
    with pytest.raises(ValidationError) as refused:
        claim_transition(claim=claim, name="recheck", by=researcher, comment="Checked")
    assert refused.value.messages == ["Only editors may record a re-check."]
    assert TRANSITIONS["recheck"] not in available_transitions(claim, researcher)


def test_editors_are_offered_the_recheck_on_published_claims_only(editor):
    claim = published()
    assert TRANSITIONS["recheck"] in available_transitions(claim, editor)
    draft = ClaimFactory(state=ClaimState.RESEARCHING)
    assert TRANSITIONS["recheck"] not in available_transitions(draft, editor)


@pytest.mark.parametrize("days_ago", [0, 1, 2000])
def test_a_next_recheck_date_must_lie_ahead(editor, days_ago):
    recheck_on = today() - days_ago * DAY
    claim = published(recheck_on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as refused:
        claim_transition(
            claim=claim, name="recheck", by=editor, comment="Checked", recheck_on=recheck_on
        )
    assert refused.value.message_dict == {
        "recheck_on": [
            f"The re-check date must be after today ({today()}); {recheck_on.isoformat()} is not."
        ]
    }
    verdict = verdict_of(claim)
    assert (verdict.as_of, verdict.recheck_on) == (dt.date(2023, 3, 20), dt.date(2025, 1, 1))


def test_a_bad_date_and_a_bad_state_are_both_reported(researcher):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    with pytest.raises(ValidationError) as refused:
        claim_transition(
            claim=claim, name="recheck", by=researcher, comment="x", recheck_on=today()
        )
    assert refused.value.message_dict == {
        NON_FIELD_ERRORS: ["Only editors may record a re-check."],
        "recheck_on": [f"The re-check date must be after today ({today()}); {today()} is not."],
    }


def test_other_transitions_take_no_recheck_date(researcher):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    with pytest.raises(ValidationError) as refused:
        claim_transition(
            claim=claim, name="start_research", by=researcher, recheck_on=today() + 30 * DAY
        )
    assert refused.value.message_dict == {
        "recheck_on": [
            "Only “Re-checked: still accurate” and “Correct the verdict” set a re-check date."
        ]
    }
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.DRAFT


def test_a_correction_that_changes_the_rating_dates_the_verdict_today(editor):
    claim = published(rechecked_on=dt.date(2025, 6, 1), recheck_on=dt.date(2025, 1, 1))
    false = RatingFactory(scale=verdict_of(claim).rating.scale, slug="false-now", value=0)
    claim_transition(
        claim=claim, name="correct", by=editor, comment="Ukraine joined.", new_rating=false
    )
    verdict = verdict_of(claim)
    assert verdict.rating == false
    assert verdict.as_of == today()
    # The re-check vouched for the old rating; the due date is served.
    assert (verdict.rechecked_on, verdict.recheck_on) == (None, None)


def test_an_update_dates_the_verdict_today_and_takes_a_next_recheck(editor):
    claim = published(recheck_on=dt.date(2025, 1, 1))
    claim_transition(
        claim=claim,
        name="correct",
        by=editor,
        comment="125 states parties now.",
        correction_kind=Correction.Kind.UPDATE,
        recheck_on=today() + 30 * DAY,
    )
    verdict = verdict_of(claim)
    assert (verdict.as_of, verdict.recheck_on) == (today(), today() + 30 * DAY)


def test_an_update_keeps_a_recheck_date_still_ahead(editor):
    claim = published(recheck_on=today() + 60 * DAY)
    claim_transition(
        claim=claim, name="correct", by=editor, comment="More context.", correction_kind="update"
    )
    assert verdict_of(claim).recheck_on == today() + 60 * DAY


def test_a_clarification_keeps_the_date_the_verdict_is_judged_as_of(editor):
    claim = published(recheck_on=dt.date(2025, 1, 1))
    claim_transition(
        claim=claim, name="correct", by=editor, comment="Typo.", correction_kind="clarification"
    )
    verdict = verdict_of(claim)
    assert (verdict.as_of, verdict.recheck_on) == (dt.date(2023, 3, 20), dt.date(2025, 1, 1))


def test_a_correction_refuses_a_recheck_date_in_the_past(editor):
    claim = published()
    with pytest.raises(ValidationError) as refused:
        claim_transition(
            claim=claim, name="correct", by=editor, comment="x", recheck_on=today() - 300 * DAY
        )
    assert list(refused.value.message_dict) == ["recheck_on"]
    assert not claim.corrections.exists()


def test_due_for_recheck_lists_published_verdicts_whose_date_has_come():
    due = published(recheck_on=dt.date(2025, 1, 1))
    due_today = published(as_of=today() - 300 * DAY, recheck_on=today())
    published(recheck_on=today() + DAY)
    published(recheck_on=None)
    retracted = ClaimFactory(state=ClaimState.RETRACTED)
    VerdictFactory(claim=retracted, recheck_on=dt.date(2025, 1, 1))
    draft = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=draft, recheck_on=dt.date(2025, 1, 1))
    assert set(Claim.objects.due_for_recheck()) == {due, due_today}
    assert set(Claim.objects.due_for_recheck(today=dt.date(2025, 1, 1))) == {due}


def test_a_recheck_date_before_the_as_of_date_is_invalid():
    claim = published()
    verdict = verdict_of(claim)
    verdict.recheck_on = dt.date(2023, 3, 20)
    with pytest.raises(ValidationError) as invalid:
        verdict.full_clean()
    assert invalid.value.message_dict == {
        "recheck_on": ["The re-check date must be after the date the verdict is judged as of."]
    }
