"""Public lists sort newest verdict first by the claim's copy of its verdict's
publication time, which database triggers keep whatever writes the rows."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from claims.models import Claim, ClaimState, Verdict
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    OutletFactory,
    SourceFactory,
    SpeakerFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

MARCH = dt.datetime(2023, 3, 17, 12, tzinfo=dt.UTC)


def copy_of(claim) -> dt.datetime | None:
    return Claim.objects.values_list("verdict_published_at", flat=True).get(pk=claim.pk)


def test_every_write_to_a_verdict_keeps_the_claims_copy():
    claim = ClaimFactory()
    assert copy_of(claim) is None

    Verdict.objects.bulk_create([Verdict(claim=claim, published_at=MARCH)])
    assert copy_of(claim) == MARCH

    Verdict.objects.filter(claim=claim).update(published_at=MARCH + dt.timedelta(days=1))
    assert copy_of(claim) == MARCH + dt.timedelta(days=1)

    verdict = Verdict.objects.get(claim=claim)
    verdict.published_at = None
    verdict.save()
    assert copy_of(claim) is None

    Verdict.objects.filter(claim=claim).update(published_at=MARCH)
    Verdict.objects.filter(claim=claim).delete()
    assert copy_of(claim) is None


def test_a_claim_saved_from_a_stale_object_keeps_the_copy_right():
    verdict = VerdictFactory(published=True)
    # Every column loaded, the copy included, before the verdict changes.
    stale = Claim.objects.defer(None).get(pk=verdict.claim_id)
    Verdict.objects.filter(pk=verdict.pk).update(published_at=MARCH)
    stale.text = "Edited from an object read before the verdict changed."
    stale.save()
    assert copy_of(stale) == MARCH


def test_public_lists_sort_newest_verdict_first_and_unpublished_last():
    old = VerdictFactory(published=True, claim__text="Old verdict")
    new = VerdictFactory(published=True, claim__text="New verdict")
    Verdict.objects.filter(pk=old.pk).update(published_at=MARCH)
    Verdict.objects.filter(pk=new.pk).update(published_at=MARCH + dt.timedelta(days=3))
    draft = ClaimFactory(text="No verdict yet")
    texts = [c.text for c in Claim.objects.latest_first()]
    assert texts == ["New verdict", "Old verdict", draft.text]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the partial index with INCLUDE is PostgreSQL's; CI runs this on PostgreSQL",
)
def test_deep_pages_read_the_index_on_postgresql():
    VerdictFactory.create_batch(3, published=True)
    sql, params = (
        Claim.objects.public().latest_first().values_list("pk", flat=True)[40:60].query
    ).sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "claim_latest_verdict_idx" in plan


# --- Every public list, on every database ------------------------------------------

NEW, OLD, UNDATED = "22 witnesses", "11 witnesses", "33 witnesses"


@pytest.fixture
def three_verdicts():
    """An older and a newer verdict of ours, and between them (by id) an imported
    review that gave no date: PostgreSQL sorts NULLs first when descending
    unless told otherwise, SQLite last; the lists must put it last on both."""
    speaker, source = SpeakerFactory(slug="a-speaker"), SourceFactory()

    def verdict(words, published_at, **imported):
        claim = ClaimFactory(
            state=ClaimState.PUBLISHED, speaker=speaker, text=f"The tribunal heard {words}."
        )
        AppearanceFactory(claim=claim, source=source)
        return VerdictFactory(claim=claim, published_at=published_at, **imported)

    verdict(OLD, MARCH)
    verdict(
        UNDATED,
        None,
        publisher=OutletFactory(name="Other Checks"),
        review_url="https://checks.example.net/tribunal",
    )
    verdict(NEW, MARCH + dt.timedelta(days=3))
    return speaker, source


def order_in(body: str) -> list[str]:
    assert all(words in body for words in (NEW, OLD, UNDATED)), body[:2000]
    return sorted((NEW, OLD, UNDATED), key=body.index)


def export() -> str:
    out = io.StringIO()
    call_command("export_claimreview", stdout=out)
    return out.getvalue()


LISTS = {
    "home page": "/",
    "claim list": "/claims/",
    "claim list, searched": "/claims/?q=tribunal",
    "speaker page": "/speakers/a-speaker/",
    "source page": "/sources/{source}/",
    "RSS feed": "/feeds/verdicts.rss",
    "Atom feed": "/feeds/verdicts.atom",
    "API claims, newest verdict first": "/api/v1/claims/?ordering=-published_at",
    "claims:search": "/api/v1/claims:search?query=tribunal",
    "ClaimReview feed": "/api/v1/claimreview/",
}


@pytest.mark.parametrize("name", list(LISTS))
def test_every_list_puts_reviews_without_a_date_last(name, three_verdicts):
    _, source = three_verdicts
    response = APIClient().get(LISTS[name].format(source=source.pk))
    assert response.status_code == 200
    assert order_in(response.content.decode()) == [NEW, OLD, UNDATED]


def test_the_claimreview_export_puts_reviews_without_a_date_last(three_verdicts):
    assert order_in(export()) == [NEW, OLD, UNDATED]


def test_the_api_oldest_verdict_first_also_puts_reviews_without_a_date_last(three_verdicts):
    response = APIClient().get("/api/v1/claims/", {"ordering": "published_at"})
    assert order_in(response.content.decode()) == [OLD, NEW, UNDATED]


def test_an_ordering_before_newest_verdict_first_comes_first(three_verdicts):
    Claim.objects.filter(text__contains=NEW).update(said_on=dt.date(2023, 3, 1))
    Claim.objects.exclude(text__contains=NEW).update(said_on=dt.date(2023, 3, 2))
    response = APIClient().get("/api/v1/claims/", {"ordering": "said_on,-published_at"})
    assert order_in(response.content.decode()) == [NEW, OLD, UNDATED]
    response = APIClient().get("/api/v1/claims/", {"ordering": "-said_on,-published_at"})
    assert order_in(response.content.decode()) == [OLD, UNDATED, NEW]
