from claims.rendering import render_markdown


def test_markdown_keeps_formatting_links_lists_and_tables():
    html = render_markdown(
        "## Why\n\nThe court has **18** judges, *not* 20.\n\n"
        "- [ICC](https://www.icc-cpi.int/about/judicial-divisions)\n- Rome Statute\n\n"
        "| year | states |\n|---|---|\n| 2023 | 123 |\n"
    )
    assert "<h2>Why</h2>" in html
    assert "<strong>18</strong>" in html and "<em>not</em>" in html
    assert (
        '<a href="https://www.icc-cpi.int/about/judicial-divisions" rel="nofollow noopener">ICC</a>'
    ) in html
    assert "<td>2023</td>" in html


def test_markdown_drops_scripts_handlers_styles_and_dangerous_urls():
    html = render_markdown(
        "<script>alert(1)</script>\n\n"
        '<a href="javascript:alert(2)" onclick="alert(3)">x</a>\n\n'
        '<img src="x" onerror="alert(4)">\n\n'
        '<p style="position:fixed">styled</p>\n\n'
        "<iframe src='https://evil.example'></iframe>\n\n"
        "[data](data:text/html;base64,PHNjcmlwdD4=)"
    )
    for bad in [
        "<script",
        "javascript:",
        "onclick",
        "onerror",
        "<img",
        "style=",
        "<iframe",
        "data:",
    ]:
        assert bad not in html
    assert "styled" in html


def test_markdown_links_are_marked_not_endorsed_even_when_written_as_html():
    html = render_markdown('<a href="https://example.org" rel="author">site</a>')
    assert html == '<p><a href="https://example.org" rel="nofollow noopener">site</a></p>'
