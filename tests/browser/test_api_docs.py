"""A consumer discovers the API from /api/docs/ and calls it from another site's page."""

import pytest
from playwright.sync_api import expect

from claims.models import ClaimState
from tests.factories import ClaimFactory, EvidenceFactory, VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_docs_page_lists_every_endpoint_and_runs_a_call(live_server, new_page, screenshot):
    claim = ClaimFactory(state=ClaimState.PUBLISHED, text="The ICC has 18 judges.")
    VerdictFactory(claim=claim, published_at="2023-03-19T10:00:00Z")
    EvidenceFactory(claim=claim)
    page = new_page()
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    for path in (
        "/api/v1/claims/",
        "/api/v1/claims/{id}/{transition}/",
        "/api/v1/claims/match/",
        "/api/v1/claims:search",
        "/api/v1/claimreview/",
        "/api/v1/claims/{id}/claimreview/",
    ):
        assert any(p.replace("\u200b", "") == path for p in paths), path

    # Try it out: the feed, straight from the docs page.
    feed = page.locator(".opblock", has_text="/api/v1/claimreview/").first
    feed.locator(".opblock-summary").click()
    feed.locator("button.try-out__btn").click()
    feed.locator("button.execute").click()
    # The live answer, not the documented example above it; expect() waits for it.
    expect(feed.locator(".live-responses-table .highlight-code").first).to_contain_text(
        "The ICC has 18 judges."
    )
    screenshot(page, "api-docs")


def test_a_page_on_another_origin_can_read_the_api(live_server, new_page):
    claim = ClaimFactory(state=ClaimState.PUBLISHED, text="Readable from anywhere.")
    VerdictFactory(claim=claim, published_at="2023-03-19T10:00:00Z")
    page = new_page()
    # about:blank has an opaque origin: any cross-origin read needs CORS headers.
    text = page.evaluate(
        """async (url) => {
            const response = await fetch(url);
            return [response.status, response.headers.get('ETag'), (await response.json()).text];
        }""",
        f"{live_server.url}/api/v1/claims/{claim.pk}/",
    )
    assert text[0] == 200 and text[1] and text[2] == "Readable from anywhere."
    refused = page.evaluate(
        """async (url) => {
            try { await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                                    body: '{}'}); return 'sent'; }
            catch (e) { return 'blocked'; }
        }""",
        f"{live_server.url}/api/v1/claims/",
    )
    assert refused == "blocked"
