"""Reading ClaimReview that other fact-checkers published, as real publishers emit it.

Accepts one ClaimReview, an array, a schema.org DataFeed, or an HTML page
carrying ClaimReview JSON-LD (also inside `@graph`). Publishers' records are
loose: dates like "2020-06-24 00:03" or "+0200" offsets, numbers as strings,
`CreativeWork` or "creativeWork" where a Claim belongs, names as arrays, HTML
entities and stray whitespace. `parse_review()` turns one record into plain
values or says precisely why it cannot; `save_review()` writes it through
`claims.workflow.claim_import_published`. Imports are idempotent by review URL.
"""

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from claims.models import (
    Appearance,
    Claim,
    Correction,
    Rating,
    RatingScale,
    Speaker,
    Verdict,
)
from claims.workflow import claim_import_published
from factcheck.validators import normalize_language_tag, validate_language_tag
from sources.models import DOMAIN_REGEX, Outlet, Source

UNDETERMINED_LANGUAGE = "und"  # BCP 47 for "we were not told"
IMPORTED_RATING_COLOUR = "#57606a"
LABEL_MAX = Rating._meta.get_field("label").max_length
URL_MAX = Source._meta.get_field("url").max_length


class MalformedRecord(Exception):
    """A record that cannot be imported; the message says why."""


class UnreadableFile(Exception):
    """Input that holds no JSON or JSON-LD at all."""


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


def find_records(text: str) -> list[Record]:
    """Every ClaimReview in a JSON or HTML document, and every entry that should
    have been one but is not; raises UnreadableFile when there is nothing to read."""
    text = text.lstrip("\ufeff").strip()
    found: list[Record] = []
    if text.startswith("<"):
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
                found.append(Record(len(found), where, problem=f"not valid JSON: {error}"))
                continue
            _walk(data, where, found, strict=False)
        return found
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableFile(f"neither JSON nor an HTML page: {error}") from None
    _walk(data, "$", found, strict=True)
    return found


def _walk(node, where: str, found: list[Record], *, strict: bool):
    # `strict`: every entry here should be a ClaimReview (an array, a feed).
    # Pages and @graph hold other things too (WebPage, BreadcrumbList): skip those.
    if isinstance(node, list):
        for i, item in enumerate(node):
            _walk(item, f"{where}[{i}]", found, strict=strict)
        return
    if not isinstance(node, dict):
        if strict:
            found.append(Record(len(found), where, problem="not a JSON object"))
        return
    types = _types(node)
    if "claimreview" in types:
        found.append(Record(len(found), where, node=node))
    elif "@graph" in node:
        _walk(node["@graph"], f"{where}.@graph", found, strict=False)
    elif "datafeed" in types:
        _walk(node.get("dataFeedElement", []), f"{where}.dataFeedElement", found, strict=True)
    elif "datafeeditem" in types:
        _walk(node.get("item"), f"{where}.item", found, strict=True)
    elif strict:
        kind = node.get("@type") or "no @type"
        found.append(Record(len(found), where, problem=f"not a ClaimReview ({kind})"))


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
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return ""
    return text


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


# --- Writing it ----------------------------------------------------------------


@dataclass
class Outcome:
    status: str  # "imported", "exists", "skipped"
    message: str
    notes: list[str] = field(default_factory=list)


def own_claim(url: str) -> Claim | None:
    """Our own claim (not one imported earlier), if `url` is one of our claim pages."""
    site = settings.FACTCHECK_SITE_URL
    if not url.startswith(site):
        return None
    try:
        match = resolve("/" + url[len(site) :].lstrip("/"))
    except Resolver404:
        return None
    if match.view_name != "claims:claim_detail":
        return None
    ours = Q(verdict__isnull=True) | Q(verdict__review_url="")
    return Claim.objects.filter(ours, pk=match.kwargs["pk"]).first()


def _saved(obj):
    obj.full_clean()
    obj.save()
    return obj


def _unique_slug(model, text: str, fallback: str, **scope) -> str:
    base = slugify(text)[:90] or fallback
    slug, n = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _speaker_slug(name: str) -> str:
    """A slug from the name alone, so that importing the same reviews in any
    order gives each speaker the same address. Where slugify drops letters
    ("Facebook user बसंत मलिक" would become "facebook-user"), a hash of the
    whole name keeps it apart."""
    base = slugify(name)[:80]
    kept = slugify(name).replace("-", "")
    if len(kept) < len(slugify(name, allow_unicode=True).replace("-", "")):
        base = f"{base}-{hashlib.sha256(name.encode()).hexdigest()[:10]}".lstrip("-")
    return _unique_slug(Speaker, base, "speaker")


def publisher_outlet(party: Party, review_url: str) -> Outlet:
    """The publisher by the name it gives itself. AFP signs as "AFP" and as "AFP
    Fact Check" on one site: two names, two outlets, each exported as it was."""
    outlet = Outlet.objects.filter(name=party.name[:200]).first()
    if outlet is None:
        host = (urlsplit(review_url).hostname or "").lower().removeprefix("www.")
        free = re.match(DOMAIN_REGEX, host) and not Outlet.objects.filter(domain=host).exists()
        outlet = _saved(
            Outlet(name=party.name[:200], domain=host if free else "", homepage=party.url)
        )
    return outlet


def outlet_named(name: str) -> Outlet | None:
    if not name:
        return None
    return Outlet.objects.filter(name=name[:200]).first() or _saved(Outlet(name=name[:200]))


def publisher_rating(review: ParsedReview, outlet: Outlet) -> Rating:
    """The publisher's own rating with this label, on a scale of theirs.

    A publisher's scale holds each value once, but AFP writes "False",
    "Faux" and "Falsch" for the same 1: each clash gets a scale of its own.
    """
    scales = list(RatingScale.objects.filter(publisher=outlet).order_by("pk"))
    ratings = Rating.objects.filter(scale__in=scales, label=review.rating_label)
    for rating in ratings.select_related("scale"):
        if rating.value == review.rating_value and (
            rating.value is None
            or (rating.scale.worst_value, rating.scale.best_value) == (review.worst, review.best)
        ):
            return rating
    for scale in scales:
        fits = review.rating_value is None or (
            (scale.worst_value, scale.best_value) == (review.worst, review.best)
            and not scale.ratings.filter(value=review.rating_value).exists()
        )
        if fits and not scale.ratings.filter(label=review.rating_label).exists():
            break
    else:
        name, n = outlet.name[:90], 2
        while RatingScale.objects.filter(name=name).exists():
            name, n = f"{outlet.name[:90]} ({n})", n + 1
        scale = _saved(
            RatingScale(
                name=name,
                slug=_unique_slug(RatingScale, outlet.name, f"publisher-{outlet.pk}"),
                description=f"Ratings as {outlet.name} publishes them.",
                worst_value=review.worst if review.worst < review.best else 1,
                best_value=review.best if review.worst < review.best else 5,
                publisher=outlet,
            )
        )
    return _saved(
        Rating(
            scale=scale,
            label=review.rating_label,
            slug=_unique_slug(Rating, review.rating_label, "rating", scale=scale),
            description=f"As {outlet.name} rates claims.",
            colour=IMPORTED_RATING_COLOUR,
            value=review.rating_value,
        )
    )


def claimant_speaker(party: Party) -> Speaker:
    if party.wikidata_id:
        speaker = Speaker.objects.filter(wikidata_id=party.wikidata_id).first()
        if speaker:
            return speaker
    speaker = Speaker.objects.filter(name=party.name[:200]).order_by("pk").first()
    if speaker:
        return speaker
    return _saved(
        Speaker(
            name=party.name[:200],
            slug=_speaker_slug(party.name[:200]),
            kind=party.kind,
            role=party.role[:200],
            wikidata_id=party.wikidata_id,
        )
    )


def _source(work: Work, language: str) -> Source:
    lookup = {"url": work.url} if work.url else {"url": "", "title": work.title}
    source = Source.objects.filter(**lookup).first()
    if source is None:
        source = _saved(
            Source(
                url=work.url,
                title=work.title,
                outlet=outlet_named(work.outlet),
                kind=Source.Kind.OTHER,
                language=language if language != UNDETERMINED_LANGUAGE else "en",
            )
        )
    return source


def save_review(review: ParsedReview) -> Outcome:
    existing = Verdict.objects.filter(review_url=review.url).select_related("claim").first()
    if existing:
        return Outcome("exists", f"already imported as claim {existing.claim_id}")
    ours = own_claim(review.url)
    if ours:
        return Outcome("exists", f"our own claim {ours.pk}")
    outlet = publisher_outlet(review.publisher, review.url)
    rating = publisher_rating(review, outlet)
    claim = Claim(
        text=review.claim_text,
        language=review.language,
        said_on=review.said_on,
        speaker=claimant_speaker(review.claimant) if review.claimant else None,
    )
    verdict = Verdict(
        rating=rating,
        headline=review.headline,
        summary=review.summary,
        explanation=review.explanation,
        published_at=review.published_at,
        publisher=outlet,
        review_url=review.url,
    )
    appearances = []
    for work in review.appearances:
        source = _source(work, review.language)
        if any(a.source_id == source.pk for a in appearances):
            continue
        appearances.append(
            Appearance(
                source=source, quote=work.quote, appeared_on=work.published, is_first=work.is_first
            )
        )
    corrections = [
        Correction(kind=kind, note=note, created_at=when or review.published_at or timezone.now())
        for kind, note, when in review.corrections
    ]
    claim = claim_import_published(
        claim=claim,
        verdict=verdict,
        appearances=appearances,
        corrections=corrections,
        modified_at=review.modified_at or review.published_at,
    )
    return Outcome(
        "imported",
        f"imported as claim {claim.pk}: “{rating.label}” by {outlet.name}",
    )


def import_record(record: Record) -> Outcome:
    """One record, in a savepoint of its own so a failure undoes only its rows."""
    if record.problem:
        return Outcome("skipped", record.problem)
    try:
        review = parse_review(record.node)
        with transaction.atomic():
            outcome = save_review(review)
    except MalformedRecord as error:
        return Outcome("skipped", str(error))
    except ValidationError as error:
        return Outcome("skipped", "; ".join(_messages(error)))
    if outcome.status == "imported":
        outcome.notes = review.notes
    return outcome


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {m}" for name, ms in error.message_dict.items() for m in ms]
    return error.messages
