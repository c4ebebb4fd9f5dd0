"""Every public page, at phone and desktop widths: no serious or critical
axe-core violations, and nothing scrolls sideways on a 375 px phone."""

import pytest

from claims.models import Claim, ClaimState, Speaker
from sources.models import Source
from tests.browser.pages import axe_violations, demo_newsroom, horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def public_urls() -> list[str]:
    published = demo_newsroom()
    corrected = published.filter(corrections__isnull=False).first()
    retracted = Claim.objects.filter(state=ClaimState.RETRACTED).first()
    speaker = Speaker.objects.filter(claims__in=published).first()
    source = Source.objects.filter(evidence__claim__in=published).first()
    return [
        "/",
        "/claims/",
        "/claims/?q=ICC&rating=true",
        "/claims/?date_from=not-a-date",
        corrected.get_absolute_url(),
        retracted.get_absolute_url(),
        "/speakers/",
        speaker.get_absolute_url(),
        source.get_absolute_url(),
        "/ratings/",
        "/corrections/",
        "/about/",
        "/suggest/",
        "/suggest/thanks/",
        f"/embed/claims/{corrected.pk}/",
        "/no-such-page/",
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_have_no_serious_accessibility_violations(live_server, new_page, viewport):
    page = new_page(viewport=viewport)
    problems = []
    for url in public_urls():
        page.goto(live_server.url + url)
        problems += [f"{url}: {violation}" for violation in axe_violations(page)]
        if viewport is PHONE and (overflow := horizontal_overflow(page)) > 0:
            problems.append(f"{url}: scrolls sideways by {overflow}px at 375px")
    assert problems == []


def test_the_suggestion_steps_are_accessible_on_a_phone(live_server, new_page):
    demo_newsroom()
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/suggest/")
    page.get_by_label("The claim").fill("The ICC has 18 judges serving nine-year terms.")
    page.get_by_role("button", name="Check for existing fact checks").click()
    page.get_by_role("heading", name="We may have checked this already").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Your email (optional)").fill("not an email")
    page.get_by_role("button", name="Send my suggestion").click()
    page.get_by_text("Enter a valid email address.").wait_for()
    assert axe_violations(page) == []
    assert horizontal_overflow(page) == 0
