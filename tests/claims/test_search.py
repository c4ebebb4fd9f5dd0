"""One search for the readers' box, the API's `search` and `claims:search`.

The same assertions hold on both databases wherever SQLite's portable path
can answer them; stemming, languages and ranking are PostgreSQL's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.lexical_matching import similar_claims
from claims.models import Claim, Speaker, Verdict
from claims.search import search_claims
from tests.factories import ClaimFactory, SpeakerFactory, VerdictFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming, languages and ranking need PostgreSQL"
)


def found(text: str, **options) -> list[Claim]:
    return list(search_claims(Claim.objects.all(), text, **options))


def index_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'claims_claim'")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims_claim'"
            )
        return {row[0] for row in cursor.fetchall()}


def explain(sql: str, params) -> str:
    with connection.cursor() as cursor:
        # A handful of rows is scanned faster than any index; forbid that to
        # see which index the planner would use on a large table.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_one_gin_index_on_postgresql_and_none_on_sqlite():
    names = index_names()
    if connection.vendor == "postgresql":
        assert "claim_search_vector_idx" in names
        assert not {"claim_text_fts_idx", "claim_text_trgm_idx"} & names  # 0008's, replaced
    else:
        assert "claim_search_vector_idx" not in names


@on_postgresql
def test_search_and_matching_narrow_with_the_index():
    ClaimFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        list(search_claims(Claim.objects.all(), "ICC members"))
        similar_claims("the ICC has members", Claim.objects.all())
    for query in queries.captured_queries:
        if "search_vector" in query["sql"] and "@@" in query["sql"]:
            # Captured SQL has its parameters inlined: explain the text as run.
            assert "claim_search_vector_idx" in explain(query["sql"], None)
    assert sum("@@" in q["sql"] for q in queries.captured_queries) == 2


def test_search_needs_every_word():
    judges = ClaimFactory(text="The ICC has 18 judges serving nine-year terms.")
    ClaimFactory(text="The ICC has 123 member states.")
    assert found("ICC judges") == [judges]
    assert found("judges Moscow") == []


def test_a_query_without_words_or_of_stop_words_only_finds_nothing():
    ClaimFactory(text="The ICC has 123 member states.")
    assert found("!!!") == []
    if connection.vendor == "postgresql":
        # SQLite's portable path reads "the" as a word like any other.
        assert found("the") == []
    assert len(found("the ICC")) == 1


def test_the_speaker_headline_and_summary_are_searched_too():
    speaker = SpeakerFactory(name="Maria Zakharova")
    claim = ClaimFactory(text="Russia bears no obligations.", speaker=speaker)
    VerdictFactory(claim=claim, headline="Moscow's position", summary="Accurate for a non-party.")
    assert found("Zakharova") == [claim]
    assert found("Moscow position") == [claim]
    assert found("non-party") == [claim]


def test_every_write_path_keeps_the_search_current():
    speaker = SpeakerFactory(name="Andriy Kostin")
    claim = ClaimFactory(text="Children were deported.", speaker=speaker)
    assert found("Kostin") == [claim]

    claim.text = "Sixteen thousand children were taken."
    claim.save()
    assert found("sixteen") == [claim] and found("deported") == []

    Claim.objects.filter(pk=claim.pk).update(text="A register lists the children.")
    assert found("register") == [claim] and found("sixteen") == []

    Speaker.objects.filter(pk=speaker.pk).update(name="Volodymyr Zelensky")
    assert found("Zelensky") == [claim] and found("Kostin") == []

    Verdict.objects.bulk_create([Verdict(claim=claim, headline="Unverifiable figure")])
    assert found("unverifiable") == [claim]

    Verdict.objects.filter(claim=claim).update(summary="Only the claimant's register counts it.")
    assert found("claimant") == [claim] and found("unverifiable") == [claim]

    Verdict.objects.filter(claim=claim).delete()
    assert found("unverifiable") == []

    [bulk] = Claim.objects.bulk_create([Claim(text="Bulk inserted claims are searchable.")])
    assert found("searchable") == [Claim.objects.get(pk=bulk.pk)]


@on_postgresql
def test_english_is_stemmed_and_other_languages_in_their_own_way():
    english = ClaimFactory(text="More than 16,000 deportations of children were recorded.")
    spanish = ClaimFactory(text="Los niños fueron deportados a Rusia.", language="es")
    assert found("deported children") == [english]
    # The exact word finds a claim in any language; its language's stemming
    # needs the language named, as the readers' and the API's filters do.
    assert found("deportados") == [spanish]
    assert found("deportado") == []
    spanish_only = Claim.objects.filter(language="es")
    assert list(search_claims(spanish_only, "deportado", language="es")) == [spanish]


@on_postgresql
def test_a_match_in_the_claim_ranks_above_one_in_the_summary():
    in_summary = ClaimFactory(text="Russia bears no obligations.")
    VerdictFactory(claim=in_summary, summary="The statute binds its states parties.")
    in_text = ClaimFactory(text="The Rome Statute has 123 states parties.")
    assert found("states parties") == [in_text, in_summary]
    unranked = search_claims(Claim.objects.order_by("pk"), "states parties", ranked=False)
    assert list(unranked) == [in_summary, in_text]
