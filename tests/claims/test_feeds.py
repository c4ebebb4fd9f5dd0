import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from claims.models import ClaimState
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    CorrectionFactory,
    EvidenceFactory,
    SpeakerFactory,
    TopicFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://factcheck.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.FACTCHECK_SITE_URL = SITE


def rss_items(client):
    response = client.get("/feeds/verdicts.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def atom_entries(client):
    response = client.get("/feeds/verdicts.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_rss_lists_public_verdicts_newest_first_with_rating_and_summary(client):
    now = dt.datetime(2023, 3, 20, tzinfo=dt.UTC)
    older = VerdictFactory(published=True, claim__text="Older", published_at=now)
    newer = VerdictFactory(
        published=True,
        claim__text="Newer",
        claim__topics=[TopicFactory(name="ICC")],
        published_at=now + dt.timedelta(days=1),
    )
    VerdictFactory(claim__state=ClaimState.IN_REVIEW, claim__text="Draft")
    items = rss_items(client)
    assert [i.findtext("title") for i in items] == ["False: Newer", "False: Older"]
    first = items[0]
    assert first.findtext("link") == f"{SITE}claims/{newer.claim.pk}/"
    assert first.findtext("guid") == f"{SITE}claims/{newer.claim.pk}/"
    assert first.findtext("category") == "ICC"
    assert first.findtext("pubDate") == "Tue, 21 Mar 2023 00:00:00 +0000"
    assert newer.summary in first.findtext("description")
    assert older.claim.pk != newer.claim.pk


def test_atom_lists_the_same_verdicts_with_updated_times(client):
    verdict = VerdictFactory(published=True, claim__text="In the Atom feed")
    CorrectionFactory(claim=verdict.claim, note="A later correction.")
    entries = atom_entries(client)
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["False: In the Atom feed"]
    summary = entries[0].find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "A later correction." in summary.text
    assert entries[0].findtext(f"{ATOM}updated") >= entries[0].findtext(f"{ATOM}published")


def test_feeds_announce_retractions(client):
    VerdictFactory(
        claim__state=ClaimState.RETRACTED,
        claim__text="Rifles were shipped.",
        claim__retraction_note="The records were misread.",
    )
    (item,) = rss_items(client)
    assert item.findtext("title") == "Retracted: Rifles were shipped."
    assert "The records were misread." in item.findtext("description")


def test_feeds_escape_what_authors_typed(client):
    VerdictFactory(
        published=True,
        claim__text="<script>alert(1)</script> & more",
        claim__speaker=SpeakerFactory(name="<b>Bold</b>"),
        summary="<img src=x onerror=alert(2)>",
    )
    (item,) = rss_items(client)
    # RSS titles and descriptions are HTML: the markup arrives as text.
    assert item.findtext("title") == "False: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
    description = item.findtext("description")
    assert "<script>" not in description and "<img" not in description and "<b>" not in description
    assert "&lt;img src=x onerror=alert(2)&gt;" in description
    (entry,) = atom_entries(client)
    # Atom titles are plain text.
    assert entry.findtext(f"{ATOM}title") == "False: <script>alert(1)</script> & more"
    assert "<script>" not in entry.findtext(f"{ATOM}summary")


# --- sitemap.xml -------------------------------------------------------------------


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def test_sitemap_lists_public_claims_speakers_sources_and_pages(client):
    verdict = VerdictFactory(published=True)
    retracted = VerdictFactory(claim__state=ClaimState.RETRACTED)
    source = EvidenceFactory(claim=verdict.claim).source
    locations = sitemap_locations(client)
    for path in [
        "",
        "claims/",
        "speakers/",
        "ratings/",
        "corrections/",
        "about/",
        f"claims/{verdict.claim.pk}/",
        f"claims/{retracted.claim.pk}/",
        f"speakers/{verdict.claim.speaker.slug}/",
        f"sources/{source.pk}/",
    ]:
        assert SITE + path in locations


def test_sitemap_leaves_out_everything_unpublished(client):
    draft = ClaimFactory(state=ClaimState.IN_REVIEW)
    source = AppearanceFactory(claim=draft).source
    locations = sitemap_locations(client)
    assert SITE + draft.get_absolute_url()[1:] not in locations
    assert SITE + draft.speaker.get_absolute_url()[1:] not in locations
    assert SITE + source.get_absolute_url()[1:] not in locations
