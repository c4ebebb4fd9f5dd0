import json

import pytest

from claims.models import Claim
from tests.browser.pages import demo_newsroom
from tests.factories import SpeakerFactory, VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_searches_and_filters_from_the_home_page_to_a_claim(
    live_server, new_page, screenshot
):
    demo_newsroom()
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url)
    screenshot(page, "home")

    page.get_by_label("Search fact checks").fill("judges")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/claims/?q=judges")
    page.get_by_label("Rating").select_option(label="True")
    page.get_by_role("button", name="Show fact checks").click()
    page.wait_for_url("**/claims/?q=judges&rating=true**")
    results = page.locator(".claim-link")
    assert results.all_inner_texts() == ["The ICC has 18 judges serving nine-year terms."]

    results.first.click()
    claim = Claim.objects.get(text="The ICC has 18 judges serving nine-year terms.")
    page.wait_for_url(f"**{claim.get_absolute_url()}")
    assert page.locator(".verdict .badge").inner_text() == "True"
    assert page.locator("blockquote.claim-text").inner_text() == claim.text
    screenshot(page, "claim-page")


def test_the_claim_page_carries_a_claimreview_the_browser_parses(live_server, new_page, settings):
    settings.FACTCHECK_SITE_URL = live_server.url + "/"
    claim = demo_newsroom().get(text__startswith="The ICC has 18 judges")
    page = new_page()
    page.goto(live_server.url + claim.get_absolute_url())
    blocks = page.evaluate(
        """() => [...document.querySelectorAll('script[type="application/ld+json"]')]
                 .map(s => JSON.parse(s.textContent))"""
    )
    assert len(blocks) == 1
    review = blocks[0]
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"{live_server.url}/claims/{claim.pk}/"
    assert review["claimReviewed"] == claim.text
    assert review["reviewRating"]["alternateName"] == "True"
    assert review["itemReviewed"]["@type"] == "Claim"


def test_a_claim_holding_script_markup_shows_it_as_text(live_server, new_page):
    text = 'He wrote <script>window.pwned = 1</script> and </script><b id="injected">x</b>'
    claim = VerdictFactory(
        published=True, claim__text=text, claim__speaker=SpeakerFactory(name="<i>Mallory</i>")
    ).claim
    page = new_page()
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    for url in ["/", claim.get_absolute_url(), f"/embed/claims/{claim.pk}/"]:
        page.goto(live_server.url + url)
        assert page.evaluate("window.pwned") is None
        assert page.locator("#injected").count() == 0
        assert page.get_by_text(text, exact=True).first.is_visible()
    page.goto(live_server.url + claim.get_absolute_url())
    assert page.locator(".meta a").first.inner_text() == "<i>Mallory</i>"
    script = page.locator('script[type="application/ld+json"]').text_content()
    assert json.loads(script)["claimReviewed"] == text
    assert dialogs == []
