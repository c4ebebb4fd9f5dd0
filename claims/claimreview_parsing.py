"""Reading ClaimReview that other fact-checkers published, as real publishers emit
it: pure functions, no database (saving is claims.claimreview_saving's job).

Accepts one ClaimReview, an array, a schema.org DataFeed, or an HTML page
carrying ClaimReview JSON-LD (also inside `@graph`). Arrays and DataFeeds are
streamed with ijson, one element in memory at a time, so a feed of any size
reads in constant memory; pages and other objects are small and read whole.
Publishers' records are loose: dates like "2020-06-24 00:03" or "+0200"
offsets, numbers as strings, `CreativeWork` or "creativeWork" where a Claim
belongs, names as arrays, HTML entities and stray whitespace.
`parse_review()` turns one record into plain values or says precisely why it
cannot.
"""

import codecs
import collections
import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import ijson
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from claims.models import Correction, Rating, Speaker
from sources.models import Source
from sources.validators import normalize_language_tag, validate_language_tag

UNDETERMINED_LANGUAGE = "und"  # BCP 47 for "we were not told"
LABEL_MAX = Rating._meta.get_field("label").max_length
URL_MAX = Source._meta.get_field("url").max_length
_HTTP_URL = URLValidator(schemes=["http", "https"])


class MalformedRecord(Exception):
    """A record that cannot be imported; the message says why."""


class UnreadableFile(Exception):
    """Input that holds no JSON or JSON-LD at all, or JSON cut short or broken."""


# --- Finding the records -------------------------------------------------------


@dataclass
class Record:
    index: int
    location: str
    node: dict | None = None
    problem: str = ""


class _JsonLdBlocks(HTMLParser):
    """The text of every <script type="application/ld+json"> in a page."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def _types(node: dict) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.strip().lower() for v in values if isinstance(v, str)}


def read_records(stream: BinaryIO) -> Iterator[Record]:
    """Every ClaimReview in a JSON or HTML document, and every entry that should
    have been one but is not, in document order.

    `stream` is a seekable binary file. JSON is checked whole before the first
    record comes out, so a truncated or broken file raises UnreadableFile
    before anything is imported from it.
    """
    start = _skip_bom(stream)
    lead = b""
    while not lead and (chunk := stream.read(1 << 16)):
        lead = chunk.lstrip()
    if not lead:
        raise UnreadableFile("neither JSON nor an HTML page: the input is empty")
    stream.seek(start)
    if lead.startswith(b"<"):
        found = _page_records(stream.read().decode("utf-8", errors="replace"))
    else:
        _check_json(stream, start)
        found = _json_records(stream, start, lead[:1])
    for index, (location, node, problem) in enumerate(found):
        yield Record(index, location, node, problem)


def _skip_bom(stream: BinaryIO) -> int:
    start = len(codecs.BOM_UTF8) if stream.read(3) == codecs.BOM_UTF8 else 0
    stream.seek(start)
    return start


def _check_json(stream: BinaryIO, start: int):
    """Parse to the end, keeping nothing: a fast pass in ijson's C backend."""
    try:
        collections.deque(ijson.basic_parse(stream, use_float=True), maxlen=0)
    except ijson.JSONError as error:
        raise UnreadableFile(f"neither JSON nor an HTML page: {_json_error(error)}") from None
    stream.seek(start)


def _json_error(error: Exception) -> str:
    # yajl's message runs over three lines, the last two pointing at the spot.
    text = str(error).removeprefix("b'").replace("\\n", "\n").split("\n")[0].strip()
    if "premature EOF" in text:
        text += " (the input ends in the middle of the JSON: is it truncated?)"
    return text


def _page_records(text: str):
    parser = _JsonLdBlocks()
    parser.feed(text)
    parser.close()
    if not parser.blocks:
        raise UnreadableFile('the page has no <script type="application/ld+json"> block')
    for number, block in enumerate(parser.blocks, start=1):
        where = f"JSON-LD block {number}"
        try:
            data = json.loads(block)
        except json.JSONDecodeError as error:
            yield where, None, f"not valid JSON: {error}"
            continue
        yield from _walk(data, where, strict=False)


def _json_records(stream: BinaryIO, start: int, first: bytes):
    if first == b"[":
        for i, item in enumerate(ijson.items(stream, "item", use_float=True)):
            yield from _walk(item, f"$[{i}]", strict=True)
        return
    if first == b"{" and _streams_as_feed(stream):
        stream.seek(start)
        elements = ijson.items(stream, "dataFeedElement.item", use_float=True)
        for i, item in enumerate(elements):
            yield from _walk(item, f"$.dataFeedElement[{i}]", strict=True)
        return
    stream.seek(start)
    yield from _walk(next(ijson.items(stream, "", use_float=True)), "$", strict=True)


def _streams_as_feed(stream: BinaryIO) -> bool:
    """Whether the top-level object is a DataFeed whose `dataFeedElement` array
    comes after its `@type` (as every feed we know writes it). Reads only the
    keys before that array."""
    head, builder, key = {}, None, None
    for prefix, event, value in ijson.parse(stream, use_float=True):
        if builder is not None:
            builder.event(event, value)
            if prefix == key and event not in ("start_map", "start_array", "map_key"):
                head[key], builder = builder.value, None
            continue
        if prefix != "" or event != "map_key":
            continue  # the top-level start_map, or its end
        if value == "dataFeedElement":
            types = _types(head)
            return "datafeed" in types and "claimreview" not in types
        key, builder = value, ijson.ObjectBuilder()
    return False


def _walk(node, where: str, *, strict: bool):
    """(location, node, problem) for every ClaimReview in `node`, and for every
    entry that should have been one. `strict`: every entry here should be a
    ClaimReview (an array, a feed); pages and @graph hold other things too
    (WebPage, BreadcrumbList), which are passed over."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _walk(item, f"{where}[{i}]", strict=strict)
        return
    if not isinstance(node, dict):
        if strict:
            yield where, None, "not a JSON object"
        return
    types = _types(node)
    # A feed before @graph, as the streaming reader decides it.
    if "claimreview" in types:
        yield where, node, ""
    elif "datafeed" in types:
        yield from _walk(node.get("dataFeedElement", []), f"{where}.dataFeedElement", strict=True)
    elif "@graph" in node:
        yield from _walk(node["@graph"], f"{where}.@graph", strict=False)
    elif "datafeeditem" in types:
        yield from _walk(node.get("item"), f"{where}.item", strict=True)
    elif strict:
        kind = node.get("@type") or "no @type"
        yield where, None, f"not a ClaimReview ({kind})"


# --- Understanding one record ----------------------------------------------------


@dataclass
class Party:
    name: str
    kind: str = Speaker.Kind.PERSON
    role: str = ""
    url: str = ""
    wikidata_id: str = ""


@dataclass
class Work:
    url: str
    title: str
    published: dt.date | None = None
    outlet: str = ""
    quote: str = ""
    is_first: bool = False


@dataclass
class ParsedReview:
    url: str
    claim_text: str
    language: str
    publisher: Party
    rating_label: str
    rating_value: int | None = None
    worst: int | None = None
    best: int | None = None
    summary: str = ""
    headline: str = ""
    explanation: str = ""
    published_at: dt.datetime | None = None
    modified_at: dt.datetime | None = None
    claimant: Party | None = None
    said_on: dt.date | None = None
    appearances: list[Work] = field(default_factory=list)
    corrections: list[tuple[str, str, dt.datetime | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def clean(value) -> str:
    """Text as publishers mean it: entities decoded, whitespace collapsed."""
    if isinstance(value, list):
        value = ", ".join(clean(v) for v in value if isinstance(v, str | int | float))
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(value).split())


def clean_block(value) -> str:
    """Like clean(), but keeps line breaks (Markdown bodies)."""
    if not isinstance(value, str):
        return ""
    return html.unescape(value).replace("\r\n", "\n").strip()


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def parse_when(value, notes: list[str], what: str) -> dt.datetime | None:
    """A timezone-aware datetime from the date formats publishers use; UTC when
    no offset is given. Records a note and returns None when it cannot."""
    text = clean(value)
    if not text:
        return None
    try:
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)):
            moment = dt.datetime(day.year, day.month, day.day)
    except ValueError:
        moment = None
    if moment is None:
        notes.append(f"{what} {text!r} is not a date; left out")
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def _number(value) -> int | None:
    text = clean(value)
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def absolute_http_url(value, base: str = "") -> str:
    """An absolute http(s) URL, or "" if `value` cannot be made into one."""
    text = clean(value)
    if not text:
        return ""
    if text.startswith("/") and base:
        text = urljoin(base, text)
    elif "://" not in text and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", text, re.I):
        text = "https://" + text  # "factcheck.cite.org.zw"
    return text if _is_http_url(text) else ""


@lru_cache(maxsize=4096)  # a feed names its publishers' sites over and over
def _is_http_url(text: str) -> bool:
    try:
        _HTTP_URL(text)
    except ValidationError:
        return False
    return True


def _party(node, base_url: str = "") -> Party | None:
    node = _first(node)
    if isinstance(node, str) and clean(node):
        return Party(name=clean(node))
    if not isinstance(node, dict):
        return None
    names = node.get("name")
    names = [clean(n) for n in names] if isinstance(names, list) else [clean(names)]
    names = [n for n in names if n]
    if not names:
        return None
    # ["Mzwandile Masina", "mayor of Ekurhuleni"]: the person, then what they are.
    party = Party(name=names[0], role=", ".join(names[1:]) or clean(node.get("jobTitle")))
    if _is_organisation(node):
        party.kind = Speaker.Kind.ORGANISATION
    party.url = absolute_http_url(node.get("url"), base_url)
    same_as = node.get("sameAs")
    for link in same_as if isinstance(same_as, list) else [same_as]:
        match = re.search(r"wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)", clean(link))
        if match:
            party.wikidata_id = match.group(1)
    return party


def _is_organisation(node: dict) -> bool:
    # Organization or one of its kinds: NewsMediaOrganization, Corporation...
    return any(t.endswith("organization") or t == "corporation" for t in _types(node))


def _organisation(node) -> dict | None:
    """The first node typed as an organisation in `node` (a node or a list of nodes)."""
    for candidate in node if isinstance(node, list) else [node]:
        if isinstance(candidate, dict) and _is_organisation(candidate):
            return candidate
    return None


def _work(node, notes: list[str], what: str) -> Work | None:
    if isinstance(node, str):
        node = {"url": node}
    if not isinstance(node, dict):
        return None
    raw = clean(node.get("url"))
    url = "" if len(raw) > URL_MAX else absolute_http_url(raw)
    if len(raw) > URL_MAX:
        notes.append(f"{what} url is {len(raw)} characters long, over the {URL_MAX} we keep")
    elif raw and not url:
        notes.append(f"{what} url {raw[:80]!r} is not an absolute http(s) URL")
    title = clean(node.get("headline")) or clean(node.get("name")) or url
    if not title:
        notes.append(f"{what} has neither a usable URL nor a title; left out")
        return None
    published = parse_when(node.get("datePublished"), notes, f"{what} datePublished")
    publisher = _party(node.get("publisher"))
    return Work(
        url=url,
        title=title[:500],
        published=published.date() if published else None,
        outlet=publisher.name if publisher else "",
        quote=clean_block(node.get("text")),
    )


def parse_review(node: dict) -> ParsedReview:
    """Plain values from one ClaimReview node; MalformedRecord says why not."""
    notes: list[str] = []
    url = absolute_http_url(node.get("url"))
    if not url:
        raise MalformedRecord(
            f"url {clean(node.get('url'))!r} is not an absolute http(s) URL"
            if clean(node.get("url"))
            else "it has no url, which identifies a review"
        )
    claim_text = clean(node.get("claimReviewed"))
    item = _first(node.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    if not claim_text:
        raise MalformedRecord("claimReviewed is missing or empty")

    rating = _first(node.get("reviewRating"))
    if not isinstance(rating, dict):
        raise MalformedRecord("reviewRating is missing")
    label = clean(rating.get("alternateName")) or clean(rating.get("name"))
    if not label:
        raise MalformedRecord("reviewRating has neither alternateName nor name")
    summary = (
        clean(rating.get("ratingExplanation"))
        if isinstance(rating.get("ratingExplanation"), str)
        else ""
    )
    if len(label) > LABEL_MAX:
        # Some publishers put a sentence where a rating belongs; keep all of it.
        summary = summary or label
        label = label[: LABEL_MAX - 1].rstrip() + "…"
        notes.append("the textual rating is long; shortened, with all of it in the summary")
    value, worst, best = (
        _number(rating.get(k)) for k in ("ratingValue", "worstRating", "bestRating")
    )
    # schema.org's defaults when a publisher leaves the bounds out.
    worst = 1 if worst is None else worst
    best = 5 if best is None else best
    if value is not None and not (0 <= worst <= value <= best and worst < best):
        notes.append(
            f"ratingValue {value} is not on a scale from {worst} to {best}; "
            "imported as a rating outside the scale"
        )
        value = None
    if (
        value is None
        and clean(rating.get("ratingValue"))
        and _number(rating.get("ratingValue")) is None
    ):
        notes.append(f"ratingValue {clean(rating.get('ratingValue'))!r} is not a whole number")

    language = clean(node.get("inLanguage")) or clean(item.get("inLanguage"))
    if language:
        try:
            language = normalize_language_tag(language)
            validate_language_tag(language)
        except ValidationError:
            notes.append(f"inLanguage {language!r} is not a BCP 47 tag; left undetermined")
            language = UNDETERMINED_LANGUAGE
    else:
        language = UNDETERMINED_LANGUAGE

    # The publisher: the organisation named as publisher or author; failing
    # that (a reporter's name as author), the site the review is on.
    site = urlsplit(url).hostname or ""
    org = _organisation(node.get("publisher")) or _organisation(node.get("author"))
    publisher = _party(org, url) if org else None
    if publisher is None:
        publisher = Party(name=site.removeprefix("www."), kind=Speaker.Kind.ORGANISATION)
    publisher.url = publisher.url or f"{urlsplit(url).scheme}://{site}/"

    said = parse_when(item.get("datePublished"), notes, "itemReviewed datePublished")
    review = ParsedReview(
        url=url,
        claim_text=claim_text,
        language=language,
        publisher=publisher,
        rating_label=label,
        rating_value=value,
        worst=worst,
        best=best,
        summary=summary[:500],
        headline=(clean(node.get("headline")) or clean(node.get("name")))[:300],
        explanation=clean_block(node.get("reviewBody")) or clean_block(node.get("description")),
        published_at=parse_when(node.get("datePublished"), notes, "datePublished"),
        modified_at=parse_when(node.get("dateModified"), notes, "dateModified"),
        claimant=_party(item.get("author")),
        said_on=said.date() if said else None,
        notes=notes,
    )

    # Where the claim appeared. A reviewed CreativeWork with a URL is itself
    # the place; so is a Claim's own URL.
    works = []
    first = _work(item.get("firstAppearance"), notes, "firstAppearance")
    if first:
        first.is_first = True
        works.append(first)
    appearances = item.get("appearance") or []
    for i, node_ in enumerate(appearances if isinstance(appearances, list) else [appearances]):
        work = _work(node_, notes, f"appearance[{i}]")
        if work and not any(_same_work(work, w) for w in works):
            works.append(work)
    if item.get("url"):
        work = _work({**item, "author": None}, notes, "itemReviewed")
        if work and work.url and not any(_same_work(work, w) for w in works):
            work.published = work.published or review.said_on
            works.append(work)
    review.appearances = works

    corrections = node.get("correction") or []
    for i, c in enumerate(corrections if isinstance(corrections, list) else [corrections]):
        text = clean_block(c.get("text")) if isinstance(c, dict) else clean_block(c)
        if not text:
            notes.append(f"correction[{i}] has no text; left out")
            continue
        kind = clean(c.get("name")).lower() if isinstance(c, dict) else ""
        kind = kind if kind in Correction.Kind.values else Correction.Kind.CORRECTION
        when = c.get("datePublished") if isinstance(c, dict) else None
        review.corrections.append((kind, text, parse_when(when, notes, f"correction[{i}]")))
    return review


def _same_work(a: Work, b: Work) -> bool:
    return (a.url and a.url == b.url) or (not a.url and not b.url and a.title == b.title)
