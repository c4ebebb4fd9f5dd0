import pytest

from claims.models import ClaimState
from tests.factories import VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_home_page_renders_in_chromium(live_server, new_page):
    VerdictFactory(claim__state=ClaimState.PUBLISHED, claim__text="Seen in a real browser")
    page = new_page()
    page.goto(live_server.url)
    assert page.get_by_text("Seen in a real browser").is_visible()
