"""Any file handed to the ClaimReview importer, however broken, ends in a
report, never an unhandled error, and never in half a record written."""

import io
import itertools
import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import event, given
from hypothesis import strategies as st

from claims.claimreview_parsing import UnreadableFile, read_records
from claims.claimreview_saving import import_records
from claims.models import Appearance, Claim, Speaker, Verdict
from sources.models import Outlet, Source
from tests.properties.strategies import any_text, feeds, json_value

pytestmark = pytest.mark.django_db
serial = itertools.count(1)


def a_review(claim: str, rating: str, author: str) -> dict:
    """A record the importer accepts, so the properties also see real writes;
    its URL is new, as the database keeps what earlier examples imported."""
    n = next(serial)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://factchecker.example.org/review/{n}",
        "claimReviewed": claim,
        "datePublished": "2023-03-20",
        "author": {
            "@type": "Organization",
            "name": "Example Checks",
            "url": "https://factchecker.example.org/",
        },
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": author},
            "appearance": {"@type": "CreativeWork", "url": f"https://news.example.org/{n}"},
        },
    }


# A letter first: blank text is refused, and a filter would waste most draws.
words = st.builds(str.__add__, st.characters(categories=["L"]), any_text)
good_reviews = st.builds(a_review, words, words, words)
# A good review with one field replaced by anything at all.
damaged_reviews = st.tuples(
    good_reviews,
    st.sampled_from(
        ["url", "claimReviewed", "author", "reviewRating", "itemReviewed", "datePublished"]
    ),
    json_value,
).map(lambda t: {**t[0], t[1]: t[2]})
# Good and broken records side by side in one file, or anything at all.
mixed = st.tuples(
    st.lists(good_reviews, min_size=1, max_size=3),
    st.lists(st.one_of(damaged_reviews, feeds), max_size=3),
).map(lambda lists: lists[0] + lists[1])
files = st.one_of(
    mixed.map(json.dumps).map(str.encode),
    # An HTML page carrying the records as JSON-LD.
    mixed.map(
        lambda records: (
            '<html><script type="application/ld+json">'
            + json.dumps(records).replace("</", "<\\/")
            + "</script></html>"
        )
    ).map(str.encode),
    feeds.map(json.dumps).map(str.encode),
    st.binary(max_size=200),
)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Claim, Verdict, Appearance, Source, Outlet, Speaker)
    }


@given(content=files)
def test_any_file_is_imported_or_reported_and_nothing_is_left_half_written(content):
    before = counts()
    outlets, speakers, sources = (
        set(m.objects.values_list("pk", flat=True)) for m in (Outlet, Speaker, Source)
    )
    try:
        outcomes = [outcome for _, outcome in import_records(read_records(io.BytesIO(content)))]
    except UnreadableFile:
        event("unreadable")
        assert counts() == before
        return
    assert {o.status for o in outcomes} <= {"imported", "exists", "skipped"}
    assert all(o.message for o in outcomes if o.status == "skipped")
    imported = sum(o.status == "imported" for o in outcomes)
    event(f"{'some' if imported else 'none'} imported")
    after = counts()
    assert after["Claim"] - before["Claim"] == imported
    assert after["Verdict"] - before["Verdict"] == imported
    # A record that was skipped left no outlet, speaker or source behind.
    assert not Outlet.objects.exclude(pk__in=outlets).filter(reviews=None, sources=None).exists()
    assert not Speaker.objects.exclude(pk__in=speakers).filter(claims=None).exists()
    assert not Source.objects.exclude(pk__in=sources).filter(appearances=None).exists()


@given(content=files)
def test_the_command_ends_with_a_report_or_a_readable_error(content, tmp_path_factory):
    path = tmp_path_factory.mktemp("feed") / "reviews.json"
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_claimreview", str(path), stdout=out, stderr=err)
    except CommandError as error:
        assert error.returncode != 0
        assert str(error).strip() and "Traceback" not in str(error)
    else:
        assert out.getvalue().strip()
