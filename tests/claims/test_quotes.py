import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Appearance, Claim, Evidence, QuoteCheck
from claims.quotes import check_quote, normalise, occurs, recheck_source, verdict_on
from sources.models import LinkStatus
from sources.signals import snapshot_taken
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    SourceSnapshotFactory,
)

# The kind of text the desk quotes from (written for the tests, after the corpus).
ARTICLE = (
    "The International Criminal Court (ICC) issued an arrest warrant on Friday.\n\n"
    "“Ukraine has accepted the ICC\u2019s jurisdiction twice \u2013 in 2014 and then in "
    "2015,” the prosecutor said.\u00a0The court has 18 judges serving nine-year terms, "
    "and it has so far indicted 40 individuals.\n"
    "More than 16,000 forced deportations of Ukrainian children have been recorded."
)
TEXT = normalise(ARTICLE)


# --- What a verbatim check forgives -------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        # exactly as printed
        "The court has 18 judges serving nine-year terms",
        # straight apostrophe and hyphen for the curly one and the en dash
        "Ukraine has accepted the ICC's jurisdiction twice - in 2014 and then in 2015",
        # an unspaced em dash for a spaced en dash
        "accepted the ICC's jurisdiction twice—in 2014",
        # case, and a line break and double spaces for a non-breaking space
        "THE PROSECUTOR SAID.\nthe court  has 18 judges",
        # quotation marks around the quote and a final full stop
        "“More than 16,000 forced deportations of Ukrainian children have been recorded.”",
        "'it has so far indicted 40 individuals.'",
        # an ellipsis (the character, three dots or bracketed) for words left out
        "The court has 18 judges\u2026 indicted 40 individuals",
        "The court has 18 judges ... indicted 40 individuals",
        "The court has 18 judges [...] indicted 40 individuals",
        # a soft hyphen and a zero-width space from a web page
        "deporta\u00adtions of Ukrainian\u200b children",
        # full-width digits (NFKC)
        "indicted \uff14\uff10 individuals",
    ],
)
def test_it_finds_a_quote_set_differently(quote):
    assert occurs(quote, TEXT)


@pytest.mark.parametrize(
    "quote",
    [
        # a changed word
        "The court has 18 judges serving ten-year terms",
        "Ukraine has rejected the ICC's jurisdiction twice",
        # a different number, also one that is part of the real one
        "The court has 19 judges",
        "it has so far indicted 4 individuals",
        "More than 6,000 forced deportations",
        "More than 16,0000 forced deportations",
        "More than 16000 forced deportations",
        # a word cut short, at either end
        "The court has 18 judg",
        "ourt has 18 judges",
        # omitted words not marked with an ellipsis
        "The court has 18 judges and it has so far indicted 40 individuals",
        # marked omissions, but the parts out of order
        "indicted 40 individuals ... The court has 18 judges",
        # a word added
        "The court has only 18 judges",
    ],
)
def test_it_does_not_find_a_changed_quote(quote):
    assert not occurs(quote, TEXT)


def test_it_normalises_quotes_dashes_spaces_and_case():
    assert normalise("  “It’s  OVER”\u00a0–\tHe\nsaid\u2026 ") == '"it\'s over"-he said...'


@pytest.mark.parametrize("quote", ["", "   ", "…", '""', "..."])
def test_it_finds_nothing_to_check_in_an_empty_quote(quote):
    assert not occurs(quote, TEXT)


def test_it_leaves_a_quote_unchecked_without_text_and_a_blank_quote_always():
    assert verdict_on("The court has 18 judges", None) == QuoteCheck.UNCHECKED
    assert verdict_on("", TEXT) == QuoteCheck.UNCHECKED
    assert verdict_on("The court has 18 judges", TEXT) == QuoteCheck.FOUND
    assert verdict_on("The court has 81 judges", TEXT) == QuoteCheck.NOT_FOUND


# --- What a quote is checked against ------------------------------------------------


@pytest.mark.django_db
def test_it_checks_a_new_quote_against_the_latest_successful_snapshot():
    source = SourceFactory(text="")
    SourceSnapshotFactory(source=source, text="An old page: the court has 17 judges.")
    SourceSnapshotFactory(source=source, text=ARTICLE)
    # newer, but failed: they say nothing about the page
    SourceSnapshotFactory(source=source, text="", status_code=None, error="Timed out.")
    SourceSnapshotFactory(source=source, text="Not found", status_code=404)
    found = EvidenceFactory(source=source, quote="the court has 18 judges")
    stale = EvidenceFactory(source=source, quote="the court has 17 judges")
    assert found.quote_check == QuoteCheck.FOUND
    assert stale.quote_check == QuoteCheck.NOT_FOUND
    assert found.quote_checked_at is not None
    stored = Evidence.objects.get(pk=found.pk)
    assert (stored.quote_check, stored.quote_checked_at) == (
        found.quote_check,
        found.quote_checked_at,
    )


@pytest.mark.django_db
def test_it_prefers_the_snapshot_to_pasted_text_and_falls_back_to_it():
    pasted = SourceFactory(text="Transcript: the court has 18 judges.")
    SourceSnapshotFactory(source=pasted, text="The page says something else.")
    assert EvidenceFactory(source=pasted, quote="18 judges").quote_check == "not_found"

    # a snapshot with no readable text (a PDF, say): the pasted text counts
    blank = SourceFactory(text="Transcript: the court has 18 judges.")
    SourceSnapshotFactory(source=blank, text="  ")
    assert EvidenceFactory(source=blank, quote="18 judges").quote_check == "found"


@pytest.mark.django_db
def test_it_leaves_quotes_unchecked_with_nothing_to_check_against():
    source = SourceFactory(text="")
    SourceSnapshotFactory(source=source, status_code=500, text="Server error: 18 judges")
    appearance = AppearanceFactory(source=source, quote="18 judges")
    assert appearance.quote_check == QuoteCheck.UNCHECKED
    assert appearance.quote_checked_at is None


# --- When it runs -------------------------------------------------------------------


@pytest.mark.django_db
def test_it_rechecks_when_the_quote_or_the_source_changes():
    evidence = EvidenceFactory(source=SourceFactory(text=ARTICLE), quote="The court has 18 judges")
    assert evidence.quote_check == QuoteCheck.FOUND

    evidence = Evidence.objects.get(pk=evidence.pk)
    evidence.quote = "The court has 20 judges"
    evidence.save()
    assert Evidence.objects.get(pk=evidence.pk).quote_check == QuoteCheck.NOT_FOUND

    evidence.source = SourceFactory(text="The court has 20 judges, it said.")
    evidence.save(update_fields=["source"])
    assert Evidence.objects.get(pk=evidence.pk).quote_check == QuoteCheck.FOUND

    evidence.quote = ""
    evidence.save()
    assert Evidence.objects.get(pk=evidence.pk).quote_check == QuoteCheck.UNCHECKED


@pytest.mark.django_db
def test_an_unrelated_edit_does_not_read_the_source(django_assert_num_queries):
    evidence = Evidence.objects.get(pk=EvidenceFactory().pk)
    evidence.note = "Context from the court's own site."
    # the UPDATE, and the history row
    with django_assert_num_queries(2):
        evidence.save()


@pytest.mark.django_db
def test_it_rechecks_every_quote_of_a_source_when_a_snapshot_is_taken():
    source = SourceFactory(url="https://example.org/icc", text="")
    appearance = AppearanceFactory(source=source, quote="The court has 18 judges")
    evidence = EvidenceFactory(source=source, quote="The court has 17 judges")
    blank = EvidenceFactory(source=source, quote="")
    other = EvidenceFactory()
    assert appearance.quote_check == evidence.quote_check == QuoteCheck.UNCHECKED

    snapshot = SourceSnapshotFactory(source=source, text=ARTICLE)
    snapshot_taken.send(sender=type(snapshot), source=source, snapshot=snapshot)

    assert Appearance.objects.get(pk=appearance.pk).quote_check == QuoteCheck.FOUND
    assert Evidence.objects.get(pk=evidence.pk).quote_check == QuoteCheck.NOT_FOUND
    assert Evidence.objects.get(pk=blank.pk).quote_check == QuoteCheck.UNCHECKED
    assert Evidence.objects.get(pk=other.pk).quote_checked_at == other.quote_checked_at


@pytest.mark.django_db
def test_a_failed_fetch_changes_no_check(django_assert_num_queries):
    source = SourceFactory(text=ARTICLE)
    evidence = EvidenceFactory(source=source, quote="The court has 18 judges")
    snapshot = SourceSnapshotFactory(source=source, status_code=404, text="Page not found")
    with django_assert_num_queries(0):
        snapshot_taken.send(sender=type(snapshot), source=source, snapshot=snapshot)
    assert Evidence.objects.get(pk=evidence.pk).quote_check == QuoteCheck.FOUND


@pytest.mark.django_db
def test_it_rechecks_when_the_pasted_text_changes():
    source = SourceFactory(url="", text="")
    appearance = AppearanceFactory(source=source, quote="it has so far indicted 40 individuals")
    assert appearance.quote_check == QuoteCheck.UNCHECKED

    source.text = ARTICLE
    source.save()
    assert Appearance.objects.get(pk=appearance.pk).quote_check == QuoteCheck.FOUND

    source.text = "A corrected transcript: it has so far indicted 41 individuals."
    source.save()
    assert Appearance.objects.get(pk=appearance.pk).quote_check == QuoteCheck.NOT_FOUND

    # a link check that saves only its own fields re-checks nothing
    source.link_status = LinkStatus.BROKEN
    with CaptureQueriesContext(connection) as saving:
        source.save(update_fields=["link_status", "updated_at"])
    assert not [q for q in saving.captured_queries if "snapshot" in q["sql"]]


@pytest.mark.django_db
def test_a_check_makes_no_history_and_no_new_claim_version():
    claim = ClaimFactory()
    source = SourceFactory(text="")
    appearance = AppearanceFactory(claim=claim, source=source, quote="18 judges")
    evidence = EvidenceFactory(claim=claim, source=source, quote="18 judges")
    history = (appearance.history.count(), evidence.history.count())
    version = Claim.objects.get(pk=claim.pk).version

    SourceSnapshotFactory(source=source, text=ARTICLE)
    assert recheck_source(source) == 2
    assert check_quote(appearance) == QuoteCheck.FOUND

    assert (appearance.history.count(), evidence.history.count()) == history
    assert Claim.objects.get(pk=claim.pk).version == version


@pytest.mark.parametrize("quoted_by", [1, 20])
@pytest.mark.django_db
def test_rechecking_a_much_quoted_source_costs_a_fixed_number_of_queries(
    django_assert_num_queries, quoted_by
):
    source = SourceFactory(text="")
    AppearanceFactory.create_batch(quoted_by, source=source, quote="The court has 18 judges")
    EvidenceFactory.create_batch(quoted_by, source=source, quote="The court has 17 judges")
    EvidenceFactory.create_batch(quoted_by, source=source, quote="")
    SourceSnapshotFactory(source=source, text=ARTICLE)
    # the source's text with its latest snapshot's; the appearances; the
    # evidence; one UPDATE per outcome: appearances found, evidence not
    # found, blank evidence unchecked
    with django_assert_num_queries(6):
        assert recheck_source(source) == 3 * quoted_by
    assert set(Appearance.objects.values_list("quote_check", flat=True)) == {"found"}
    assert Evidence.objects.filter(quote_check="not_found").count() == quoted_by


# --- The desk's question: which claims have unverified quotes? ------------------------


@pytest.mark.parametrize("extra", [0, 10])
@pytest.mark.django_db
def test_it_lists_the_claims_with_unverified_quotes(django_assert_num_queries, extra):
    verified = EvidenceFactory(source=SourceFactory(text=ARTICLE), quote="18 judges").claim
    AppearanceFactory(claim=verified, source=SourceFactory(text=ARTICLE), quote="18 judges")
    blank = AppearanceFactory(source=SourceFactory(text=""), quote="").claim
    not_found = AppearanceFactory(source=SourceFactory(text=ARTICLE), quote="19 judges").claim
    unchecked = EvidenceFactory(source=SourceFactory(text=""), quote="18 judges").claim
    # found on one appearance, not on the other
    mixed = AppearanceFactory(source=SourceFactory(text=ARTICLE), quote="18 judges").claim
    AppearanceFactory(claim=mixed, source=SourceFactory(text=ARTICLE), quote="81 judges")
    for _ in range(extra):
        EvidenceFactory(source=SourceFactory(text=""), quote="something said")
    expected = {not_found.pk, unchecked.pk, mixed.pk}

    with django_assert_num_queries(1):
        found = set(Claim.objects.with_unverified_quotes().values_list("pk", flat=True))
    assert expected <= found
    assert len(found) == 3 + extra
    assert not {verified.pk, blank.pk} & found
    # chainable, as a queue filter needs
    assert Claim.objects.with_unverified_quotes().filter(pk=mixed.pk).count() == 1


@pytest.mark.django_db
def test_a_quote_checked_long_ago_keeps_its_time_until_rechecked():
    source = SourceFactory(text=ARTICLE)
    evidence = EvidenceFactory(source=source, quote="18 judges")
    long_ago = timezone.now() - dt.timedelta(days=30)
    Evidence.objects.filter(pk=evidence.pk).update(quote_checked_at=long_ago)
    source.text = ARTICLE + "\nUpdated."
    source.save()
    assert Evidence.objects.get(pk=evidence.pk).quote_checked_at > long_ago


@pytest.mark.django_db
def test_an_imported_review_quoting_a_source_we_have_is_checked(tmp_path):
    import io
    import json

    from django.core.management import call_command

    known = SourceFactory(url="https://example.org/icc-briefing", text=ARTICLE)
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example.net/icc-judges",
        "claimReviewed": "The ICC has 18 judges.",
        "datePublished": "2023-03-20",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "True",
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [
                {"@type": "CreativeWork", "url": known.url, "text": "The court has 18 judges"},
                {
                    "@type": "CreativeWork",
                    "url": "https://example.org/other",
                    "text": "The court has 18 judges",
                },
            ],
        },
    }
    path = tmp_path / "review.json"
    path.write_text(json.dumps(review))
    call_command("import_claimreview", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    checks = dict(Appearance.objects.values_list("source__url", "quote_check"))
    assert checks == {known.url: QuoteCheck.FOUND, "https://example.org/other": "unchecked"}


@pytest.mark.django_db
def test_quotes_sent_through_the_api_are_checked(researcher):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=researcher).key}")
    source = SourceFactory(text=ARTICLE)
    created = api.post(
        "/api/v1/claims/",
        {
            "text": "The ICC has 18 judges.",
            "appearances": [
                {"source": source.pk, "quote": "The court has 18 judges"},
                {"url": "https://example.org/new", "title": "New", "quote": "18 judges"},
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    claim = Claim.objects.get(pk=created.json()["id"])
    checks = dict(claim.appearances.values_list("source__url", "quote_check"))
    assert checks == {source.url: "found", "https://example.org/new": "unchecked"}

    attached = api.post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"source": source.pk, "stance": "supports", "quote": "The court has 81 judges"},
        format="json",
    )
    assert attached.status_code == 201, attached.content
    assert claim.evidence.get().quote_check == QuoteCheck.NOT_FOUND
    assert [c.pk for c in Claim.objects.with_unverified_quotes()] == [claim.pk]


@pytest.mark.django_db
def test_check_quotes_checks_the_quotes_stored_before_checks_existed():
    import io

    from django.core.management import call_command

    source = SourceFactory(text=ARTICLE)
    found = AppearanceFactory(source=source, quote="The court has 18 judges")
    wrong = EvidenceFactory(source=source, quote="The court has 81 judges")
    unchecked = EvidenceFactory(source=SourceFactory(text=""), quote="18 judges")
    EvidenceFactory(source=source, quote="")
    # as migration 0012 left them
    Appearance.objects.update(quote_check=QuoteCheck.UNCHECKED)
    Evidence.objects.update(quote_check=QuoteCheck.UNCHECKED)

    out = io.StringIO()
    call_command("check_quotes", stdout=out)
    assert out.getvalue() == (
        "Checked 3 quotes from 2 sources: 1 found, 1 not found, "
        "1 not checked (no text to check against).\n"
    )
    assert Appearance.objects.get(pk=found.pk).quote_check == QuoteCheck.FOUND
    assert Evidence.objects.get(pk=wrong.pk).quote_check == QuoteCheck.NOT_FOUND
    assert Evidence.objects.get(pk=unchecked.pk).quote_check == QuoteCheck.UNCHECKED
