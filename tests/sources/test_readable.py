import codecs

import pytest

from sources.readable import content_kind, decode_text, readable_text
from tests.local_web import ARTICLE_HTML, LATIN1_TEXT


def test_it_reduces_html_to_the_article_one_paragraph_a_line():
    text = readable_text(ARTICLE_HTML, "text/html; charset=utf-8", "https://example.org/a")

    lines = text.split("\n")
    assert lines[0] == "ICC issues arrest warrant for Vladimir Putin"
    assert lines[1].startswith("The International Criminal Court has issued an arrest warrant")
    assert "more than 16,000 forced deportations of Ukrainian children" in lines[2]
    assert "The ICC’s 123 member states" in lines[2]
    assert "Sport" not in text  # the menu
    assert "Cookies" not in text  # the footer


def test_it_finds_no_article_in_a_page_of_menus():
    page = b"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"

    assert readable_text(page, "text/html") == ""


@pytest.mark.parametrize("body", [b"", b"   ", b"<html></html>", b"<?xml version='1.0'?>"])
def test_it_gives_empty_html_no_text(body):
    assert readable_text(body, "text/html") == ""


def test_it_reads_html_in_the_charset_it_declares():
    page = "<html><body><article><p>Le procureur a déclaré que la Cour était prête à agir.</p>"
    text = readable_text(page.encode("cp1252"), "text/html; charset=windows-1252")

    assert text == "Le procureur a déclaré que la Cour était prête à agir."


def test_it_decodes_plain_text_by_its_charset():
    body = LATIN1_TEXT.encode("latin-1")

    assert readable_text(body, "text/plain; charset=iso-8859-1") == LATIN1_TEXT.strip()


def test_it_guesses_the_charset_of_undeclared_non_utf8_text():
    body = ("Le procureur a déclaré que la Cour pénale internationale était prête. " * 3).encode(
        "latin-1"
    )

    assert "déclaré" in readable_text(body, "text/plain")


def test_it_never_fails_on_bytes_that_do_not_fit_the_declared_charset():
    text = readable_text(b"caf\xe9 \xff\xfe ok", "text/plain; charset=utf-8")

    assert text == "caf\ufffd \ufffd\ufffd ok"


def test_it_ignores_an_unknown_charset():
    assert readable_text("déjà".encode(), "text/plain; charset=no-such-charset") == "déjà"


def test_it_keeps_lines_and_drops_blank_ones():
    body = b"\xef\xbb\xbfFirst  line\r\n\r\n  Second\tline \rThird\n"

    assert readable_text(body, "text/plain") == "First line\nSecond line\nThird"


def test_it_reads_utf16_with_its_bom():
    body = codecs.BOM_UTF16_LE + "Ukraine accepted the ICC twice.".encode("utf-16-le")

    assert content_kind(body, "") == "text"
    assert decode_text(body) == "Ukraine accepted the ICC twice."


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (bytes(range(256)), "application/octet-stream"),
        (bytes(range(256)), ""),
        (b"text with a \x00 NUL", "text/plain"),
    ],
)
def test_it_finds_no_text_in_binary_content(body, content_type):
    assert content_kind(body, content_type) == "binary"
    assert readable_text(body, content_type) == ""


@pytest.mark.parametrize(
    "body, kind",
    [
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        (b"  <!-- saved page -->\n<html><p>Hi</p></html>", "html"),
        (b"<p>A fragment</p>", "html"),
        (b"Putin said <b> is a tag", "text"),
        (b"Plain words.", "text"),
    ],
)
def test_it_tells_untyped_html_from_text(body, kind):
    assert content_kind(body, "") == kind
