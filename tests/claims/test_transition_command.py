import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import ClaimState
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
