"""Re-checks through the API: the transition, its refusals, the dates a claim reads."""

import datetime as dt

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from claims.models import ClaimState, Verdict, WorkflowEvent
from tests.factories import ClaimFactory, EvidenceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def today() -> dt.date:
    return timezone.localdate()


def published(state=ClaimState.PUBLISHED, recheck_on=None):
    claim = ClaimFactory(state=state)
    VerdictFactory(
        claim=claim,
        published_at=timezone.now() - 400 * DAY,
        as_of=today() - 400 * DAY,
        recheck_on=recheck_on,
    )
    EvidenceFactory(claim=claim)
    return claim


def recheck(client, claim, **body):
    return client.post(f"/api/v1/claims/{claim.pk}/recheck/", body, format="json")


def test_an_editor_rechecks_a_verdict_and_reads_its_new_dates(client_for, editor):
    claim = published(recheck_on=today() - DAY)
    next_date = today() + 365 * DAY
    response = recheck(
        client_for(editor),
        claim,
        comment="Still 123 on the ASP list.",
        recheck_on=next_date.isoformat(),
        expected_version=claim.version,
    )
    assert response.status_code == 200, response.content
    verdict = response.json()["verdict"]
    assert (verdict["as_of"], verdict["recheck_on"], verdict["rechecked_on"]) == (
        today().isoformat(),
        next_date.isoformat(),
        today().isoformat(),
    )
    assert response.json()["state"] == "published"


def test_anyone_reads_the_dates_of_a_public_verdict(api):
    claim = published(recheck_on=today() + 10 * DAY)
    verdict = api.get(f"/api/v1/claims/{claim.pk}/").json()["verdict"]
    assert verdict["as_of"] == (today() - 400 * DAY).isoformat()
    assert verdict["recheck_on"] == (today() + 10 * DAY).isoformat()
    assert verdict["rechecked_on"] is None


@pytest.mark.parametrize(
    "recheck_on, errors",
    [
        ("2025-02-30", ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]),
        ("tomorrow", ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]),
        ("past", None),
        ("today", None),
    ],
)
def test_a_bad_recheck_date_is_a_400_on_that_field_and_changes_nothing(
    client_for, editor, recheck_on, errors
):
    claim = published(recheck_on=today() - DAY)
    if recheck_on in ("past", "today"):
        date = today() - (DAY if recheck_on == "past" else 0 * DAY)
        recheck_on = date.isoformat()
        errors = [f"The re-check date must be after today ({today()}); {recheck_on} is not."]
    response = recheck(client_for(editor), claim, comment="Checked.", recheck_on=recheck_on)
    assert response.status_code == 400
    assert response.json() == {"recheck_on": errors}
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.as_of, verdict.recheck_on) == (today() - 400 * DAY, today() - DAY)
    assert not WorkflowEvent.objects.exists()


def test_a_recheck_of_a_claim_not_published_is_a_400(client_for, editor):
    claim = published(state=ClaimState.RETRACTED)
    response = recheck(client_for(editor), claim, comment="Checked.")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            "A claim that is retracted cannot be moved by “Re-checked: still accurate”."
        ]
    }


def test_researchers_cannot_recheck_through_the_api(client_for, researcher):
    claim = published()
    response = recheck(client_for(researcher), claim, comment="Checked.")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Only editors may record a re-check."]}
    assert Verdict.objects.get(claim=claim).rechecked_on is None


def test_a_recheck_needs_a_note(client_for, editor):
    response = recheck(client_for(editor), published())
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["What you checked (for the desk's record) is required."]
    }


def test_a_bad_state_and_a_bad_date_are_reported_together(client_for, editor):
    claim = published(state=ClaimState.RETRACTED)
    response = recheck(client_for(editor), claim, comment="x", recheck_on="2001-01-01")
    assert response.status_code == 400
    assert set(response.json()) == {"non_field_errors", "recheck_on"}


def test_other_transitions_refuse_a_recheck_date(client_for, editor):
    claim = published()
    response = client_for(editor).post(
        f"/api/v1/claims/{claim.pk}/retract/",
        {"comment": "Withdrawn.", "recheck_on": (today() + DAY).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["recheck_on"]
    assert Verdict.objects.get(claim=claim).claim.state == ClaimState.PUBLISHED


def test_a_correction_through_the_api_sets_the_next_recheck(client_for, editor):
    claim = published(recheck_on=today() - DAY)
    next_date = today() + 100 * DAY
    response = client_for(editor).post(
        f"/api/v1/claims/{claim.pk}/correct/",
        {"comment": "Now 125.", "kind": "update", "recheck_on": next_date.isoformat()},
        format="json",
    )
    assert response.status_code == 200, response.content
    verdict = response.json()["verdict"]
    assert (verdict["as_of"], verdict["recheck_on"]) == (today().isoformat(), next_date.isoformat())


def test_the_schema_documents_the_recheck_date():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    fields = schema["components"]["schemas"]["TransitionRequest"]["properties"]
    assert fields["recheck_on"]["format"] == "date"
    assert "after today" in fields["recheck_on"]["description"]
    verdict = schema["components"]["schemas"]["Verdict"]["properties"]
    assert {"as_of", "recheck_on", "rechecked_on"} <= set(verdict)
    transition = schema["paths"]["/api/v1/claims/{id}/{transition}/"]["post"]
    assert "recheck" in transition["description"]
