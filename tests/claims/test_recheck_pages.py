"""What readers see of a verdict's date: the claim page, the embed card, the
ClaimReview, and caches that show a re-check at the next request."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from django.utils.dateformat import format as format_date

from claims.claimreview import claim_review
from claims.models import Claim, ClaimState, Verdict
from claims.workflow import claim_transition
from tests.factories import ClaimFactory, EvidenceFactory, RatingFactory, VerdictFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
PUBLISHED_AT = dt.datetime(2023, 3, 20, 9, 0, tzinfo=dt.UTC)


def today() -> dt.date:
    return timezone.localdate()


def long_date(date: dt.date) -> str:
    return format_date(date, "j F Y")


@pytest.fixture
def claim():
    claim = ClaimFactory(state=ClaimState.PUBLISHED, text="The ICC has 123 states parties.")
    VerdictFactory(
        claim=claim,
        published_at=PUBLISHED_AT,
        as_of=dt.date(2023, 3, 20),
        recheck_on=dt.date(2025, 1, 1),
    )
    EvidenceFactory(claim=claim)
    return claim


def page(client, claim) -> str:
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def recheck(claim, editor, comment="Checked the ASP list."):
    return claim_transition(
        claim=claim, name="recheck", by=editor, comment=comment, recheck_on=today() + 365 * DAY
    )


def test_the_claim_page_says_what_date_the_verdict_is_judged_as_of(client, claim):
    html = page(client, claim)
    assert 'as of <time datetime="2023-03-20">20 March 2023</time>' in html
    assert "Checked again" not in html


def test_the_claim_page_shows_the_newest_recheck(client, claim, editor):
    recheck(claim, editor)
    html = page(client, claim)
    iso, shown = today().isoformat(), long_date(today())
    assert f'as of <time datetime="{iso}">{shown}</time>' in html
    assert f'Checked again on <time datetime="{iso}">{shown}</time>: still accurate' in html
    # First published on its own date still.
    assert "Published 20 March 2023" in html


def test_the_desks_note_on_a_recheck_stays_off_the_public_page(client, claim, editor):
    recheck(claim, editor, comment="<script>alert('desk')</script> internal source")
    html = page(client, claim)
    assert "internal source" not in html and "alert('desk')" not in html


def test_an_update_after_a_recheck_replaces_its_still_accurate(client, claim, editor):
    recheck(claim, editor)
    claim_transition(
        claim=claim,
        name="correct",
        by=editor,
        comment="Ukraine joined.",
        new_rating=RatingFactory(slug="true", value=5, label="True"),
    )
    html = page(client, claim)
    assert "Checked again" not in html
    assert f'as of <time datetime="{today().isoformat()}">' in html


def test_a_retracted_verdict_shows_neither_date_nor_recheck(client, claim, editor):
    recheck(claim, editor)
    claim_transition(claim=claim, name="retract", by=editor, comment="Withdrawn.")
    html = page(client, claim)
    assert "Checked again" not in html and "as of <time" not in html


def test_the_embed_card_says_as_of_and_checked_again(client, claim, editor):
    card = client.get(f"/embed/claims/{claim.pk}/").content.decode()
    assert "Rated as of 20 March 2023" in card
    recheck(claim, editor)
    card = client.get(f"/embed/claims/{claim.pk}/").content.decode()
    assert f"Rated as of {long_date(today())} · checked again {long_date(today())}" in card


def test_a_recheck_moves_date_modified_and_keeps_date_published(claim, editor):
    before = claim_review(Claim.objects.for_claimreview().get(pk=claim.pk))
    recheck(claim, editor)
    after = claim_review(Claim.objects.for_claimreview().get(pk=claim.pk))
    assert after["datePublished"] == before["datePublished"] == PUBLISHED_AT.isoformat()
    verdict = Verdict.objects.get(claim=claim)
    assert after["dateModified"] == verdict.updated_at.isoformat()
    assert after["dateModified"] > before["dateModified"]


def test_a_recheck_shows_at_the_next_request_to_every_cached_surface(
    client, claim, editor, django_assert_num_queries
):
    paths = {
        "card": f"/embed/claims/{claim.pk}/",
        "api": f"/api/v1/claims/{claim.pk}/",
        "claimreview": f"/api/v1/claims/{claim.pk}/claimreview/",
    }
    before = {name: client.get(path) for name, path in paths.items()}
    with django_assert_num_queries(0):  # all three from the cache
        warm = {name: client.get(path).content for name, path in paths.items()}
    assert warm == {name: response.content for name, response in before.items()}
    recheck(claim, editor)
    after = {name: client.get(path) for name, path in paths.items()}
    assert "checked again" in after["card"].content.decode()
    assert after["card"]["ETag"] != before["card"]["ETag"]
    assert json.loads(after["api"].content)["verdict"]["rechecked_on"] == today().isoformat()
    old, new = (
        json.loads(r.content)["dateModified"] for r in (before["claimreview"], after["claimreview"])
    )
    assert new > old
