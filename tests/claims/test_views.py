import pytest

from claims.models import ClaimState
from tests.factories import ClaimFactory, SpeakerFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_and_retracted_verdicts_only(client):
    shown = VerdictFactory(claim__state=ClaimState.PUBLISHED, claim__text="Shown claim")
    VerdictFactory(claim__state=ClaimState.RETRACTED, claim__text="Withdrawn claim")
    VerdictFactory(claim__state=ClaimState.IN_REVIEW, claim__text="Secret draft")
    page = client.get("/").content.decode()
    assert "Shown claim" in page and "Withdrawn claim" in page
    assert "Secret draft" not in page
    assert shown.rating.label in page


@pytest.mark.parametrize(
    "state", ["draft", "researching", "in_review", "rejected"], ids=lambda s: f"{s}"
)
def test_an_unpublished_claim_page_is_404(client, state):
    claim = ClaimFactory(state=state)
    assert client.get(claim.get_absolute_url()).status_code == 404


def test_a_published_claim_page_shows_the_verdict(client):
    verdict = VerdictFactory(claim__state=ClaimState.PUBLISHED)
    response = client.get(verdict.claim.get_absolute_url())
    assert response.status_code == 200
    assert verdict.summary in response.content.decode()


def test_user_text_is_escaped(client):
    VerdictFactory(
        claim__state=ClaimState.PUBLISHED,
        claim__text="<script>alert(1)</script>",
        claim__speaker=SpeakerFactory(name="<b>Bold</b>"),
    )
    page = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page


def test_speaker_page_lists_only_public_claims(client):
    speaker = SpeakerFactory()
    VerdictFactory(claim__speaker=speaker, claim__state=ClaimState.PUBLISHED, claim__text="Out")
    ClaimFactory(speaker=speaker, state=ClaimState.DRAFT, text="Not yet")
    page = client.get(speaker.get_absolute_url()).content.decode()
    assert "Out" in page and "Not yet" not in page
