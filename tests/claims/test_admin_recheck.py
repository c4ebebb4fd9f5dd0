"""The desk's re-checks: the transition form, the verdict's dates in the
change form, and the "Due for re-check" queue."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import ClaimState, Verdict
from tests.admin_forms import form_data
from tests.factories import ClaimFactory, EvidenceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")
DAY = dt.timedelta(days=1)


def today() -> dt.date:
    return timezone.localdate()


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def transition_url(claim, name):
    return reverse("admin:claims_claim_transition", args=[claim.pk, name])


def published(text="The ICC has 123 states parties.", recheck_on=None):
    claim = ClaimFactory(state=ClaimState.PUBLISHED, text=text)
    VerdictFactory(
        claim=claim,
        published_at=timezone.now() - 600 * DAY,
        as_of=today() - 600 * DAY,
        recheck_on=recheck_on,
    )
    EvidenceFactory(claim=claim)
    return claim


def test_an_editor_rechecks_from_the_admin_and_sets_the_next_date(as_user, editor):
    claim = published(recheck_on=today() - DAY)
    client = as_user(editor)
    assert transition_url(claim, "recheck") in client.get(change_url(claim)).content.decode()
    page = client.get(transition_url(claim, "recheck")).content.decode()
    assert 'name="recheck_on"' in page
    data = form_data(page, "transition-form")
    next_date = today() + 90 * DAY
    response = client.post(
        transition_url(claim, "recheck"),
        data | {"comment": "Register still lists 123.", "recheck_on": next_date.isoformat()},
    )
    assert response.status_code == 302
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.as_of, verdict.rechecked_on, verdict.recheck_on) == (
        today(),
        today(),
        next_date,
    )
    assert "Register still lists 123." in claim.events.get().comment


def test_a_recheck_date_in_the_past_is_a_form_error_and_changes_nothing(as_user, editor):
    claim = published(recheck_on=today() - DAY)
    client = as_user(editor)
    data = form_data(
        client.get(transition_url(claim, "recheck")).content.decode(), "transition-form"
    )
    response = client.post(
        transition_url(claim, "recheck"),
        data | {"comment": "Checked.", "recheck_on": (today() - 5 * DAY).isoformat()},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The re-check date must be after today" in page
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.as_of, verdict.rechecked_on) == (today() - 600 * DAY, None)
    assert not claim.events.exists()


def test_a_date_that_is_no_date_is_a_form_error(as_user, editor):
    claim = published()
    client = as_user(editor)
    data = form_data(
        client.get(transition_url(claim, "recheck")).content.decode(), "transition-form"
    )
    response = client.post(
        transition_url(claim, "recheck"), data | {"comment": "Checked.", "recheck_on": "31/02/27"}
    )
    assert "Enter a valid date." in response.content.decode()
    assert Verdict.objects.get(claim=claim).rechecked_on is None


def test_a_researcher_is_told_why_they_cannot_recheck(as_user, researcher):
    claim = published()
    client = as_user(researcher)
    page = client.get(transition_url(claim, "recheck")).content.decode()
    assert "You cannot record a re-check now" in page
    assert "Only editors may record a re-check." in page


def test_an_unpublished_claim_offers_no_recheck(as_user, editor):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    VerdictFactory(claim=claim)
    client = as_user(editor)
    assert transition_url(claim, "recheck") not in client.get(change_url(claim)).content.decode()
    page = client.get(transition_url(claim, "recheck")).content.decode()
    assert "A claim that is in review cannot be moved by “Re-checked: still accurate”." in page


def test_the_correction_form_takes_a_next_recheck_date(as_user, editor):
    claim = published(recheck_on=today() - DAY)
    client = as_user(editor)
    data = form_data(
        client.get(transition_url(claim, "correct")).content.decode(), "transition-form"
    )
    next_date = today() + 200 * DAY
    response = client.post(
        transition_url(claim, "correct"),
        data | {"kind": "update", "comment": "125 now.", "recheck_on": next_date.isoformat()},
    )
    assert response.status_code == 302
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.as_of, verdict.recheck_on) == (today(), next_date)


def test_bulk_actions_offer_no_recheck(as_user, editor):
    claim = published()
    page = as_user(editor).post(
        CHANGELIST, {"action": "apply_transition", "_selected_action": [claim.pk]}
    )
    assert 'value="recheck"' not in page.content.decode()
    assert 'value="retract"' in page.content.decode()


# --- The verdict's dates in the change form ------------------------------------


def test_an_editor_plans_a_recheck_of_a_published_verdict_but_cannot_move_its_date(as_user, editor):
    claim = published()
    client = as_user(editor)
    page = client.get(change_url(claim)).content.decode()
    assert 'name="verdict-0-recheck_on"' in page
    assert 'name="verdict-0-as_of"' not in page
    data = form_data(page)
    next_date = today() + 30 * DAY
    response = client.post(change_url(claim), data | {"verdict-0-recheck_on": next_date})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Verdict.objects.get(claim=claim).recheck_on == next_date


def test_a_past_recheck_date_in_the_change_form_is_refused(as_user, editor):
    claim = published()
    client = as_user(editor)
    data = form_data(client.get(change_url(claim)).content.decode())
    response = client.post(
        change_url(claim), data | {"verdict-0-recheck_on": (today() - DAY).isoformat()}
    )
    assert response.status_code == 200
    assert "The re-check date must be after today" in response.content.decode()
    assert Verdict.objects.get(claim=claim).recheck_on is None


def test_a_recheck_date_that_has_come_does_not_block_other_edits(as_user, editor):
    claim = published(recheck_on=today() - 3 * DAY)
    client = as_user(editor)
    data = form_data(client.get(change_url(claim)).content.decode())
    response = client.post(change_url(claim), data | {"verdict-0-headline": "Still 123"})
    assert response.status_code == 302
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.headline, verdict.recheck_on) == ("Still 123", today() - 3 * DAY)


def test_a_researcher_dates_a_draft_verdict(as_user, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    client = as_user(researcher)
    data = form_data(client.get(change_url(claim)).content.decode())
    as_of, recheck_on = today() - 2 * DAY, today() + 400 * DAY
    response = client.post(
        change_url(claim),
        data | {"verdict-0-as_of": as_of.isoformat(), "verdict-0-recheck_on": recheck_on},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.as_of, verdict.recheck_on) == (as_of, recheck_on)


def test_a_verdict_is_not_judged_as_of_a_day_to_come(as_user, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    client = as_user(researcher)
    data = form_data(client.get(change_url(claim)).content.decode())
    response = client.post(
        change_url(claim), data | {"verdict-0-as_of": (today() + DAY).isoformat()}
    )
    assert "A verdict cannot be judged as of a day after today" in response.content.decode()
    assert Verdict.objects.get(claim=claim).as_of is None


# --- The queue -----------------------------------------------------------------------


def test_due_for_recheck_lists_the_verdicts_whose_date_has_come(as_user, editor):
    published("Due since yesterday", recheck_on=today() - DAY)
    published("Due today", recheck_on=today())
    published("Due next week", recheck_on=today() + 7 * DAY)
    published("Never planned")
    page = as_user(editor).get(CHANGELIST, {"recheck": "due"}).content.decode()
    assert "Due for re-check" in page
    assert "Due since yesterday" in page and "Due today" in page
    assert "Due next week" not in page and "Never planned" not in page


@pytest.mark.parametrize("rows", [1, 30])
def test_the_recheck_queue_costs_a_fixed_number_of_queries(
    as_user, editor, django_assert_max_num_queries, rows
):
    for n in range(rows):
        published(f"Claim {n}", recheck_on=today() - DAY)
    published("Not due", recheck_on=today() + DAY)
    client = as_user(editor)
    # session and user; the filters' choices; the counts; the page with speaker,
    # assignee, last editor and rating joined, however many rows it shows
    with django_assert_max_num_queries(14):
        page = client.get(CHANGELIST, {"recheck": "due"})
    assert page.content.decode().count('class="action-select"') == rows
