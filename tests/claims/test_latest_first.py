"""Public lists sort newest verdict first by the claim's copy of its verdict's
publication time, which database triggers keep whatever writes the rows."""

import datetime as dt

import pytest
from django.db import connection

from claims.models import Claim, Verdict
from tests.factories import ClaimFactory, VerdictFactory

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
