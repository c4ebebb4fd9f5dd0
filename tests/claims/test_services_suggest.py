import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim, ClaimState
from claims.services import claim_suggest

pytestmark = pytest.mark.django_db


def test_claim_suggest_creates_a_draft_for_the_editors():
    claim = claim_suggest(
        text="  The ICC has 18 judges.  ",
        contact="reader@example.org",
        source_url="https://news.example.org/a",
    )
    claim.refresh_from_db()
    assert claim.state == ClaimState.DRAFT
    assert claim.text == "The ICC has 18 judges."
    assert claim.suggested_by_contact == "reader@example.org"
    assert claim.suggested_from_url == "https://news.example.org/a"


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "   "},
        {"text": "A claim", "contact": "not an email"},
        {"text": "A claim", "source_url": "ftp:/broken"},
    ],
)
def test_claim_suggest_validates_and_stores_nothing_on_bad_input(fields):
    with pytest.raises(ValidationError):
        claim_suggest(**fields)
    assert Claim.objects.count() == 0
