import pytest
from django.core.exceptions import PermissionDenied

from claims.models import ClaimState
from claims.services import claim_assign
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_assigning_a_claim_bumps_its_version_and_keeps_who_did_it(researcher, editor):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    claim = claim_assign(claim=claim, assignee=editor, by=researcher)
    assert claim.assignee == editor
    assert claim.version == 2 and claim.updated_by == researcher
    latest = claim.history.first()
    assert (latest.assignee_id, latest.history_user) == (editor.pk, researcher)


def test_only_someone_who_may_edit_the_claim_assigns_it(researcher, editor):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW)
    with pytest.raises(PermissionDenied, match="may not edit a claim that is in review"):
        claim_assign(claim=claim, assignee=researcher, by=researcher)
    claim.refresh_from_db()
    assert claim.assignee is None and claim.version == 1
