"""An article to find claims in, read from a file, a URL or standard input.

HTML (told by its content, not its name) is reduced to its article by
sources.readable; plain text must be UTF-8 unless a server declares its
charset, since a quote taken from a wrongly decoded text would not be the
source's words. Every refusal is an ArticleError of one sentence.
"""

from pathlib import Path

from sources.fetching import FetchError, fetch
from sources.readable import content_kind, readable_text

# Larger than any article page, markup and scripts included.
MAX_BYTES = 5 * 1024 * 1024
# About 50,000 words: a long report. Past that it is not an article, and
# scoring it would keep the desk waiting.
MAX_CHARACTERS = 300_000


class ArticleError(Exception):
    """Why an article could not be read; str() is one sentence for a person."""


def read_article(location: str, *, stdin=None) -> str:
    """The text of the article at `location`: a path, an http(s) URL, or "-"
    for `stdin` (a binary or text stream)."""
    if location == "-":
        stream = getattr(stdin, "buffer", stdin)
        body = stream.read(MAX_BYTES + 1)
        if isinstance(body, str):
            body = body.encode()
        return article_text(body, name="standard input")
    if location.lower().startswith(("http://", "https://")):
        return fetched_article(location)
    return file_article(location)


def file_article(location: str) -> str:
    path = Path(location)
    try:
        if not path.is_file():
            raise ArticleError(f"{location}: no such file.")
        if path.stat().st_size > MAX_BYTES:
            raise ArticleError(f"{location} is larger than {MAX_BYTES // 1024 // 1024} MB.")
        body = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{location} cannot be read: {error.strerror}.") from None
    return article_text(body, name=location)


def fetched_article(url: str) -> str:
    try:
        page = fetch(url)
    except FetchError as error:
        raise ArticleError(f"{url}: {error}") from None
    if not page.ok:
        raise ArticleError(f"{url} answered HTTP {page.status_code}, not a page.")
    if page.truncated or page.size > MAX_BYTES:
        raise ArticleError(f"{url} is larger than {MAX_BYTES // 1024 // 1024} MB.")
    return article_text(page.body, content_type=page.content_type, url=page.final_url, name=url)


def article_text(body: bytes, *, content_type: str = "", url: str = "", name: str) -> str:
    if len(body) > MAX_BYTES:
        raise ArticleError(f"{name} is larger than {MAX_BYTES // 1024 // 1024} MB.")
    if not body.strip():
        raise ArticleError(f"{name} is empty.")
    kind = content_kind(body, content_type)
    if kind == "binary":
        what = f" ({content_type.split(';')[0]})" if content_type else ""
        raise ArticleError(f"{name} is neither text nor HTML{what}.")
    if kind == "html":
        text = readable_text(body, content_type, url)
        if not text.strip():
            raise ArticleError(f"{name}: the HTML has no article text to read.")
    elif "charset=" in content_type.lower():
        text = readable_text(body, content_type, url)
    else:
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ArticleError(
                f"{name} is not UTF-8 text (byte 0x{body[error.start]:02x} at position "
                f"{error.start}); convert it to UTF-8 first, e.g. with iconv."
            ) from None
    if not text.strip():
        raise ArticleError(f"{name} is empty.")
    if len(text) > MAX_CHARACTERS:
        raise ArticleError(
            f"{name} holds {len(text):,} characters of text; at most {MAX_CHARACTERS:,} are read."
        )
    return text
