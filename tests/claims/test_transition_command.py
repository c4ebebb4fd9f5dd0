import datetime as dt
import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from claims.models import ClaimState, Verdict
from tests.factories import ClaimFactory, EvidenceFactory, RatingFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("transition_claim", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_command_takes_the_same_path_as_the_admin(researcher, editor):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    assert (
        run(claim.pk, "submit", "--user", "researcher") == f"Claim {claim.pk} is now in review.\n"
    )
    run(claim.pk, "publish", "--user", "editor")
    run(claim.pk, "correct", "--user", "editor", "--comment", "Fixed", "--rating", "true")
    claim.refresh_from_db()
    assert claim.state == ClaimState.PUBLISHED
    assert claim.corrections.get().rating_after.slug == "true"


def test_the_command_refuses_with_the_workflow_message(researcher):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    with pytest.raises(CommandError, match="Only editors may publish"):
        run(claim.pk, "publish", "--user", "researcher")
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW


@pytest.mark.parametrize(
    "args,message",
    [
        ((999999, "submit", "--user", "researcher"), "There is no claim 999999"),
        (("{pk}", "submit", "--user", "nobody"), "There is no user “nobody”"),
        (("{pk}", "correct", "--user", "editor", "--rating", "bogus"), "“bogus” is not a rating"),
    ],
)
def test_the_command_explains_bad_input(researcher, editor, args, message):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    VerdictFactory(claim=claim, rating=RatingFactory())
    args = [str(a).format(pk=claim.pk) for a in args]
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_an_unknown_transition_name_is_an_error_before_anything_runs(researcher):
    claim = ClaimFactory()
    with pytest.raises(CommandError, match="invalid choice: 'approve'"):
        run(claim.pk, "approve", "--user", "researcher")


def test_the_command_records_a_recheck_with_the_next_date(editor):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    VerdictFactory(claim=claim, as_of=dt.date(2023, 3, 20), recheck_on=dt.date(2025, 1, 1))
    next_date = timezone.localdate() + dt.timedelta(days=180)
    out = run(
        claim.pk,
        "recheck",
        "--user",
        "editor",
        "--comment",
        "ASP list checked.",
        "--recheck-on",
        next_date.isoformat(),
    )
    assert out == f"Claim {claim.pk} is now published.\n"
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.as_of, verdict.recheck_on) == (timezone.localdate(), next_date)


@pytest.mark.parametrize("value", ["2025-02-30", "next week", "01/06/2027"])
def test_a_recheck_date_that_is_no_date_is_refused_before_anything_runs(editor, value):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    VerdictFactory(claim=claim)
    with pytest.raises(CommandError) as refused:
        run(claim.pk, "recheck", "--user", "editor", "--comment", "x", "--recheck-on", value)
    assert str(refused.value) == (
        f"Error: argument --recheck-on: must be a date written YYYY-MM-DD, not {value!r}"
    )
    assert not claim.events.exists()


def test_a_recheck_date_in_the_past_is_refused_with_the_workflow_message(editor):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    VerdictFactory(claim=claim, as_of=dt.date(2023, 3, 20))
    with pytest.raises(CommandError, match="The re-check date must be after today"):
        run(claim.pk, "recheck", "--user", "editor", "--comment", "x", "--recheck-on", "2024-01-01")
    assert Verdict.objects.get(claim=claim).as_of == dt.date(2023, 3, 20)


def test_a_bad_recheck_date_exits_non_zero_with_one_readable_line(editor):
    claim = ClaimFactory(state=ClaimState.PUBLISHED)
    VerdictFactory(claim=claim)
    done = subprocess.run(
        [sys.executable, "manage.py", "transition_claim", str(claim.pk), "recheck"]
        + ["--user", "editor", "--recheck-on", "2027-13-01"],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
    )
    assert done.returncode == 2
    assert (
        "error: argument --recheck-on: must be a date written YYYY-MM-DD, not '2027-13-01'"
        in done.stderr
    )
