"""The desk workflow in a real browser: two people, two sessions."""

import datetime as dt

import pytest
from django.utils import dateformat, timezone

from claims.models import Claim, ClaimState
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    RatingFactory,
    SourceFactory,
    SourceSnapshotFactory,
    SpeakerFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def desk(db):
    RatingFactory(slug="false", label="False", value=1)
    SpeakerFactory(name="Andriy Kostin")
    guardian = SourceFactory(
        title="Guardian report on the warrant", url="https://example.org/guardian"
    )
    SourceSnapshotFactory(
        source=guardian,
        text="Kyiv says more than 16,000 forced deportations of Ukrainian children "
        "have been recorded.",
    )
    SourceFactory(title="ICC states parties list", url="https://example.org/icc")
    return {
        "researcher": UserFactory(username="rosa", groups=["Researchers"]),
        "editor": UserFactory(username="eddie", groups=["Editors"]),
    }


def log_in(new_page, live_server, username):
    page = new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def pick(page, select_id, text):
    """Chooses an option in one of the admin's autocomplete (select2) widgets."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def take_step(page, label, comment=None):
    page.get_by_role("link", name=label, exact=True).click()
    if comment is not None:
        page.fill("#id_comment", comment)
    page.locator("#transition-form input[type=submit]").click()
    page.wait_for_selector(".messagelist .success")


def test_capture_submit_send_back_fix_resubmit_publish(live_server, new_page, desk, screenshot):
    rosa = log_in(new_page, live_server, "rosa")
    rosa.goto(f"{live_server.url}/admin/claims/claim/add/")
    rosa.fill("#id_text", "More than 16,000 Ukrainian children have been deported.")
    pick(rosa, "id_speaker", "Andriy Kostin")
    rosa.get_by_text("Add another Appearance").click()
    pick(rosa, "id_appearances-0-source", "Guardian report")
    rosa.fill("#id_appearances-0-quote", "more than 16,000 forced deportations")
    rosa.check("#id_appearances-0-is_first")
    pick(rosa, "id_verdict-0-rating", "False")
    rosa.fill("#id_verdict-0-summary", "The register lists 16,000.")
    rosa.get_by_text("Add another Evidence").click()
    pick(rosa, "id_evidence-0-source", "ICC states parties")
    rosa.select_option("#id_evidence-0-stance", "supports")
    rosa.click("input[name=_continue]")
    rosa.wait_for_selector(".messagelist .success")
    claim = Claim.objects.get()
    assert claim.appearances.count() == claim.evidence.count() == 1
    assert rosa.locator(".fc-quote-found").inner_text() == "Quote found"

    take_step(rosa, "Start research")
    take_step(rosa, "Submit for review")
    assert rosa.get_by_role("link", name="Publish").count() == 0

    eddie = log_in(new_page, live_server, "eddie")
    eddie.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    take_step(eddie, "Send back to research", comment="The rating contradicts the summary.")

    rosa.reload()
    # The reason is beside the workflow buttons, and in the history below.
    assert (
        "The rating contradicts the summary."
        in rosa.locator("#workflow .fc-last-step").inner_text()
    )
    assert rosa.locator("#history").get_by_text("The rating contradicts the summary.").is_visible()
    rosa.fill("#id_verdict-0-summary", "The official register listed just over 16,000 children.")
    rosa.click("input[name=_continue]")
    rosa.wait_for_selector(".messagelist .success")
    take_step(rosa, "Submit for review")

    eddie.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    take_step(eddie, "Publish")
    screenshot(eddie, "admin-published-claim")
    claim.refresh_from_db()
    assert claim.state == ClaimState.PUBLISHED
    assert [e.to_state for e in claim.events.all()] == [
        "researching",
        "in_review",
        "researching",
        "in_review",
        "published",
    ]
    assert claim.verdict.summary.startswith("The official register")


def test_two_sessions_saving_the_same_claim(live_server, new_page, desk):
    claim = Claim.objects.create(text="The ICC has 18 judges.", state=ClaimState.DRAFT)
    url = f"{live_server.url}/admin/claims/claim/{claim.pk}/change/"
    first = log_in(new_page, live_server, "rosa")
    second = log_in(new_page, live_server, "eddie")
    first.goto(url)
    second.goto(url)

    first.fill("#id_text", "The ICC has 18 judges serving nine-year terms.")
    first.click("input[name=_continue]")
    first.wait_for_selector(".messagelist .success")

    second.fill("#id_text", "The ICC has eighteen judges.")
    second.click("input[name=_continue]")
    error = second.locator(".errornote, .errorlist.nonfield")
    error.first.wait_for()
    assert "This claim was changed by rosa" in second.content()
    assert "Nothing was saved" in second.content()

    claim.refresh_from_db()
    assert claim.text == "The ICC has 18 judges serving nine-year terms."
    assert claim.version == 2


def test_publishing_an_unverified_quote_takes_a_confirmation(live_server, new_page, desk):
    claim = ClaimFactory(state=ClaimState.IN_REVIEW, text="The ICC has 19 judges.")
    VerdictFactory(claim=claim)
    EvidenceFactory(
        claim=claim,
        source=SourceFactory(title="ICC at a glance", text="The court has 18 judges."),
        quote="The court has 19 judges",
    )
    eddie = log_in(new_page, live_server, "eddie")
    eddie.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    assert eddie.locator(".fc-quote-not_found").inner_text() == "Quote not found in the source"

    eddie.get_by_role("link", name="Publish", exact=True).click()
    listed = eddie.locator("#unverified-quotes li").inner_text()
    assert "“ICC at a glance”: “The court has 19 judges”" in listed
    eddie.locator("#transition-form input[type=submit]").click()
    eddie.locator("#transition-form .errorlist").first.wait_for()
    assert "1 quote is not verified" in eddie.locator("#transition-form .errorlist").inner_text()
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW

    eddie.get_by_label("Publish anyway").check()
    eddie.locator("#transition-form input[type=submit]").click()
    eddie.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert claim.state == ClaimState.PUBLISHED


def test_an_editor_rechecks_a_due_verdict_from_the_queue(live_server, new_page, desk, screenshot):
    today = timezone.localdate()
    claim = ClaimFactory(state=ClaimState.PUBLISHED, text="The ICC has 123 states parties.")
    VerdictFactory(
        claim=claim,
        published_at=timezone.now() - dt.timedelta(days=700),
        as_of=today - dt.timedelta(days=700),
        recheck_on=today - dt.timedelta(days=1),
    )
    EvidenceFactory(claim=claim)
    eddie = log_in(new_page, live_server, "eddie")
    eddie.goto(f"{live_server.url}/admin/claims/claim/?recheck=due")
    eddie.get_by_role("link", name="The ICC has 123 states parties.").click()
    eddie.get_by_role("link", name="Re-checked: still accurate", exact=True).click()
    eddie.fill("#id_comment", "The ASP list still shows 123.")
    next_date = today + dt.timedelta(days=365)
    eddie.fill("#id_recheck_on", next_date.isoformat())
    screenshot(eddie, "admin-recheck-form")
    eddie.locator("#transition-form input[type=submit]").click()
    eddie.wait_for_selector(".messagelist .success")
    eddie.goto(f"{live_server.url}/admin/claims/claim/?recheck=due")
    assert eddie.get_by_text("The ICC has 123 states parties.").count() == 0

    reader = new_page()
    reader.goto(f"{live_server.url}/claims/{claim.pk}/")
    shown = dateformat.format(today, "j F Y")
    assert reader.locator(".rechecked").inner_text() == (
        f"Checked again on {shown}: still accurate"
    )
    assert reader.locator(".as-of").inner_text() == f"as of {shown}"
