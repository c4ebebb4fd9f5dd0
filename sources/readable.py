"""The readable text of a fetched page or an uploaded file.

HTML is reduced to its article (trafilatura drops menus, footers, comments
and cookie banners); plain text is decoded by its charset; anything else
(PDF, images, archives) has no text we can read. An empty answer for HTML
means the page had no article to find: callers say so in their own words.
"""

import codecs
import re
from email.message import Message

import trafilatura
from charset_normalizer import from_bytes

HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain", "text/markdown", "text/csv", "text/x-markdown"}
HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article|p|div)\b", re.I | re.S
)
# Page chrome, never the article: without it a page of menus only gives "",
# where trafilatura's fallbacks would otherwise return the menu.
PAGE_CHROME = ["//nav", "//header", "//footer", "//aside", "//menu"]


def readable_text(body: bytes, content_type: str, url: str = "") -> str:
    """The text a reader would read in `body`: paragraphs one a line, "" when there is none."""
    kind = content_kind(body, content_type)
    if kind == "html":
        return html_text(body, content_type, url)
    if kind == "text":
        return _tidy(decode_text(body, content_type))
    return ""


def content_kind(body: bytes, content_type: str) -> str:
    """ "html", "text" or "binary": what `body` is, by its declared type or, untyped, by a look."""
    mime = _mime(content_type)
    if mime in HTML_TYPES:
        return "html"
    if mime in TEXT_TYPES:
        return "text" if not _looks_binary(body) else "binary"
    if mime and mime not in ("application/octet-stream", "text/x-unknown"):
        return "binary"
    # Untyped (a file from disk, a server that did not say): look at the bytes.
    if _looks_binary(body):
        return "binary"
    if HTML_START.match(body[:4096]):
        return "html"
    return "text"


def html_text(body: bytes, content_type: str = "", url: str = "") -> str:
    charset = _charset(content_type)
    document = body.decode(charset, errors="replace") if charset else body
    try:
        text = trafilatura.extract(
            document,
            url=url or None,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            prune_xpath=PAGE_CHROME,
        )
    except (ValueError, TypeError):
        # lxml refuses some documents outright (e.g. only a processing instruction).
        return ""
    return _tidy(text or "")


def decode_text(body: bytes, content_type: str = "") -> str:
    """`body` as text: by its declared charset, else UTF-8, else the likeliest guess.

    Never raises: bytes that do not fit the charset become U+FFFD.
    """
    body = body.removeprefix(codecs.BOM_UTF8)
    charset = _charset(content_type)
    if charset:
        return body.decode(charset, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(body[:200_000]).best()
    if best is not None:
        return body.decode(best.encoding, errors="replace")
    return body.decode("cp1252", errors="replace")


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _charset(content_type: str) -> str:
    if not content_type:
        return ""
    message = Message()
    message["Content-Type"] = content_type
    charset = message.get_content_charset() or ""
    try:
        return codecs.lookup(charset).name if charset else ""
    except LookupError:
        return ""


def _looks_binary(body: bytes) -> bool:
    # A NUL byte never occurs in text in the 8-bit encodings and UTF-8 we
    # read; UTF-16 text says so with its BOM.
    head = body[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
