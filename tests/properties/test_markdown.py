"""Whatever Markdown staff write, the page gets HTML with only the tags and
attributes the renderer allows: no script, no handler, no javascript: link."""

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from claims.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from tests.properties.strategies import any_text

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[link](javascript:alert(1))",
    "[link](JaVaScRiPt:alert(1))",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "<style>body{}</style>",
    '<iframe src="https://example.org"></iframe>',
    "<svg onload=alert(1)>",
    "| a | b |\n|---|---|\n| <b onclick=x>c</b> | d |",
    "```\n<script>\n```",
    "> quote <form action=x>",
    "&lt;script&gt;",
    "\x00",
]
markdown_text = st.lists(st.one_of(any_text, st.sampled_from(HOSTILE)), max_size=6).map(
    "\n".join
) | st.text(max_size=200)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, dict(attrs)))


@given(text=markdown_text)
def test_rendered_markdown_holds_only_allowed_tags_and_safe_links(text):
    html = render_markdown(text)
    parser = Tags()
    parser.feed(str(html))
    for tag, attrs in parser.seen:
        assert tag in ALLOWED_TAGS, tag
        assert set(attrs) <= ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, (tag, attrs)
        href = (attrs.get("href") or "").strip().lower()
        assert (
            not href
            or href.startswith(("http:", "https:", "mailto:", "#", "/"))
            or (":" not in href.split("/")[0])
        ), href
    assert "<script" not in html.lower()
