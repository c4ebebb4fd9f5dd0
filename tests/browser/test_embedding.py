"""Another site, served from another local port, embeds two verdict cards
with the one-line snippet."""

import pytest

from tests.factories import RatingFactory, VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True)

THIRD_PARTY_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>The Daily Example</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<h1>Putin, Xi and the court</h1>
<p>Our reporter looked at what was said this week.</p>
<blockquote class="factcheck-embed" data-claim="{first}">
  <a href="{site}/claims/{first}/">Fact check</a></blockquote>
<script async src="{site}/static/embed.js"></script>
<p>Meanwhile, in Moscow:</p>
<blockquote class="factcheck-embed" data-claim="{second}">
  <a href="{site}/claims/{second}/">Fact check</a></blockquote>
<script async src="{site}/static/embed.js"></script>
<p>The end.</p>
</body>
</html>
"""


def frame_heights(page) -> list[int]:
    return page.eval_on_selector_all(
        "iframe.factcheck-embed-frame", "frames => frames.map(f => f.offsetHeight)"
    )


def card_heights(page) -> list[int]:
    frames = page.query_selector_all("iframe.factcheck-embed-frame")
    return [
        frame.content_frame().evaluate("Math.ceil(document.body.getBoundingClientRect().height)")
        for frame in frames
    ]


def test_a_third_party_page_embeds_two_cards_that_render_and_resize(
    live_server, new_page, screenshot, third_party_site
):
    first = VerdictFactory(
        published=True,
        rating=RatingFactory(slug="true", value=5, colour="#1a7f37"),
        claim__text="The ICC has 18 judges serving nine-year terms.",
    ).claim
    second = VerdictFactory(
        published=True,
        rating=RatingFactory(slug="mostly-false", value=2, colour="#a8470b"),
        claim__text="The ICC has so far indicted 40 individuals apart from Vladimir Putin, "
        "all from African countries, according to a long and winding report.",
    ).claim
    address = third_party_site(
        "article.html",
        THIRD_PARTY_PAGE.format(site=live_server.url, first=first.pk, second=second.pk),
    )
    assert not address.startswith(live_server.url)

    page = new_page(viewport={"width": 1024, "height": 900})
    page.goto(address)
    page.wait_for_function("document.querySelectorAll('iframe.factcheck-embed-frame').length === 2")
    assert page.locator("blockquote.factcheck-embed").count() == 0

    cards = page.frame_locator("iframe.factcheck-embed-frame")
    assert cards.nth(0).locator(".badge").inner_text() == "True"
    assert cards.nth(1).locator(".badge").inner_text() == "Mostly false"
    assert cards.nth(0).locator("blockquote").inner_text() == first.text

    # Each iframe takes its card's height, which embed.js learns from the card.
    page.wait_for_function(
        """() => [...document.querySelectorAll('iframe.factcheck-embed-frame')]
                 .every(f => f.style.height !== '200px')"""
    )
    wide = frame_heights(page)
    assert wide == card_heights(page)
    screenshot(page, "embedding-page")

    # A narrower page wraps the text onto more lines; the iframes follow.
    page.set_viewport_size({"width": 360, "height": 900})
    page.wait_for_function(
        "heights => [...document.querySelectorAll('iframe.factcheck-embed-frame')]"
        ".every((f, i) => f.offsetHeight > heights[i])",
        arg=wide,
    )
    assert frame_heights(page) == card_heights(page)
    assert page.context.cookies() == []


def test_a_malformed_placeholder_stays_a_plain_link(live_server, new_page, third_party_site):
    address = third_party_site(
        "malformed.html",
        "<!doctype html><title>t</title>"
        '<blockquote class="factcheck-embed" data-claim="x1"><a href="#">Not a number</a>'
        '</blockquote><blockquote class="factcheck-embed" data-claim="1/../../admin">'
        '<a href="#">A path</a></blockquote>'
        f'<script src="{live_server.url}/static/embed.js"></script>',
    )
    page = new_page()
    with page.expect_response(f"{live_server.url}/static/embed.js") as script:
        page.goto(address)
    assert script.value.ok
    page.wait_for_load_state("load")
    assert page.locator("blockquote.factcheck-embed").all_inner_texts() == [
        "Not a number",
        "A path",
    ]
    assert page.locator("iframe").count() == 0
