"""The Content-Security-Policy in a real browser: the public site, the admin
and the API docs work under it without one violation, and only the embed
card may be framed by another site."""

import pytest
from playwright.sync_api import expect

from claims.models import Claim, ClaimState
from tests.browser.pages import demo_newsroom
from tests.factories import ClaimFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"

# In every frame, before any of the page's own code: report each violation.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportViolation(
        `${event.documentURI}: ${event.effectiveDirective} refused ${event.blockedURI}`
    );
});
"""


@pytest.fixture
def watched_page(new_page):
    """A page whose CSP violations, as events and as console errors, land in `violations`."""
    violations = []

    def make(**options):
        page = new_page(**options)
        page.context.expose_function("reportViolation", lambda text: violations.append(text))
        page.context.add_init_script(REPORT_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and violations.append(message.text)
            ),
        )
        return page

    make.violations = violations
    return make


def public_urls() -> list[str]:
    published = demo_newsroom()
    claim = published.filter(corrections__isnull=False).first()
    retracted = Claim.objects.filter(state=ClaimState.RETRACTED).first()
    return [
        "/",
        "/claims/",
        "/claims/?q=ICC",
        "/claims/?date_from=not-a-date",
        claim.get_absolute_url(),
        retracted.get_absolute_url(),
        "/speakers/",
        published.exclude(speaker=None).first().speaker.get_absolute_url(),
        claim.evidence.first().source.get_absolute_url(),
        "/ratings/",
        "/corrections/",
        "/about/",
        "/suggest/",
        "/no-such-page/",
    ]


def test_public_pages_render_under_the_policy_without_violations(live_server, watched_page):
    page = watched_page()
    for url in public_urls():
        response = page.goto(live_server.url + url)
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, url
        # The stylesheet applied: the header is laid out by site.css.
        assert page.locator(".site-header").evaluate("e => getComputedStyle(e).display") != ""
    # The rating badges keep their colours (style attributes).
    page.goto(live_server.url + "/claims/")
    colour = page.locator(".badge").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("", "rgba(0, 0, 0, 0)")
    # Suggesting a claim: the form's own script runs (matches first, then the form).
    page.goto(live_server.url + "/suggest/")
    page.get_by_label("The claim").fill("The ICC has 18 judges serving nine-year terms.")
    page.get_by_role("button", name="Check for existing fact checks").click()
    page.get_by_role("heading", name="We may have checked this already").wait_for()
    assert watched_page.violations == []


def test_the_admin_works_under_the_policy(live_server, watched_page):
    claim = ClaimFactory(state=ClaimState.DRAFT, text="The ICC has 18 judges.")
    UserFactory(username="rosa", groups=["Researchers"])
    page = watched_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "rosa")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    page.goto(f"{live_server.url}/admin/claims/claim/")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    # The autocomplete widgets (select2, the admin's own scripts) work.
    page.locator("#id_speaker + .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.wait_for()
    page.keyboard.press("Escape")
    # A workflow button.
    page.get_by_role("link", name="Start research", exact=True).click()
    page.locator("#transition-form input[type=submit]").click()
    page.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert claim.state == ClaimState.RESEARCHING
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/history/")
    page.goto(f"{live_server.url}/admin/claims/claim/add/")
    assert watched_page.violations == []


def test_the_api_docs_work_under_the_policy(live_server, watched_page):
    claim = ClaimFactory(state=ClaimState.PUBLISHED, text="The ICC has 18 judges.")
    VerdictFactory(claim=claim, published_at="2023-03-19T10:00:00Z")
    page = watched_page()
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock")
    detail = page.locator(".opblock", has_text="/api/v1/claims/{id}/").first
    detail.locator(".opblock-summary").click()
    detail.locator("button.try-out__btn").click()
    detail.locator("input[placeholder='id']").fill(str(claim.pk))
    detail.locator("button.execute").click()
    expect(detail.locator(".live-responses-table .highlight-code").first).to_contain_text(
        "The ICC has 18 judges."
    )
    assert watched_page.violations == []


def test_another_site_may_frame_the_card_and_nothing_else(
    live_server, watched_page, third_party_site
):
    claim = VerdictFactory(published=True, claim__text="The ICC has 18 judges.").claim
    address = third_party_site(
        "framing.html",
        "<!doctype html><title>Framing</title>"
        f'<iframe id="card" src="{live_server.url}/embed/claims/{claim.pk}/"></iframe>'
        f'<iframe id="page" src="{live_server.url}/claims/{claim.pk}/"></iframe>',
    )
    page = watched_page()
    page.goto(address)
    card = page.frame_locator("#card")
    expect(card.locator("blockquote")).to_have_text("The ICC has 18 judges.")
    # The card's own inline style applied (allowed by its hash).
    radius = card.locator(".card").evaluate("e => getComputedStyle(e).borderRadius")
    assert radius == "8px"
    # The claim page refuses to be framed: the browser shows its error page instead.
    page.wait_for_load_state("load")
    expect(page.frame_locator("#page").get_by_text("The ICC has 18 judges.")).to_have_count(0)
    # That refusal is the one violation: the card's frame and code raised none.
    [refusal] = watched_page.violations
    assert "frame-ancestors 'none'" in refusal and "blocked" in refusal
