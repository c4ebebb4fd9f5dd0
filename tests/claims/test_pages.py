import datetime as dt
import re
from unittest.mock import patch

import pytest
from django.test import override_settings

from claims.models import ClaimState, Evidence, Page, Verdict
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    CorrectionFactory,
    EvidenceFactory,
    RatingFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

UNPUBLISHED = ["draft", "researching", "in_review", "rejected"]


def html(response) -> str:
    return response.content.decode()


# --- Home ---------------------------------------------------------------------


def test_home_lists_published_and_retracted_verdicts_only(client):
    shown = VerdictFactory(published=True, claim__text="Shown claim")
    VerdictFactory(claim__state=ClaimState.RETRACTED, claim__text="Withdrawn claim")
    VerdictFactory(claim__state=ClaimState.IN_REVIEW, claim__text="Secret draft")
    page = html(client.get("/"))
    assert "Shown claim" in page and "Withdrawn claim" in page
    assert "Secret draft" not in page
    assert shown.rating.label in page
    assert "Retracted" in page


def test_home_shows_the_newest_verdicts_first(client):
    now = dt.datetime(2023, 3, 20, tzinfo=dt.UTC)
    VerdictFactory(published=True, claim__text="Older verdict", published_at=now)
    VerdictFactory(
        published=True, claim__text="Newer verdict", published_at=now + dt.timedelta(days=1)
    )
    page = html(client.get("/"))
    assert page.index("Newer verdict") < page.index("Older verdict")


def test_home_links_to_search_and_rating_filters(client):
    page = html(client.get("/"))
    assert 'action="/claims/"' in page and 'name="q"' in page
    assert 'href="/claims/?rating=false"' in page


# --- Claim list: search, filters, pagination ---------------------------------


def listed_texts(response) -> list[str]:
    return re.findall(r'class="claim-link"[^>]*>([^<]+)</a>', html(response))


def test_claim_list_searches_claim_text_summary_and_speaker(client):
    VerdictFactory(published=True, claim__text="Forced deportations of children were recorded.")
    VerdictFactory(
        published=True, claim__text="The court has judges.", summary="Eighteen judges sit."
    )
    VerdictFactory(
        published=True,
        claim__text="Nothing to see.",
        claim__speaker=SpeakerFactory(name="Maria Zakharova"),
    )
    VerdictFactory(claim__state=ClaimState.IN_REVIEW, claim__text="Draft deportations claim.")

    assert listed_texts(client.get("/claims/", {"q": "deportations"})) == [
        "Forced deportations of children were recorded."
    ]
    assert listed_texts(client.get("/claims/", {"q": "eighteen"})) == ["The court has judges."]
    assert listed_texts(client.get("/claims/", {"q": "Zakharova"})) == ["Nothing to see."]
    assert listed_texts(client.get("/claims/", {"q": "unicorns"})) == []


def test_claim_list_filters_by_rating_speaker_topic_language_and_date(client):
    speaker = SpeakerFactory(slug="karim-khan")
    topic = TopicFactory(name="Arrest warrants")
    true = RatingFactory(slug="true", value=5)
    match = VerdictFactory(
        published=True,
        rating=true,
        claim__text="The match",
        claim__speaker=speaker,
        claim__topics=[topic],
        claim__language="uk",
        claim__said_on=dt.date(2023, 3, 17),
    )
    VerdictFactory(published=True, claim__text="Other rating", claim__speaker=speaker)
    VerdictFactory(published=True, rating=true, claim__text="Other speaker")
    VerdictFactory(
        published=True,
        rating=true,
        claim__speaker=speaker,
        claim__text="Other date",
        claim__said_on=dt.date(2022, 1, 1),
    )
    every_filter = {
        "rating": "true",
        "speaker": "karim-khan",
        "topic": topic.slug,
        "language": "uk",
        "date_from": "2023-03-01",
        "date_to": "2023-03-31",
    }
    assert listed_texts(client.get("/claims/", every_filter)) == [match.claim.text]
    two_filters = listed_texts(client.get("/claims/", {"rating": "true", "speaker": "karim-khan"}))
    assert sorted(two_filters) == ["Other date", "The match"]
    assert listed_texts(client.get("/claims/", {"date_to": "2022-12-31"})) == ["Other date"]


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"rating": "no-such-rating"}, "rating", "Select a valid choice"),
        ({"speaker": "nobody"}, "speaker", "No speaker with public fact checks has this id."),
        ({"topic": "nothing"}, "topic", "Select a valid choice"),
        ({"language": "not a tag"}, "language", "is not a BCP 47 language tag"),
        ({"date_from": "17/03/2023"}, "date_from", "Enter a date as YYYY-MM-DD."),
        (
            {"date_from": "2023-03-31", "date_to": "2023-03-01"},
            "date_to",
            "This date is before",
        ),
        ({"page_size": "0"}, "page_size", "greater than or equal to 1"),
        ({"page_size": "500"}, "page_size", "less than or equal to 100"),
        ({"page_size": "lots"}, "page_size", "Enter a whole number"),
        ({"page": "two"}, "page", "Enter a whole number"),
        ({"q": "x" * 201}, "q", "at most 200 characters"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_claim_list_answers_bad_parameters_with_a_form_error(client, params, field, message):
    VerdictFactory(published=True, claim__text="Never listed on an error page")
    response = client.get("/claims/", params)
    assert response.status_code == 400
    assert message in html(response)
    assert response.context["form"].errors[field]
    assert "Never listed on an error page" not in html(response)


def test_claim_list_paginates_and_keeps_the_filters_in_page_links(client):
    rating = RatingFactory(slug="false")
    base = dt.datetime(2023, 3, 20, tzinfo=dt.UTC)
    for n in range(5):
        VerdictFactory(
            published=True,
            rating=rating,
            claim__text=f"Claim number {n}",
            published_at=base + dt.timedelta(hours=n),
        )
    first = client.get("/claims/", {"rating": "false", "page_size": "2"})
    assert listed_texts(first) == ["Claim number 4", "Claim number 3"]
    assert 'href="?rating=false&amp;page_size=2&amp;page=2"' in html(first)
    last = client.get("/claims/", {"rating": "false", "page_size": "2", "page": "3"})
    assert listed_texts(last) == ["Claim number 0"]
    assert 'href="?rating=false&amp;page_size=2&amp;page=2"' in html(last)
    assert "Next page" not in html(last)


def test_claim_list_page_past_the_end_is_404_with_a_message(client):
    VerdictFactory(published=True)
    response = client.get("/claims/", {"page": "7"})
    assert response.status_code == 404
    assert "There is no page 7 of these results; there is 1 page." in html(response)


def test_claim_list_offers_only_choices_that_public_claims_use(client):
    VerdictFactory(published=True, claim__speaker=SpeakerFactory(name="Public Speaker"))
    VerdictFactory(
        claim__state=ClaimState.DRAFT,
        claim__speaker=SpeakerFactory(name="Hidden Speaker"),
        claim__topics=[TopicFactory(name="Hidden topic")],
        claim__language="fr",
    )
    page = html(client.get("/claims/"))
    assert "Public Speaker" in page
    assert "Hidden Speaker" not in page and "Hidden topic" not in page and "fr)" not in page


def test_a_language_no_public_claim_uses_finds_nothing(client):
    VerdictFactory(published=True, claim__text="In English", claim__language="en")
    response = client.get("/claims/", {"language": "xx"})
    assert response.status_code == 200
    assert listed_texts(response) == []
    assert '<option value="xx" selected>xx</option>' in html(response)


def test_claim_list_suggests_the_most_checked_speakers_and_finds_any(client):
    busy = SpeakerFactory(name="Busy Speaker", slug="busy")
    VerdictFactory.create_batch(2, published=True, claim__speaker=busy)
    rare = SpeakerFactory(name="Rare Speaker", slug="rare")
    VerdictFactory(published=True, claim__speaker=rare, claim__text="Said once.")
    with patch("claims.forms.SPEAKERS_SUGGESTED", 1):
        page = html(client.get("/claims/"))
        assert '<option value="busy">Busy Speaker</option>' in page
        assert '<option value="rare">' not in page
        # Not suggested, yet a valid filter.
        assert listed_texts(client.get("/claims/", {"speaker": "rare"})) == ["Said once."]


# --- Claim page -----------------------------------------------------------------


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_an_unpublished_claim_page_is_404(client, state):
    verdict = VerdictFactory(claim__state=state)
    assert client.get(verdict.claim.get_absolute_url()).status_code == 404


def test_claim_page_shows_claim_speaker_appearance_rating_summary_and_explanation(client):
    verdict = VerdictFactory(
        published=True,
        claim__text="The ICC has 124 member states.",
        claim__speaker=SpeakerFactory(name="Joe Biden", slug="joe-biden", role="President"),
        claim__said_on=dt.date(2023, 3, 17),
        explanation="The court lists **123** states parties.",
    )
    AppearanceFactory(
        claim=verdict.claim,
        source=SourceFactory(title="Remarks at the White House"),
        is_first=True,
        appeared_on=dt.date(2023, 3, 17),
    )
    page = html(client.get(verdict.claim.get_absolute_url()))
    assert "The ICC has 124 member states." in page
    assert '<a href="/speakers/joe-biden/">Joe Biden</a>, President, 17 March 2023' in page
    assert "Remarks at the White House" in page and "first appearance" in page
    assert f'style="background: {verdict.rating.colour}">{verdict.rating.label}</span>' in page
    assert verdict.summary in page
    assert "<p>The court lists <strong>123</strong> states parties.</p>" in page


def test_claim_page_groups_evidence_by_stance_with_outlet_and_date(client):
    verdict = VerdictFactory(published=True)
    EvidenceFactory(
        claim=verdict.claim,
        stance=Evidence.Stance.REFUTES,
        source__title="Rome Statute ratifications",
        source__outlet__name="ICC",
        source__published_on=dt.date(2023, 3, 1),
    )
    EvidenceFactory(
        claim=verdict.claim, stance=Evidence.Stance.CONTEXT, source__title="Background piece"
    )
    page = html(client.get(verdict.claim.get_absolute_url()))
    refutes, context = page.index("Refutes the claim"), page.index("Gives context")
    assert "Supports the claim" not in page
    assert refutes < page.index("Rome Statute ratifications") < context
    assert context < page.index("Background piece")
    assert "Rome Statute ratifications</a>, ICC, 1 March 2023" in page


def test_claim_page_shows_the_corrections_log(client):
    verdict = VerdictFactory(published=True)
    CorrectionFactory(
        claim=verdict.claim,
        note="We misstated the number of judges.",
        rating_before=verdict.rating,
        rating_after=RatingFactory(slug="half-true", value=3),
    )
    page = html(client.get(verdict.claim.get_absolute_url()))
    assert "We misstated the number of judges." in page
    assert "rating changed from “False” to “Half true”" in page


def test_a_retracted_claim_page_shows_the_notice_and_carries_no_claimreview(client):
    verdict = VerdictFactory(
        claim__state=ClaimState.RETRACTED,
        claim__retraction_note="The shipping records were misread.",
    )
    response = client.get(verdict.claim.get_absolute_url())
    page = html(response)
    assert response.status_code == 200
    assert "This verdict has been retracted" in page
    assert "The shipping records were misread." in page
    assert "application/ld+json" not in page


def test_claim_page_renders_explanation_markdown_sanitised(client):
    verdict = VerdictFactory(
        published=True,
        explanation='See [the report](https://icc-cpi.int/report) <script>alert("x")</script>'
        "\n\n[bad](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    page = html(client.get(verdict.claim.get_absolute_url()))
    explanation = page[page.index('<div class="explanation">') :]
    assert '<a href="https://icc-cpi.int/report" rel="nofollow noopener">the report</a>' in page
    assert "<script>alert" not in explanation
    assert "javascript:" not in explanation and "onerror" not in explanation


def test_claim_page_links_canonical_oembed_and_social_cards(client, settings):
    settings.FACTCHECK_SITE_URL = "https://factcheck.example.org/"
    verdict = VerdictFactory(published=True, claim__text="Xi's visit & the ICC")
    claim = verdict.claim
    page = html(client.get(claim.get_absolute_url()))
    url = f"https://factcheck.example.org/claims/{claim.pk}/"
    assert f'<link rel="canonical" href="{url}">' in page
    assert (
        '<link rel="alternate" type="application/json+oembed" '
        f'href="https://factcheck.example.org/oembed/?url=https%3A%2F%2Ffactcheck.example.org'
        f'%2Fclaims%2F{claim.pk}%2F&amp;format=json"'
    ) in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:title" content="False: Xi&#x27;s visit &amp; the ICC">' in page
    assert f'<meta property="og:description" content="{verdict.summary}">' in page
    assert '<meta name="twitter:card" content="summary">' in page


def test_claim_page_offers_the_embed_snippet(client, settings):
    settings.FACTCHECK_SITE_URL = "https://factcheck.example.org/"
    claim = VerdictFactory(published=True, claim__text="<b>bold</b> claim").claim
    page = html(client.get(claim.get_absolute_url()))
    snippet = (
        f"&lt;blockquote class=&quot;factcheck-embed&quot; data-claim=&quot;{claim.pk}&quot;&gt;"
    )
    assert snippet in page
    assert "https://factcheck.example.org/static/embed.js" in page
    # The claim's markup is escaped inside the snippet, then again in the textarea.
    assert "&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; claim" in page


# --- Escaping -------------------------------------------------------------------


def test_user_text_is_escaped_on_every_page(client):
    speaker = SpeakerFactory(name="<b>Bold</b>", slug="bold")
    verdict = VerdictFactory(
        published=True,
        claim__text="<script>alert(1)</script>",
        claim__speaker=speaker,
        headline="<i>headline</i>",
        summary="<img src=x onerror=alert(2)>",
    )
    source = EvidenceFactory(claim=verdict.claim, source__title="<em>Source</em>").source
    CorrectionFactory(claim=verdict.claim, note="<u>note</u>")
    for url in ["/", "/claims/", verdict.claim.get_absolute_url(), "/speakers/"]:
        page = html(client.get(url))
        assert "<script>alert(1)</script>" not in page
        assert "&lt;b&gt;Bold&lt;/b&gt;" in page
    page = html(client.get(verdict.claim.get_absolute_url()))
    for raw in ["<i>headline</i>", "<img src=x", "<em>Source</em>", "<u>note</u>"]:
        assert raw not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&lt;em&gt;Source&lt;/em&gt;" in html(client.get(source.get_absolute_url()))
    assert "&lt;u&gt;note&lt;/u&gt;" in html(client.get("/corrections/"))
    assert "&lt;script&gt;" in html(client.get(speaker.get_absolute_url()))


def test_a_script_in_a_claim_cannot_end_the_jsonld_block(client):
    claim = VerdictFactory(
        published=True, claim__text="Bad </script><script>alert(1)</script>"
    ).claim
    page = html(client.get(claim.get_absolute_url()))
    block = page[page.index('<script type="application/ld+json">') :]
    block = block[: block.index("</script>")]
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in block
    assert page.count("<script") == 1


# --- Speakers -------------------------------------------------------------------


def test_speaker_list_names_only_speakers_with_public_verdicts(client):
    VerdictFactory(published=True, claim__speaker=SpeakerFactory(name="Andriy Kostin"))
    VerdictFactory(claim__state=ClaimState.RETRACTED, claim__speaker=SpeakerFactory(name="Ret"))
    ClaimFactory(state=ClaimState.DRAFT, speaker=SpeakerFactory(name="Under Investigation"))
    page = html(client.get("/speakers/"))
    assert "Andriy Kostin" in page and "Ret" in page
    assert "Under Investigation" not in page


def test_speaker_page_lists_only_public_claims(client):
    speaker = SpeakerFactory()
    VerdictFactory(published=True, claim__speaker=speaker, claim__text="Out in the open")
    ClaimFactory(speaker=speaker, state=ClaimState.DRAFT, text="Not yet")
    page = html(client.get(speaker.get_absolute_url()))
    assert "Out in the open" in page and "Not yet" not in page


def test_a_speaker_with_only_unpublished_claims_has_no_page(client):
    speaker = SpeakerFactory()
    VerdictFactory(claim__speaker=speaker, claim__state=ClaimState.IN_REVIEW)
    assert client.get(speaker.get_absolute_url()).status_code == 404


def test_speaker_scorecard_is_an_svg_bar_chart_of_published_ratings(client):
    speaker = SpeakerFactory(name="Maria Zakharova")
    false = RatingFactory(slug="false", value=1)
    half = RatingFactory(slug="half-true", value=3, colour="#8a5a00")
    VerdictFactory.create_batch(2, published=True, rating=false, claim__speaker=speaker)
    VerdictFactory(published=True, rating=half, claim__speaker=speaker)
    VerdictFactory(claim__state=ClaimState.RETRACTED, rating=half, claim__speaker=speaker)
    VerdictFactory(claim__state=ClaimState.DRAFT, rating=half, claim__speaker=speaker)
    page = html(client.get(speaker.get_absolute_url()))
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert "Ratings of Maria Zakharova's checked claims" in svg
    assert "True: 0, Mostly true: 0, Half true: 1, Mostly false: 0, False: 2, Unproven: 0" in svg
    # The longest bar is the most frequent rating; the other is half as long.
    assert '<rect x="130" y="125" width="300" height="20" rx="3" fill="#b91c1c"/>' in svg
    assert '<rect x="130" y="65" width="150" height="20" rx="3" fill="#8a5a00"/>' in svg
    assert "3 published verdicts by rating" in page


# --- Sources --------------------------------------------------------------------


def test_source_page_lists_the_public_claims_that_use_it(client):
    source = SourceFactory(title="ICC press release", archived_url="https://archive.example/x")
    verdict = VerdictFactory(published=True, claim__text="Made in the release")
    AppearanceFactory(claim=verdict.claim, source=source)
    EvidenceFactory(
        claim=VerdictFactory(published=True, claim__text="Refuted by it").claim, source=source
    )
    EvidenceFactory(claim=ClaimFactory(text="Draft citing it"), source=source)
    page = html(client.get(source.get_absolute_url()))
    assert source.get_absolute_url() == f"/sources/{source.pk}/"
    assert "ICC press release" in page and "https://archive.example/x" in page
    assert "Made in the release" in page and "Refuted by it" in page
    assert "Draft citing it" not in page


def test_a_source_used_only_by_unpublished_claims_has_no_page(client):
    source = EvidenceFactory(claim=ClaimFactory(state=ClaimState.IN_REVIEW)).source
    assert client.get(source.get_absolute_url()).status_code == 404


# --- Transparency pages -------------------------------------------------------------


def test_ratings_page_explains_every_rating_of_the_default_scale(client):
    page = html(client.get("/ratings/"))
    assert "How we rate claims" in page
    for label, description in [
        ("True", "The statement is accurate and nothing significant is missing."),
        ("Half true", "The statement is partially accurate"),
        ("Unproven", "can neither prove nor disprove it"),
    ]:
        assert label in page and description in page
    assert 'id="rating-mostly-false"' in page


def test_corrections_page_lists_every_public_correction_newest_first(client):
    verdict = VerdictFactory(published=True)
    old = dt.datetime(2023, 3, 1, tzinfo=dt.UTC)
    CorrectionFactory(claim=verdict.claim, note="Older correction", created_at=old)
    CorrectionFactory(
        claim=verdict.claim, note="Newer correction", created_at=old + dt.timedelta(days=2)
    )
    CorrectionFactory(claim=ClaimFactory(state=ClaimState.IN_REVIEW), note="Not public yet")
    VerdictFactory(
        claim__state=ClaimState.RETRACTED, claim__retraction_note="Withdrawn after review."
    )
    page = html(client.get("/corrections/"))
    assert page.index("Newer correction") < page.index("Older correction")
    assert "Not public yet" not in page
    assert "Withdrawn after review." in page
    assert "When we get something wrong we correct it openly." in page


@override_settings(FACTCHECK_ORGANISATION_NAME="Kyiv Checks")
def test_about_page_shows_the_staff_edited_text(client):
    Page.objects.filter(slug="about").update(
        title="About us", body="## Funding\n\nWe are funded by **readers**."
    )
    page = html(client.get("/about/"))
    assert "<h1>About us</h1>" in page
    assert "<h2>Funding</h2>" in page and "<strong>readers</strong>" in page
    assert "<title>About us — Kyiv Checks</title>" in page


def test_the_transparency_pages_ship_with_initial_text():
    about = Page.objects.get(slug="about")
    assert about.title == "About Factcheck"
    assert "Independence and funding" in about.body
    assert Page.objects.filter(slug__in=["methodology", "corrections-policy"]).count() == 2


# --- robots.txt ---------------------------------------------------------------------


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, settings):
    settings.FACTCHECK_SITE_URL = "https://factcheck.example.org/"
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: https://factcheck.example.org/sitemap.xml" in lines


def test_public_pages_answer_only_get_and_head(client):
    assert client.post("/claims/").status_code == 405
    assert client.head("/").status_code == 200


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_anonymous_readers_never_see_an_unpublished_claim_anywhere(client, state):
    shared_speaker = SpeakerFactory(name="Shared Speaker")
    published = VerdictFactory(published=True, claim__speaker=shared_speaker)
    hidden = VerdictFactory(
        claim__state=state,
        claim__text="Hidden claim about the ICC",
        claim__speaker=shared_speaker,
        summary="Hidden summary",
    ).claim
    hidden_source = EvidenceFactory(claim=hidden, source__title="Hidden source").source
    CorrectionFactory(claim=hidden, note="Hidden correction")

    for url in [
        "/",
        "/claims/",
        "/claims/?q=ICC",
        published.claim.get_absolute_url(),
        "/speakers/",
        shared_speaker.get_absolute_url(),
        "/corrections/",
        "/feeds/verdicts.rss",
        "/feeds/verdicts.atom",
        "/sitemap.xml",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Hidden" not in response.content.decode(), url
        assert f"/claims/{hidden.pk}/" not in response.content.decode(), url
    for url in [
        hidden.get_absolute_url(),
        f"/embed/claims/{hidden.pk}/",
        hidden_source.get_absolute_url(),
        f"/oembed/?url=http%3A%2F%2F127.0.0.1%3A8000%2Fclaims%2F{hidden.pk}%2F",
    ]:
        assert client.get(url).status_code == 404, url


def test_a_search_matching_too_many_to_rank_lists_the_newest_matches(client):
    older = VerdictFactory(published=True, claim__text="Prices rose in Moscow.")
    newer = VerdictFactory(published=True, claim__text="Prices rose in Kyiv, prices said.")
    Verdict.objects.filter(pk=older.pk).update(published_at=dt.datetime(2023, 3, 1, tzinfo=dt.UTC))
    Verdict.objects.filter(pk=newer.pk).update(published_at=dt.datetime(2023, 3, 2, tzinfo=dt.UTC))
    VerdictFactory(published=True, claim__text="Nothing about that.")
    with patch("claims.views.pages.RANKED_MATCHES", 1):
        response = client.get("/claims/", {"q": "prices"})
        page = html(response)
        assert "More than 1 fact checks match, newest first" in page
        # Counted and listed as far as the cap, newest first.
        assert listed_texts(response) == ["Prices rose in Kyiv, prices said."]
        assert client.get("/claims/", {"q": "prices", "page": 2}).status_code == 404
    with patch("claims.views.pages.RANKED_MATCHES", 2):
        response = client.get("/claims/", {"q": "prices"})
        assert "2 fact checks." in html(response) and "More than" not in html(response)
        assert set(listed_texts(response)) == {older.claim.text, newer.claim.text}
