"""The desk: the admin's index page, its queues and the latest workflow steps."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from claims.models import ClaimState, WorkflowEvent
from claims.workflow import claim_transition
from tests.claims.test_broken_links import broken_source
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
    WorkflowEventFactory,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
CHANGELIST = reverse("admin:claims_claim_changelist")


# --- The desk -------------------------------------------------------------------------


@pytest.fixture
def rosa(db):
    return UserFactory(username="rosa", groups=["Researchers"])


@pytest.fixture
def eddie(db):
    return UserFactory(username="eddie", groups=["Editors"])


def in_review(*, submitted_by, **kwargs):
    claim = ClaimFactory(state=ClaimState.RESEARCHING, **kwargs)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    claim_transition(claim=claim, name="submit", by=submitted_by)
    return claim


@pytest.fixture
def newsroom(rosa, eddie):
    """Claims in each of the desk's queues, and some in none of them."""
    second_editor = UserFactory(username="edna", groups=["Editors"])
    ClaimFactory(assignee=eddie, text="Assigned to eddie, a draft.")
    VerdictFactory(published=True, claim__assignee=eddie, claim__text="Assigned to eddie, public.")
    ClaimFactory(assignee=rosa, text="Assigned to rosa.")
    in_review(submitted_by=rosa, text="Rosa submitted it; eddie may review.")
    in_review(submitted_by=rosa, text="Rosa submitted it too.")
    in_review(submitted_by=eddie, text="Eddie submitted it himself.")
    signed = in_review(submitted_by=rosa, text="Eddie signed off already.")
    claim_transition(claim=signed, name="sign_off", by=eddie)
    in_review(submitted_by=second_editor, text="Edna submitted it.")
    # Quotes not found in their sources (quotes are checked on save).
    AppearanceFactory(source=SourceFactory(text="Nothing like it."), quote="The ICC has 19 judges.")
    EvidenceFactory(source=SourceFactory(text="Nothing like it."), quote="The ICC has 81 judges.")
    EvidenceFactory(source=broken_source(), quote="")
    # Time-sensitive verdicts: one whose re-check date has come, one still ahead.
    VerdictFactory(published=True, recheck_on=dt.date(2025, 1, 1), claim__text="Stale.")
    VerdictFactory(published=True, recheck_on=dt.date(2999, 1, 1), claim__text="Fresh.")
    return {"review": 4, "assigned_eddie": 2, "assigned_rosa": 1}


def queues(page: str) -> dict[str, tuple[str, int]]:
    """The desk's queues on the index page: label -> (link, count)."""
    found = re.findall(
        r'<a class="fc-queue" href="([^"]+)"><span class="fc-queue-count">(\d+)</span>'
        r' <span class="fc-queue-label">([^<]+)</span>',
        page,
    )
    return {label: (href.replace("&amp;", "&"), int(count)) for href, count, label in found}


def test_an_editor_sees_their_queues_with_counts_and_links(client, newsroom, eddie):
    client.force_login(eddie)
    page = client.get(INDEX).content.decode()
    assert queues(page) == {
        "Assigned to me": (f"{CHANGELIST}?assigned=me", 2),
        # submitted by rosa (3) or edna (1), less the one eddie signed off
        "Waiting for my review": (f"{CHANGELIST}?review=mine", 3),
        "Due for re-check": (f"{CHANGELIST}?recheck=due", 1),
        "Quotes: unverified": (f"{CHANGELIST}?quotes=unverified", 2),
        "Evidence links: broken": (f"{CHANGELIST}?links=broken", 1),
    }


def test_each_queue_links_to_the_list_of_exactly_its_claims(client, newsroom, eddie):
    client.force_login(eddie)
    for label, (link, count) in queues(client.get(INDEX).content.decode()).items():
        listed = client.get(link).content.decode()
        assert listed.count('class="action-select"') == count, label


def test_a_researcher_has_no_review_queue(client, newsroom, rosa):
    client.force_login(rosa)
    page = client.get(INDEX).content.decode()
    assert queues(page) == {
        "Assigned to me": (f"{CHANGELIST}?assigned=me", 1),
        "Quotes: unverified": (f"{CHANGELIST}?quotes=unverified", 2),
        "Evidence links: broken": (f"{CHANGELIST}?links=broken", 1),
    }


def test_staff_who_do_not_work_on_claims_get_the_model_list_only(client, newsroom):
    client.force_login(UserFactory(username="pages-only"))
    page = client.get(INDEX).content.decode()
    assert 'id="desk-queues"' not in page
    assert 'id="desk-events"' not in page


def test_the_model_list_stays_below_the_desk(client, eddie):
    client.force_login(eddie)
    page = client.get(INDEX).content.decode()
    assert page.index('id="desk-queues"') < page.index('id="desk-events"')
    assert page.index('id="desk-events"') < page.index('class="app-claims module')
    assert f'href="{CHANGELIST}"' in page
    assert f'href="{reverse("admin:sources_source_changelist")}"' in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_latest_workflow_steps_come_newest_first_with_links(client, eddie, rosa):
    claim = ClaimFactory(state=ClaimState.DRAFT, text="<script>alert('x')</script> 18 judges")
    claim_transition(claim=claim, name="start_research", by=rosa)
    older = WorkflowEventFactory(actor=eddie)
    WorkflowEvent.objects.filter(pk=older.pk).update(created_at="2023-03-17T10:00:00Z")
    client.force_login(eddie)
    page = client.get(INDEX).content.decode()
    events = page[page.index('id="desk-events"') :]
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; 18 judges" in events
    newest = events.index(reverse("admin:claims_claim_change", args=[claim.pk]))
    oldest = events.index(reverse("admin:claims_claim_change", args=[older.claim_id]))
    assert newest < oldest
    assert "rosa" in events[newest:oldest] and "moved it from" in events[newest:oldest]


def test_the_desk_shows_the_ten_latest_steps(client, eddie):
    events = WorkflowEventFactory.create_batch(12, actor=eddie)
    client.force_login(eddie)
    page = client.get(INDEX).content.decode()
    listed = page[page.index('id="desk-events"') :]
    for event in events[2:]:
        assert reverse("admin:claims_claim_change", args=[event.claim_id]) in listed
    for event in events[:2]:
        assert reverse("admin:claims_claim_change", args=[event.claim_id]) not in listed


@pytest.mark.parametrize("rows", [1, 20])
def test_the_desk_costs_a_fixed_number_of_queries(
    client, eddie, rosa, django_assert_max_num_queries, rows
):
    for n in range(rows):
        claim = in_review(submitted_by=rosa, assignee=eddie, text=f"Claim {n} in review.")
        EvidenceFactory(claim=claim, source=broken_source(), quote="Not in the source.")
    client.force_login(eddie)
    # session, user, the user's own and group permissions; four counts
    # (assigned, review, due for re-check, unverified quotes, broken links);
    # the latest steps with their claims and actors; the "Recent actions" sidebar
    with django_assert_max_num_queries(11):
        page = client.get(INDEX).content.decode()
    assert queues(page)["Waiting for my review"][1] == rows
    assert queues(page)["Evidence links: broken"][1] == rows


# --- The claim's change form --------------------------------------------------------------


def test_the_change_form_puts_claim_verdict_and_workflow_first(client, eddie, rosa):
    claim = in_review(submitted_by=rosa)
    AppearanceFactory(claim=claim)
    client.force_login(eddie)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    parts = [
        'id="fieldset-0-0-heading"',  # the claim
        'id="verdict-group"',
        'id="workflow"',
        'data-transition="publish"',
        'id="appearances-group"',
        'id="evidence-group"',
        'id="corrections-group"',
        'id="history"',
    ]
    positions = [page.index(part) for part in parts]
    assert positions == sorted(positions)
