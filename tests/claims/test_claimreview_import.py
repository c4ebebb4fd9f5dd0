import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim, ClaimState, Rating, RatingScale, Speaker, Topic, Verdict
from sources.models import Outlet, Source
from tests.schemaorg import problems

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[1] / "fixtures" / "claimreview"
RECORDS = json.loads((FIXTURES / "real-records.json").read_text())
REVIEWS = [record["claimReview"] for record in RECORDS]
ESTADAO = 17  # the one record whose url is relative

SKIPPED = {
    ESTADAO: "skipped: url '/estadao-verifica/yanomamis-desnutricao-venezuelanos-brasileiros-"
    "maduro-lula/' is not an absolute http(s) URL."
}


def run(*args, stdin=None) -> tuple[str, str, int]:
    """Runs import_claimreview; returns its output, errors and exit status."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_claimreview", *args, stdout=out, stderr=err, stdin=stdin)
        status = 0
    except CommandError as error:
        err.write(str(error))
        status = error.returncode
    return out.getvalue(), err.getvalue(), status


@pytest.fixture
def reviews_file(tmp_path):
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps(REVIEWS, ensure_ascii=False))
    return path


def imported(url: str) -> Claim:
    return Verdict.objects.select_related("claim").get(review_url=url).claim


def test_the_fixtures_leave_out_the_non_commercial_records():
    assert len(RECORDS) == 33
    assert not [r for r in REVIEWS if "by-nc" in str(r.get("sdLicense", ""))]
    assert all(r["source"]["repo"] == "meedan/fetch" and r["source"]["commit"] for r in RECORDS)


def test_every_real_record_imports_or_is_reported_with_a_precise_reason(reviews_file):
    out, err, status = run(str(reviews_file), "--verbose")
    assert status == 1
    for index in range(len(REVIEWS)):
        line = f"record {index} ($[{index}]): "
        if index in SKIPPED:
            assert line + SKIPPED[index] in err
        else:
            assert line + "imported as claim " in out, index
    assert "32 imported, 0 already here, 1 skipped." in err
    assert Claim.objects.filter(state=ClaimState.PUBLISHED).count() == 32
    claim = imported(REVIEWS[0]["url"])
    assert list(claim.events.values_list("from_state", "to_state", "comment")) == [
        ("draft", "published", f"Imported from {REVIEWS[0]['url']}")
    ]


def test_importing_again_changes_nothing(reviews_file):
    run(str(reviews_file))
    counts = [m.objects.count() for m in (Claim, Verdict, Speaker, Outlet, Rating, RatingScale)]
    out, err, status = run(str(reviews_file), "--verbose")
    assert "0 imported, 32 already here, 1 skipped." in err
    assert "record 0 ($[0]): already imported as claim" in out
    assert counts == [
        m.objects.count() for m in (Claim, Verdict, Speaker, Outlet, Rating, RatingScale)
    ]


def test_publishers_quirks_are_understood(reviews_file):
    run(str(reviews_file))
    afp = imported(
        "https://factcheck.afp.com/cdc-does-not-add-flu-and-pneumonia-deaths-covid-19-toll"
    )
    # "2020-06-24 00:03": a space for the T and no offset, taken as UTC.
    assert afp.verdict.published_at == dt.datetime(2020, 6, 24, 0, 3, tzinfo=dt.UTC)
    assert afp.verdict.publisher.name == "AFP Fact Check"
    assert afp.verdict.headline == "CDC does not add flu and pneumonia deaths to COVID-19 toll"
    # Numbers as strings, on the publisher's own scale.
    assert afp.verdict.rating.value == 1 and afp.verdict.rating.label == "False"
    assert (afp.verdict.rating.scale.worst_value, afp.verdict.rating.scale.best_value) == (1, 5)
    assert afp.verdict.rating.scale.publisher == afp.verdict.publisher
    # A CreativeWork with a URL is where the claim appeared.
    assert afp.appearances.get().source.url.startswith("https://www.facebook.com/photo.php")

    africa = imported(
        "https://africacheck.org/fact-checks/reports/"
        "south-african-mayor-incorrect-about-covid-19-vaccine"
    )
    # "+0200" without a colon; a name given as an array: the person, then what they are.
    assert africa.verdict.published_at == dt.datetime(2020, 3, 27, 8, 46, 13, tzinfo=dt.UTC)
    assert africa.speaker.name == "Mzwandile Masina"
    assert africa.speaker.role == "mayor of Ekurhuleni"
    assert africa.said_on == dt.date(2020, 3, 18)
    assert africa.verdict.rating.scale.best_value == 6

    # Lower-case "creativeWork" and a label ending in "\r".
    old = imported(REVIEWS[11]["url"])
    assert old.verdict.rating.label == "Incorrect"
    assert old.appearances.get().source.url.startswith("http://www.thepresidency.gov.za/")

    # HTML entities decoded; no stray spaces.
    texts = " ".join(Claim.objects.values_list("text", flat=True))
    assert "&#039;" not in texts and "'" in texts
    assert all(t == t.strip() for t in Claim.objects.values_list("text", flat=True))

    # A sentence as the rating: shortened label, all of it in the summary.
    dpa = imported("https://www.presseportal.de/pm/133833/4381130")
    sentence = REVIEWS[32]["reviewRating"]["alternateName"]
    assert dpa.verdict.summary == sentence
    assert len(dpa.verdict.rating.label) == 100 and dpa.verdict.rating.label.endswith("…")
    assert dpa.verdict.rating.value is None
    assert dpa.speaker.name == "Irmin Suhl"

    # A ratingValue of -1 on a scale "from -1 to -1" is no position on a scale.
    twenty = imported(REVIEWS[28]["url"])
    assert twenty.verdict.rating.label == "really_false" and twenty.verdict.rating.value is None


def test_the_importer_notes_what_it_leaves_out(reviews_file):
    out, _, _ = run(str(reviews_file), "--verbose")
    assert (
        "record 28: note: ratingValue -1 is not on a scale from -1 to -1; "
        "imported as a rating outside the scale"
    ) in out
    assert "record 2: note: itemReviewed url is 2194 characters long, over the 2000 we keep" in out
    assert "record 32: note: the textual rating is long; shortened" in out


def test_one_publishers_labels_for_the_same_value_live_on_separate_scales(reviews_file):
    run(str(reviews_file))
    afp = Outlet.objects.get(name="AFP")
    labels = sorted(
        Rating.objects.filter(scale__publisher=afp, value=1).values_list("label", flat=True)
    )
    assert "Faux" in labels and "Falsch" in labels and "Falso" in labels
    assert RatingScale.objects.filter(publisher=afp).count() >= 3
    # The same label is one rating, however many reviews use it.
    false = Rating.objects.filter(scale__publisher__name="Vishvas News", label="False")
    assert false.count() == 1 and false.get().verdicts.count() == 2


def test_pages_with_claimreview_in_a_graph_import(tmp_path):
    out, _, status = run(str(FIXTURES / "page-graph-http-context.html"), "--verbose")
    assert status == 0
    assert "record 0 (JSON-LD block 1.@graph[0]): imported as claim" in out
    out, _, status = run(str(FIXTURES / "page-graph-with-other-nodes.html"), "--verbose")
    assert "record 0 (JSON-LD block 2.@graph[2]): imported as claim" in out
    assert Claim.objects.count() == 2


def test_a_datafeed_imports_and_a_bad_item_is_reported_with_its_index(tmp_path):
    missing_text = {**REVIEWS[0], "url": "https://example.org/a", "claimReviewed": " "}
    no_rating = {**REVIEWS[1], "url": "https://example.org/b", "reviewRating": {"@type": "Rating"}}
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {"@type": "DataFeedItem", "item": [REVIEWS[3]]},
            {"@type": "DataFeedItem", "item": [missing_text]},
            {"@type": "DataFeedItem", "item": no_rating},
            {"@type": "Review", "name": "not a claim review"},
            "a string",
            {"@type": "DataFeedItem", "item": [REVIEWS[4]]},
        ],
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed))
    out, err, status = run(str(path), "--verbose")
    assert status == 1
    assert "record 0 ($.dataFeedElement[0].item[0]): imported as claim" in out
    assert (
        "record 1 ($.dataFeedElement[1].item[0]): skipped: claimReviewed is missing or empty."
        in err
    )
    assert (
        "record 2 ($.dataFeedElement[2].item): skipped: "
        "reviewRating has neither alternateName nor name." in err
    )
    assert "record 3 ($.dataFeedElement[3]): skipped: not a ClaimReview (Review)." in err
    assert "record 4 ($.dataFeedElement[4]): skipped: not a JSON object." in err
    assert "record 5 ($.dataFeedElement[5].item[0]): imported as claim" in out
    assert "2 imported, 0 already here, 4 skipped." in err
    assert Claim.objects.count() == 2


def test_a_single_object_from_standard_input(db):
    out, _, status = run("-", stdin=io.StringIO(json.dumps(REVIEWS[5])))
    assert status == 0
    assert "1 imported, 0 already here, 0 skipped." in out


def test_a_dry_run_saves_nothing(reviews_file):
    out, err, status = run(str(reviews_file), "--dry-run", "--verbose")
    assert "Dry run, nothing saved: 32 imported, 0 already here, 1 skipped." in err
    assert "record 0 ($[0]): imported as claim" in out
    assert not Claim.objects.exists() and not Outlet.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "neither JSON nor an HTML page"),
        (
            "<html><body>No data here</body></html>",
            'the page has no <script type="application/ld+json"> block',
        ),
        ("[]", "no ClaimReview found"),
        ("", "neither JSON nor an HTML page"),
    ],
)
def test_unreadable_input_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "input.json"
    path.write_text(content)
    _, err, status = run(str(path))
    assert status == 1 and message in err
    assert not Claim.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    _, err, status = run(str(tmp_path / "nowhere.json"))
    assert status == 1 and err.startswith(f"Cannot read {tmp_path / 'nowhere.json'}")


def test_a_broken_json_ld_block_is_reported_and_the_others_import(tmp_path):
    page = (FIXTURES / "page-graph-http-context.html").read_text()
    page = page.replace("<head>", '<head><script type="application/ld+json">{oops</script>')
    path = tmp_path / "page.html"
    path.write_text(page)
    out, err, status = run(str(path), "--verbose")
    assert "record 0 (JSON-LD block 1): skipped: not valid JSON" in err
    assert "record 1 (JSON-LD block 2.@graph[0]): imported as claim" in out
    assert status == 1 and Claim.objects.count() == 1


def test_our_own_reviews_are_not_imported_over_our_claims(settings, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    path = tmp_path / "ours.json"
    call_command("export_claimreview", "--output", str(path), stderr=io.StringIO())
    before = Claim.objects.count()
    out, _, status = run(str(path), "--verbose")
    assert status == 0 and "already here" in out and "our own claim" in out
    assert Claim.objects.count() == before


# --- Export and the round trip --------------------------------------------------------


def empty_the_database():
    # Claims take their verdicts, evidence, corrections and events with them.
    for model in (Claim, Rating, RatingScale, Speaker, Topic, Source, Outlet):
        model.objects.all().delete()


def export() -> dict:
    out = io.StringIO()
    call_command("export_claimreview", stdout=out)
    return json.loads(out.getvalue())


def test_the_export_is_a_valid_datafeed_of_every_published_verdict(reviews_file):
    call_command("load_demo", stdout=io.StringIO())
    run(str(reviews_file))
    feed = export()
    assert feed["@type"] == "DataFeed"
    assert len(feed["dataFeedElement"]) == Claim.objects.published().count() == 12 + 32
    assert problems(feed) == []


def by_review_url(feed: dict) -> dict:
    """The feed with its items keyed by review URL. Reviews of the same date (or
    of none) list newest claim first, which a re-import reverses: the order of
    those ties is not part of the content."""
    items = {element["item"][0]["url"]: element for element in feed["dataFeedElement"]}
    assert len(items) == len(feed["dataFeedElement"])
    return feed | {"dataFeedElement": items}


def test_export_import_export_gives_the_same_content(reviews_file, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    run(str(reviews_file))
    first = export()
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(first, ensure_ascii=False))

    empty_the_database()
    out, err, status = run(str(path))
    assert status == 0, err
    assert f"{len(first['dataFeedElement'])} imported, 0 already here, 0 skipped." in out
    assert by_review_url(export()) == by_review_url(first)


def test_writing_the_export_to_a_file_says_how_many(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    err = io.StringIO()
    path = tmp_path / "feed.json"
    call_command("export_claimreview", "-o", str(path), stderr=err)
    assert err.getvalue() == f"Wrote 12 reviews to {path}.\n"
    assert json.loads(path.read_text())["@type"] == "DataFeed"


def test_an_unwritable_export_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_claimreview", "-o", str(tmp_path / "no" / "such" / "dir.json"))
