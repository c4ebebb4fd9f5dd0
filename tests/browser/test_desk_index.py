"""The desk in a real browser, on a desktop and on a phone: the admin's index
page counts the editor's queues and links each to its claims, and the claim
form puts what an editor reads first above what they consult."""

import datetime as dt

import pytest

from claims.models import ClaimState
from claims.workflow import claim_transition
from sources.models import LinkStatus
from tests.browser.pages import axe_violations, horizontal_overflow
from tests.browser.test_admin_desk import log_in
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def in_review(text, *, submitted_by):
    claim = ClaimFactory(state=ClaimState.RESEARCHING, text=text)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim, quote="")
    claim_transition(claim=claim, name="submit", by=submitted_by)
    return claim


@pytest.fixture
def newsroom(db):
    rosa = UserFactory(username="rosa", groups=["Researchers"])
    eddie = UserFactory(username="eddie", groups=["Editors"])
    ClaimFactory(assignee=eddie, text="The ICC has 18 judges serving nine-year terms.")
    ClaimFactory(assignee=rosa, text="Ukraine has accepted the ICC twice.")
    in_review("The ICC has 123 states parties.", submitted_by=rosa)
    in_review("It has indicted 40 individuals apart from Mr Putin.", submitted_by=rosa)
    in_review("Chinese companies shipped 1,000 assault rifles.", submitted_by=eddie)
    AppearanceFactory(
        claim__text="More than 16,000 forced deportations have been recorded.",
        source=SourceFactory(title="Guardian report", text="Nothing about it."),
        quote="more than 16,000 forced deportations",
    )
    VerdictFactory(
        published=True,
        recheck_on=dt.date(2025, 1, 1),
        claim__text="Ukraine is not a party to the Rome Statute.",
    )
    EvidenceFactory(
        claim__text="Russia is not a party to the Rome Statute.",
        source=SourceFactory(title="Gone page", link_status=LinkStatus.BROKEN, text=""),
        quote="",
    )
    return {
        "Assigned to me": ["The ICC has 18 judges serving nine-year terms."],
        "Waiting for my review": [
            "The ICC has 123 states parties.",
            "It has indicted 40 individuals apart from Mr Putin.",
        ],
        "Due for re-check": ["Ukraine is not a party to the Rome Statute."],
        "Quotes: unverified": ["More than 16,000 forced deportations have been recorded."],
        "Evidence links: broken": ["Russia is not a party to the Rome Statute."],
    }


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_desk_counts_each_queue_and_links_to_its_claims(
    live_server, new_page, newsroom, screenshot, viewport
):
    eddie = log_in(new_page, live_server, "eddie")
    eddie.set_viewport_size(viewport)
    eddie.goto(f"{live_server.url}/admin/")
    assert eddie.locator("h1").inner_text() == "Your desk"
    queues = eddie.locator(".fc-queue")
    labels = queues.locator(".fc-queue-label").all_inner_texts()
    assert labels == list(newsroom)
    counts = [int(n) for n in queues.locator(".fc-queue-count").all_inner_texts()]
    assert counts == [len(claims) for claims in newsroom.values()]
    steps = eddie.locator(".fc-events li")
    assert steps.count() == 3
    assert "rosa moved it from Researching to In review" in " ".join(steps.all_inner_texts())
    assert eddie.get_by_role("link", name="Claims", exact=True).first.is_visible()
    assert axe_violations(eddie) == []
    assert horizontal_overflow(eddie) == 0
    name = "phone" if viewport is PHONE else "desktop"
    screenshot(eddie, f"admin-desk-{name}")

    for label, claims in newsroom.items():
        eddie.goto(f"{live_server.url}/admin/")
        eddie.locator(".fc-queue", has_text=label).click()
        eddie.wait_for_selector("#result_list")
        listed = eddie.locator("#result_list tbody th a").all_inner_texts()
        assert sorted(listed) == sorted(claims), label
        assert horizontal_overflow(eddie) == 0, label


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_claim_form_shows_claim_verdict_and_workflow_first(
    live_server, new_page, newsroom, screenshot, viewport
):
    claim = in_review(
        "The court has 19 judges.",
        submitted_by=UserFactory(username="rita", groups=["Researchers"]),
    )
    AppearanceFactory(claim=claim, quote="")
    eddie = log_in(new_page, live_server, "eddie")
    eddie.set_viewport_size(viewport)
    eddie.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")

    def top(selector):
        return eddie.locator(selector).first.bounding_box()["y"]

    order = [
        top("#id_text"),
        top("#verdict-group"),
        top("#workflow"),
        top("#workflow .fc-transition"),
        top("#appearances-group"),
        top("#evidence-group"),
        top("#history"),
    ]
    assert order == sorted(order)
    assert eddie.get_by_role("link", name="Publish", exact=True).is_visible()
    assert horizontal_overflow(eddie) == 0
    name = "phone" if viewport is PHONE else "desktop"
    screenshot(eddie, f"admin-claim-form-{name}")
