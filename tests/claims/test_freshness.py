"""A correction or retraction shows everywhere at the next request, even to a
client (or CDN) that revalidates with the validators it saw before."""

import pytest

from claims.workflow import claim_transition
from tests.factories import RatingFactory, VerdictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verdict():
    return VerdictFactory(published=True, claim__text="The ICC has 124 member states.")


def card(client, claim, **headers):
    return client.get(f"/embed/claims/{claim.pk}/", headers=headers)


def test_a_correction_shows_on_the_page_card_and_feeds_at_the_next_request(client, verdict, editor):
    claim = verdict.claim
    before = card(client, claim)
    assert ">False</span>" in before.content.decode()
    client.get(claim.get_absolute_url())
    client.get("/feeds/verdicts.rss")

    half_true = RatingFactory(slug="half-true", value=3, colour="#8a5a00")
    claim_transition(
        claim=claim,
        name="correct",
        by=editor,
        comment="We counted Ukraine, which had not yet joined.",
        new_rating=half_true,
    )

    after = card(client, claim, if_none_match=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert ">Half true</span>" in after.content.decode()
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "We counted Ukraine, which had not yet joined." in page
    assert "rating changed from “False” to “Half true”" in page
    assert (
        "Half true: The ICC has 124 member states."
        in client.get("/feeds/verdicts.rss").content.decode()
    )
    assert "We counted Ukraine" in client.get("/feeds/verdicts.atom").content.decode()


def test_a_retraction_shows_on_the_page_card_and_feeds_at_the_next_request(client, verdict, editor):
    claim = verdict.claim
    before = card(client, claim)
    claim_transition(claim=claim, name="retract", by=editor, comment="The count was right.")

    after = card(
        client, claim, if_none_match=before["ETag"], if_modified_since=before["Last-Modified"]
    )
    assert after.status_code == 200
    assert "Retracted" in after.content.decode()
    assert "The count was right." in client.get(claim.get_absolute_url()).content.decode()
    rss = client.get("/feeds/verdicts.rss").content.decode()
    assert "Retracted: The ICC has 124 member states." in rss


def test_an_unchanged_card_still_revalidates_after_a_workflow_step_elsewhere(
    client, verdict, editor
):
    other = VerdictFactory(published=True).claim
    before = card(client, verdict.claim)
    claim_transition(claim=other, name="retract", by=editor, comment="Unrelated.")
    assert card(client, verdict.claim, if_none_match=before["ETag"]).status_code == 304
