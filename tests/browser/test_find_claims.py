"""Find claims in a real browser: from a pasted article to a draft claim in one click."""

import pytest

from claims.models import Claim, ClaimState
from tests.browser.test_admin_desk import log_in
from tests.factories import SourceFactory, SpeakerFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = (
    "Ukraine's Prosecutor General Andriy Kostin said more than 16,000 forced deportations "
    "of Ukrainian children have been recorded.\n"
    "The court, which has 18 judges serving nine-year terms, tries four types of crimes.\n"
    "So I think it is good to see the prosecutor focusing on children's rights."
)


def test_a_researcher_turns_a_candidate_into_a_draft_claim(live_server, new_page, screenshot):
    UserFactory(username="rosa", groups=["Researchers"])
    kostin = SpeakerFactory(name="Andriy Kostin")
    VerdictFactory(published=True, claim__text="The ICC has 18 judges serving nine-year terms.")
    source = SourceFactory(title="Guardian report on the warrant", text=ARTICLE)

    rosa = log_in(new_page, live_server, "rosa")
    rosa.goto(f"{live_server.url}/admin/sources/source/{source.pk}/change/")
    rosa.get_by_role("link", name="Find claims").click()
    rosa.wait_for_selector(".fc-candidate")
    assert rosa.locator(".fc-candidate").count() == 3
    first = rosa.locator(".fc-candidate").first
    assert "Andriy Kostin" in first.inner_text()
    assert "16,000" in first.inner_text()
    screenshot(rosa, "admin-find-claims")

    first.get_by_role("button", name="Create draft claim").click()
    rosa.wait_for_selector(".messagelist .success")
    claim = Claim.objects.get(state=ClaimState.DRAFT)
    assert claim.speaker == kostin and "16,000" in claim.text
    assert claim.appearances.get().source == source

    # The judges sentence repeats a published verdict: a warning comes first.
    rosa.goto(f"{live_server.url}/admin/claims/claim/find-claims/{source.pk}/")
    judges = rosa.locator(".fc-candidate", has_text="18 judges")
    assert "May have been checked already" in judges.inner_text()
    judges.get_by_role("button", name="Create draft claim").click()
    rosa.get_by_role("button", name="Create the draft claim anyway").click()
    rosa.wait_for_selector(".messagelist .success")
    assert Claim.objects.filter(state=ClaimState.DRAFT).count() == 2
