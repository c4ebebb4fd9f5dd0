import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.matching import similar_claims
from claims.models import Claim
from claims.search import search_claim_text
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

INDEXES = {"claim_text_fts_idx", "claim_text_trgm_idx"}


def index_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'claims_claim'")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims_claim'"
            )
        return {row[0] for row in cursor.fetchall()}


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        # A handful of rows is scanned faster than any index; forbid that to
        # see which index the planner would use on a large table.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_text_indexes_exist_on_postgresql_only():
    if connection.vendor == "postgresql":
        assert INDEXES <= index_names()
    else:
        assert not INDEXES & index_names()


def test_search_and_matching_narrow_with_the_indexes():
    ClaimFactory.create_batch(3)
    search = search_claim_text(Claim.objects.all(), "ICC members")
    if connection.vendor != "postgresql":
        # The portable path: every word, anywhere in the text; no index to use.
        assert str(search.query).count("LIKE") == 2
        return
    with CaptureQueriesContext(connection) as queries:
        list(search)
        similar_claims("the ICC has members", Claim.objects.all())
    search_sql = queries.captured_queries[0]["sql"]
    assert "claim_text_fts_idx" in explain(search_sql)
    match_sql = next(q["sql"] for q in queries.captured_queries if "%>" in q["sql"])
    match_plan = explain(match_sql)
    assert "claim_text_fts_idx" in match_plan and "claim_text_trgm_idx" in match_plan


def test_search_needs_every_word():
    judges = ClaimFactory(text="The ICC has 18 judges serving nine-year terms.")
    ClaimFactory(text="The ICC has 123 member states.")
    assert list(search_claim_text(Claim.objects.all(), "ICC judges")) == [judges]
    assert list(search_claim_text(Claim.objects.all(), "judges Moscow")) == []
