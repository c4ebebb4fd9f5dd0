"""import_claimreview at scale: batches, streaming, output modes, bad input."""

import io
import json

import pytest
from django.db import connection

from claims.claimreview_parsing import read_records
from claims.claimreview_saving import BatchImport
from claims.lexical_matching import word_frequencies
from claims.models import Appearance, Claim, ClaimState, Rating, Speaker, Verdict, WorkflowEvent
from sources.models import Outlet, Source
from tests.claims.test_claimreview_import import REVIEWS, run

pytestmark = pytest.mark.django_db


def review(n: int, **changes) -> dict:
    """A small, complete ClaimReview, unique by `n`."""
    node = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checks.example.org/reviews/{n}",
        "claimReviewed": f"The court has {n} judges.",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "datePublished": "2023-03-20",
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "False",
            "ratingValue": 1,
            "worstRating": 1,
            "bestRating": 5,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Speaker A"},
            "appearance": [{"@type": "CreativeWork", "url": f"https://news.example.com/{n}"}],
        },
    }
    node.update(changes)
    return node


def feed(nodes: list) -> dict:
    return {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": nodes}


@pytest.fixture
def write(tmp_path):
    def write(data, name="input.json") -> str:
        path = tmp_path / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data if isinstance(data, str) else json.dumps(data))
        return str(path)

    return write


def stored() -> list[int]:
    """How many rows of each kind an import writes; ratings count the default scale's."""
    return [
        m.objects.count()
        for m in (Claim, Verdict, Appearance, Source, Outlet, Speaker, Rating, WorkflowEvent)
    ]


# --- Batches --------------------------------------------------------------------------


def test_it_imports_across_batch_boundaries_reusing_what_earlier_batches_created(write):
    path = write(feed([review(n) for n in range(7)]))
    out, err, status = run(path, "--batch-size", "3", "--verbose")
    assert (status, err) == (0, "")
    for n in range(7):
        assert f"record {n} ($.dataFeedElement[{n}]): imported as claim " in out
    assert out.endswith("7 imported, 0 already here, 0 skipped.\n")
    assert Claim.objects.filter(state=ClaimState.PUBLISHED).count() == 7
    # One publisher, one rating and one speaker, though three batches met them.
    assert (
        Outlet.objects.count(),
        Rating.objects.filter(scale__publisher__isnull=False).count(),
        Speaker.objects.count(),
    ) == (1, 1, 1)
    assert Source.objects.count() == 7


def test_each_imported_review_is_recorded_as_one_import_would_record_it(write):
    node = review(1, dateModified="2023-03-22T10:00:00+01:00")
    node["correction"] = [{"@type": "CreativeWork", "name": "update", "text": "Added a link."}]
    run(write([node, review(2)]), "--batch-size", "1")
    claim = Verdict.objects.get(review_url=node["url"]).claim
    assert (claim.state, claim.version, claim.updated_by) == ("published", 2, None)
    assert list(claim.events.values_list("from_state", "to_state", "comment", "actor")) == [
        ("draft", "published", f"Imported from {node['url']}", None)
    ]
    # The publisher's time, not the time of the import.
    assert claim.verdict.updated_at.isoformat() == "2023-03-22T09:00:00+00:00"
    assert claim.verdict.publisher.name == "Example Checks"
    assert claim.corrections.get().kind == "update"
    # A history row for every row created, as each save would leave.
    assert [h.history_type for h in claim.history.all()] == ["+"]
    assert [h.history_type for h in claim.verdict.history.all()] == ["+"]
    assert claim.appearances.get().history.count() == 1
    assert claim.corrections.get().history.count() == 1


def test_a_bad_record_in_the_middle_of_a_batch_loses_none_of_the_good_ones(write):
    too_long = "https://checks.example.org/" + "x" * 2000
    nodes = [
        review(0),
        review(1, claimReviewed=""),
        # Parses, but is longer than the column: refused by validation, with
        # its own publisher, which must not be left behind.
        review(2, url=too_long, author={"@type": "Organization", "name": "Lonely Desk"}),
        review(3),
        review(4),
    ]
    out, err, status = run(write(nodes), "--batch-size", "5")
    assert status == 1
    assert "record 1 ($[1]): skipped: claimReviewed is missing or empty." in err
    assert "record 2 ($[2]): skipped: review_url: Ensure this value has at most 2000" in err
    assert "3 imported, 0 already here, 2 skipped." in err
    assert out == ""
    assert set(Verdict.objects.values_list("review_url", flat=True)) == {
        review(n)["url"] for n in (0, 3, 4)
    }
    assert not Outlet.objects.filter(name="Lonely Desk").exists()


def test_importing_again_in_other_batches_changes_nothing(write):
    path = write(feed([review(n) for n in range(5)]))
    run(path, "--batch-size", "2")
    before = stored()
    out, err, status = run(path, "--batch-size", "3", "--verbose")
    assert status == 0 and "0 imported, 5 already here, 0 skipped." in out
    for n in range(5):
        claim = Verdict.objects.get(review_url=review(n)["url"]).claim_id
        assert f"record {n} ($.dataFeedElement[{n}]): already imported as claim {claim}" in out
    assert stored() == before


@pytest.mark.parametrize("batch_size", ["2", "10"])
def test_a_review_twice_in_one_file_is_imported_once(write, batch_size):
    # Records 0 and 3 share a URL: the same batch with 10, different batches with 2.
    nodes = [review(0), review(1), review(2), review(0, claimReviewed="Changed.")]
    out, _, status = run(write(nodes), "--batch-size", batch_size, "--verbose")
    first = Verdict.objects.get(review_url=review(0)["url"]).claim
    assert status == 0 and "3 imported, 1 already here, 0 skipped." in out
    assert f"record 3 ($[3]): already imported as claim {first.pk}" in out
    assert first.text == "The court has 0 judges."


def test_a_row_written_meanwhile_by_someone_else_only_retries_the_batch(write, monkeypatch):
    # Another process stores a source after this batch looked sources up: the
    # bulk insert is refused, and the batch is redone a record at a time.
    looked_up = BatchImport.look_up

    def look_up_then_someone_else_writes(self, reviews):
        looked_up(self, reviews)
        Source.objects.get_or_create(url="https://news.example.com/1", defaults={"title": "Theirs"})

    monkeypatch.setattr(BatchImport, "look_up", look_up_then_someone_else_writes)
    out, err, status = run(write([review(n) for n in range(3)]), "--batch-size", "3")
    assert (status, err) == (0, "")
    assert "3 imported, 0 already here, 0 skipped." in out
    theirs = Source.objects.get(url="https://news.example.com/1")
    assert theirs.title == "Theirs" and theirs.appearances.count() == 1
    assert Claim.objects.count() == 3


# --- Streaming ------------------------------------------------------------------------


class ReadTracking(io.BytesIO):
    """Remembers how far the reader got since it last went back to the start."""

    def seek(self, *args):
        self.furthest = 0
        return super().seek(*args)

    def read(self, size=-1):
        data = super().read(size)
        self.furthest = max(getattr(self, "furthest", 0), self.tell())
        return data

    def readinto(self, buffer):
        count = super().readinto(buffer)
        self.furthest = max(getattr(self, "furthest", 0), self.tell())
        return count


@pytest.mark.parametrize("shape", ["array", "feed", "feed with @type last"])
def test_large_arrays_and_feeds_are_streamed_a_record_at_a_time(shape):
    nodes = [review(n, reviewBody="Long explanation. " * 50) for n in range(2000)]
    data = {"array": nodes, "feed": feed(nodes)}.get(shape)
    if shape == "feed with @type last":
        data = {"dataFeedElement": nodes, "@type": "DataFeed"}
    stream = ReadTracking(json.dumps(data).encode())
    records = read_records(stream)
    first = next(records)
    size = len(stream.getvalue())
    if shape == "feed with @type last":
        # Only known to be a feed once the elements have gone by: read whole.
        assert stream.furthest == size
    else:
        assert stream.furthest < size / 10
    rest = list(records)
    where = "$[{}]" if shape == "array" else "$.dataFeedElement[{}]"
    assert [r.location for r in [first, *rest]] == [where.format(n) for n in range(2000)]
    assert [r.index for r in rest][-1] == 1999 and rest[-1].node["url"] == nodes[-1]["url"]


def test_a_large_feed_imports_in_several_batches(write):
    path = write(feed([review(n) for n in range(1200)]))
    out, err, status = run(path)
    assert (status, err) == (0, "")
    assert out == "1200 imported, 0 already here, 0 skipped.\n"
    assert Claim.objects.published().count() == 1200


def test_standard_input_as_bytes_with_a_byte_order_mark(write):
    data = "\ufeff" + json.dumps(feed([review(1), review(2)]))
    stdin = io.TextIOWrapper(io.BytesIO(data.encode()), encoding="utf-8")
    out, _, status = run("-", stdin=stdin)
    assert status == 0 and out == "2 imported, 0 already here, 0 skipped.\n"


def test_an_html_page_from_standard_input():
    page = f'<html><script type="application/ld+json">{json.dumps(review(1))}</script></html>'
    out, _, status = run("-", "--verbose", stdin=io.StringIO(page))
    assert status == 0 and "record 0 (JSON-LD block 1): imported as claim" in out


# --- What it prints -----------------------------------------------------------------


def test_by_default_it_prints_only_the_skipped_records_and_the_summary(write):
    out, err, status = run(write(REVIEWS))
    assert status == 1
    assert out == ""
    assert err.splitlines() == [
        "record 17 ($[17]): skipped: url '/estadao-verifica/yanomamis-desnutricao-venezuelanos-"
        "brasileiros-maduro-lula/' is not an absolute http(s) URL.",
        "32 imported, 0 already here, 1 skipped.",
    ]


def test_quiet_prints_nothing_when_all_is_well_and_only_errors_otherwise(write):
    out, err, status = run(write(feed([review(1)])), "--quiet")
    assert (out, err, status) == ("", "", 0)
    out, err, status = run(write([review(2), review(3, claimReviewed=" ")]), "--quiet")
    assert status == 1 and out == ""
    assert err.splitlines() == [
        "record 1 ($[1]): skipped: claimReviewed is missing or empty.",
        "1 imported, 0 already here, 1 skipped.",
    ]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_sees_a_progress_bar_on_standard_error(write):
    from django.core.management import call_command

    out, err = io.StringIO(), Terminal()
    call_command("import_claimreview", write([review(1), review(2)]), stdout=out, stderr=err)
    assert "2 records" in err.getvalue() and "\r" in err.getvalue()
    assert out.getvalue() == "2 imported, 0 already here, 0 skipped.\n"
    # Not on a pipe or a file, and never when quiet.
    _, err, _ = run(write([review(3)]))
    assert err == ""
    err = Terminal()
    call_command("import_claimreview", write([review(4)]), "--quiet", stdout=out, stderr=err)
    assert err.getvalue() == ""


def test_a_dry_run_in_batches_saves_nothing(write):
    before = stored()
    out, err, status = run(write([review(n) for n in range(5)]), "--batch-size", "2", "--dry-run")
    assert status == 0 and out == "Dry run, nothing saved: 5 imported, 0 already here, 0 skipped.\n"
    assert stored() == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["--batch-size", "0"], "argument --batch-size: must be a whole number from 1 to 5000"),
        (
            ["--batch-size", "5001"],
            "--batch-size: must be a whole number from 1 to 5000, not '5001'",
        ),
        (
            ["--batch-size", "many"],
            "--batch-size: must be a whole number from 1 to 5000, not 'many'",
        ),
        (["--verbose", "--quiet"], "argument --quiet: not allowed with argument --verbose"),
    ],
)
def test_bad_options_are_clear_errors(write, args, message):
    _, err, status = run(write([review(1)]), *args)
    assert status != 0 and message in err
    assert not Claim.objects.exists()


# --- Garbage and truncated files ----------------------------------------------------


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\x9f\x92\x96 binary", "neither JSON nor an HTML page: lexical error"),
        (b"   \n ", "neither JSON nor an HTML page: the input is empty"),
        (b'[{"url": "\xff"}]', "neither JSON nor an HTML page: lexical error: invalid bytes"),
        (b"[1, 2] and more", "neither JSON nor an HTML page: parse error: trailing garbage"),
    ],
)
def test_garbage_is_a_clear_error(write, content, message):
    _, err, status = run(write(content))
    assert status == 1 and message in err and "\n" not in err.strip()
    assert not Claim.objects.exists()


def test_a_truncated_feed_imports_nothing_even_when_its_first_batches_are_whole(write):
    before = stored()
    text = json.dumps(feed([review(n) for n in range(50)]))
    path = write(text[: len(text) * 3 // 4])
    _, err, status = run(path, "--batch-size", "1")
    assert status == 1
    assert err == (
        f"{path}: neither JSON nor an HTML page: parse error: premature EOF "
        "(the input ends in the middle of the JSON: is it truncated?)"
    )
    assert stored() == before
    # From standard input too.
    _, err, status = run("-", stdin=io.StringIO(text[:-2]))
    assert status == 1 and "is it truncated?" in err and not Claim.objects.exists()


# --- Cost and consistency ------------------------------------------------------------


def test_a_batch_costs_the_same_queries_however_many_records_it_holds(write):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(nodes) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert run(write(feed(nodes)))[2] == 0
        return len(captured)

    # Each with new publishers, speakers, sources and ratings, as a first import meets them.
    def nodes(start, count):
        return [
            review(
                n,
                author={"@type": "Organization", "name": f"Desk {n}"},
                itemReviewed={
                    "@type": "Claim",
                    "author": {"@type": "Person", "name": f"Speaker {n}"},
                    "appearance": [{"@type": "CreativeWork", "url": f"https://a.example/{n}"}],
                },
            )
            for n in range(start, start + count)
        ]

    assert queries(nodes(0, 5)) == queries(nodes(100, 40))


def test_small_batches_import_exactly_what_one_batch_imports(write):
    from tests.claims.test_claimreview_import import empty_the_database, export

    # Less the review without dates, whose verdict is stamped with the time of import.
    path = write([r for r in REVIEWS if r.get("datePublished") or r.get("dateModified")])
    run(path)
    whole = export()
    empty_the_database()
    run(path, "--batch-size", "1")
    assert export() == whole


def test_imported_claims_are_seen_at_once_by_cached_counts_and_cards(write, client):
    assert client.get("/api/v1/claimreview/").json()["dataFeedElement"] == []
    missing = client.get("/api/v1/claims/", {"page_size": 1}).json()["count"]
    next_id = next_claim_id()
    # Cached as "no such claim" (a card 404s): bulk inserts must lift that too.
    assert client.get(f"/embed/claims/{next_id}/").status_code == 404

    run(write(feed([review(1), review(2)])))

    assert client.get("/api/v1/claims/", {"page_size": 1}).json()["count"] == missing + 2
    assert len(client.get("/api/v1/claimreview/").json()["dataFeedElement"]) == 2
    assert Claim.objects.filter(pk=next_id).exists()
    assert client.get(f"/embed/claims/{next_id}/").status_code == 200


def next_claim_id() -> int:
    """The id the next claim inserted will get."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT last_value, is_called FROM claims_claim_id_seq")
            last, called = cursor.fetchone()
            return last + 1 if called else last
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = 'claims_claim'")
        row = cursor.fetchone()
        return (row[0] if row else 0) + 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="word statistics are PostgreSQL's (SQLite has none)"
)
def test_an_import_refreshes_the_word_statistics_matching_narrows_by(write):
    run(write(feed([review(n) for n in range(1, 30)])))
    rows, frequencies = word_frequencies(connection.alias)
    # "judges" is in every imported claim: known to be common at once.
    assert rows == 29 and frequencies["judges"] == 1.0
