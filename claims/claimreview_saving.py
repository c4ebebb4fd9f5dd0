"""Saving imported ClaimReview in batches: bulk inserts, one transaction per batch.

Each batch is parsed (claims.claimreview_parsing), checked against what is
stored with a few queries, validated in memory, then written with one bulk
insert per table. A record that fails validation is skipped before anything
is written, so the good records of its batch still import. An imported
review leaves behind a published claim, its verdict with the publisher and
review URL, appearances, corrections, a "draft -> published" workflow event
("Imported from <url>") and a history row for each row created.

Idempotent by review URL: reviews already stored (or earlier in the same
file) are reported as already here, and our own claims' pages are never
imported over them.
"""

import hashlib
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import DatabaseError, transaction
from django.db.models import Q, URLField
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.text import slugify

from claims import indexing
from claims.bulk_insert import bulk_insert, bulk_insert_with_history
from claims.caching import claims_changed
from claims.claimreview_parsing import (
    UNDETERMINED_LANGUAGE,
    MalformedRecord,
    ParsedReview,
    Party,
    Record,
    Work,
    parse_review,
)
from claims.models import (
    Appearance,
    Claim,
    ClaimState,
    Correction,
    Rating,
    RatingScale,
    Speaker,
    Verdict,
    WorkflowEvent,
)
from claims.quotes import recheck_sources
from sources.models import DOMAIN_REGEX, Outlet, Source

BATCH_SIZE = 1000
# Each batch looks rows up with `IN (...)` lists a few times its size long;
# SQLite takes at most 32,766 parameters in a query.
MAX_BATCH_SIZE = 5000
IMPORTED_RATING_COLOUR = "#57606a"
# Created as a draft and moved to published: two versions.
IMPORTED_VERSION = 2


@dataclass
class Outcome:
    status: str  # "imported", "exists", "skipped"
    message: str
    notes: list[str] = field(default_factory=list)


def import_records(
    records: Iterable[Record], *, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Record, Outcome]]:
    """Every record with what became of it, in order, a batch at a time; each
    batch is committed (or, inside an outer transaction, a savepoint) before
    its outcomes come out."""
    known = Known()
    records = iter(records)
    while batch := list(islice(records, batch_size)):
        yield from zip(batch, _import_batch(batch, known), strict=True)


def _import_batch(batch: list[Record], known: "Known") -> list[Outcome]:
    try:
        with transaction.atomic():
            return BatchImport(known).run(batch)
    except DatabaseError as error:
        # Validation runs before the inserts, so this is rare (a row written by
        # someone else meanwhile). The batch is undone; redo it a record at a
        # time so that only the record the database refuses is skipped.
        known.forget()
        if len(batch) == 1:
            reason = (str(error).strip() or type(error).__name__).splitlines()[0]
            return [Outcome("skipped", f"the database refused it: {reason}")]
        return [outcome for record in batch for outcome in _import_batch([record], known)]


class Known:
    """What earlier batches of this import found or created: publishers, speakers
    and rating scales recur across a feed, so each is looked up once. Forgotten
    when a batch is rolled back, since its rows are gone."""

    def __init__(self):
        self.forget()

    def forget(self):
        self.outlets: dict[str, Outlet] = {}
        self.taken_domains: set[str] = set()
        self.speakers_by_name: dict[str, Speaker] = {}
        self.speakers_by_wikidata: dict[str, Speaker] = {}
        self.scales: dict[str, list[Scale]] = {}  # by outlet name, in pk order
        self.scale_names: set[str] | None = None
        self.scale_slugs: set[str] | None = None


@dataclass
class Scale:
    scale: RatingScale
    ratings: list[Rating]


@dataclass
class Staged:
    """One record's rows, validated and not yet written."""

    review: ParsedReview
    claim: Claim
    verdict: Verdict
    appearances: list[Appearance]
    corrections: list[Correction]
    event: WorkflowEvent


@dataclass
class Duplicate:
    """A record whose review URL came earlier in the same batch."""

    first: Staged


class BatchImport:
    def __init__(self, known: Known):
        self.known = known
        # Rows this batch creates, in the order they must be written.
        self.new_outlets: list[Outlet] = []
        self.new_scales: list[RatingScale] = []
        self.new_ratings: list[Rating] = []
        self.new_speakers: list[Speaker] = []
        self.new_sources: list[Source] = []
        self.sources: dict[tuple[str, str], Source] = {}
        self.speaker_slugs: set[str] = set()

    def run(self, batch: list[Record]) -> list[Outcome]:
        results: list[Outcome | ParsedReview | Staged | Duplicate] = []
        reviews: list[ParsedReview] = []
        for record in batch:
            if record.problem:
                results.append(Outcome("skipped", record.problem))
                continue
            try:
                review = parse_review(record.node)
            except MalformedRecord as error:
                results.append(Outcome("skipped", str(error)))
                continue
            reviews.append(review)
            results.append(review)

        stored = dict(
            Verdict.objects.filter(review_url__in={r.url for r in reviews}).values_list(
                "review_url", "claim_id"
            )
        )
        ours = own_claims([r.url for r in reviews if r.url not in stored])
        self.look_up([r for r in reviews if r.url not in stored and r.url not in ours])

        firsts: dict[str, Staged] = {}
        for i, review in enumerate(results):
            if not isinstance(review, ParsedReview):
                continue
            if review.url in stored:
                results[i] = Outcome("exists", f"already imported as claim {stored[review.url]}")
            elif review.url in ours:
                results[i] = Outcome("exists", f"our own claim {ours[review.url]}")
            elif review.url in firsts:
                results[i] = Duplicate(firsts[review.url])
            else:
                try:
                    results[i] = firsts[review.url] = self.stage(review)
                except ValidationError as error:
                    results[i] = Outcome("skipped", "; ".join(_messages(error)))

        self.write(list(firsts.values()))
        return [_outcome(result) for result in results]

    # --- Reading what is stored, a batch at a time -----------------------------

    def look_up(self, reviews: list[ParsedReview]):
        """Fetch, in a few queries, every stored row these reviews may refer to."""
        known = self.known
        names = {r.publisher.name[:200] for r in reviews}
        names |= {w.outlet[:200] for r in reviews for w in r.appearances if w.outlet}
        missing = names - known.outlets.keys()
        for outlet in Outlet.objects.filter(name__in=missing):
            known.outlets[outlet.name] = outlet
        hosts = {_host(r.url) for r in reviews} - known.taken_domains
        known.taken_domains |= set(
            Outlet.objects.filter(domain__in=hosts).values_list("domain", flat=True)
        )

        unscaled = [known.outlets[n] for n in names if n in known.outlets and n not in known.scales]
        scales, names_by_id = {}, {o.pk: o.name for o in unscaled}
        for scale in RatingScale.objects.filter(publisher__in=unscaled).order_by("pk"):
            scales[scale.pk] = Scale(scale, [])
            known.scales.setdefault(names_by_id[scale.publisher_id], []).append(scales[scale.pk])
        for rating in Rating.objects.filter(scale__in=list(scales)).order_by("pk"):
            scales[rating.scale_id].ratings.append(rating)
        for outlet in unscaled:
            known.scales.setdefault(outlet.name, [])

        parties = [r.claimant for r in reviews if r.claimant]
        wikidata = {p.wikidata_id for p in parties if p.wikidata_id}
        wikidata -= known.speakers_by_wikidata.keys()
        for speaker in Speaker.objects.filter(wikidata_id__in=wikidata):
            known.speakers_by_wikidata[speaker.wikidata_id] = speaker
        names = {p.name[:200] for p in parties} - known.speakers_by_name.keys()
        for speaker in Speaker.objects.filter(name__in=names).order_by("-pk"):
            known.speakers_by_name[speaker.name] = speaker  # the first by pk wins
        unknown = [
            p
            for p in parties
            if p.name[:200] not in known.speakers_by_name
            and p.wikidata_id not in known.speakers_by_wikidata
        ]
        bases = {_speaker_slug_base(p.name[:200]) for p in unknown}
        self.speaker_slugs = set(
            Speaker.objects.filter(slug__in=bases).values_list("slug", flat=True)
        )

        works = [w for r in reviews for w in r.appearances]
        urls = {w.url for w in works if w.url}
        titles = {w.title for w in works if not w.url}
        for source in Source.objects.filter(url__in=urls):
            self.sources[source.url, ""] = source
        # Sources without a URL are found by title; the first in their usual order.
        for source in list(Source.objects.filter(url="", title__in=titles))[::-1]:
            self.sources["", source.title] = source

    # --- One record, in memory --------------------------------------------------

    def stage(self, review: ParsedReview) -> Staged:
        """The rows for one review, validated. Rows it would share with other
        records (outlets, speakers, sources, ratings) are registered only once
        all of this record's rows are valid, so a bad record leaves nothing."""
        claim = Claim(
            text=review.claim_text,
            language=review.language,
            said_on=review.said_on,
            state=ClaimState.PUBLISHED,
            version=IMPORTED_VERSION,
        )
        _validate(claim)
        verdict = Verdict(
            claim=claim,
            headline=review.headline,
            summary=review.summary,
            explanation=review.explanation,
            published_at=review.published_at,
            review_url=review.url,
        )
        # When the publisher last changed it, not when we copied it.
        verdict.updated_at = review.modified_at or review.published_at or timezone.now()
        _validate(verdict)
        corrections = [
            Correction(
                claim=claim,
                kind=kind,
                note=note,
                created_at=when or review.published_at or timezone.now(),
            )
            for kind, note, when in review.corrections
        ]
        for correction in corrections:
            _validate(correction)

        new: dict[tuple[str, str], object] = {}  # this record's new shared rows
        verdict.publisher = self.publisher_outlet(review.publisher, review.url, new)
        if review.claimant:
            claim.speaker = self.claimant_speaker(review.claimant, new)
        appearances = []
        for work in review.appearances:
            source = self.source(work, review.language, new)
            if any(a.source is source for a in appearances):
                continue
            appearance = Appearance(
                claim=claim,
                source=source,
                quote=work.quote,
                appeared_on=work.published,
                is_first=work.is_first,
            )
            _validate(appearance)
            appearances.append(appearance)
        # Last, as it changes the publisher's scales: nothing after it can fail.
        verdict.rating = self.publisher_rating(review, verdict.publisher)

        self.register(new)
        event = WorkflowEvent(
            claim=claim,
            from_state=ClaimState.DRAFT,
            to_state=ClaimState.PUBLISHED,
            comment=f"Imported from {review.url}",
        )
        return Staged(review, claim, verdict, appearances, corrections, event)

    def register(self, new: dict):
        known = self.known
        for (kind, key), obj in new.items():
            if kind == "outlet":
                known.outlets[key] = obj
                known.scales.setdefault(key, [])
                known.taken_domains.add(obj.domain)
                self.new_outlets.append(obj)
            elif kind == "speaker":
                known.speakers_by_name.setdefault(obj.name, obj)
                if obj.wikidata_id:
                    known.speakers_by_wikidata[obj.wikidata_id] = obj
                self.speaker_slugs.add(obj.slug)
                self.new_speakers.append(obj)
            else:
                self.sources[key] = obj
                self.new_sources.append(obj)

    def outlet(self, name: str, new: dict) -> Outlet | None:
        name = name[:200]
        return new.get(("outlet", name)) or self.known.outlets.get(name)

    def publisher_outlet(self, party: Party, review_url: str, new: dict) -> Outlet:
        """The publisher by the name it gives itself. AFP signs as "AFP" and as "AFP
        Fact Check" on one site: two names, two outlets, each exported as it was."""
        outlet = self.outlet(party.name, new)
        if outlet is None:
            host = _host(review_url)
            free = re.match(DOMAIN_REGEX, host) and host not in self.known.taken_domains
            outlet = Outlet(name=party.name[:200], domain=host if free else "", homepage=party.url)
            _validate(outlet)
            new["outlet", outlet.name] = outlet
        return outlet

    def outlet_named(self, name: str, new: dict) -> Outlet | None:
        if not name:
            return None
        outlet = self.outlet(name, new)
        if outlet is None:
            outlet = Outlet(name=name[:200])
            _validate(outlet)
            new["outlet", outlet.name] = outlet
        return outlet

    def claimant_speaker(self, party: Party, new: dict) -> Speaker:
        known, name = self.known, party.name[:200]
        if party.wikidata_id:
            speaker = known.speakers_by_wikidata.get(party.wikidata_id)
            if speaker:
                return speaker
        speaker = new.get(("speaker", name)) or known.speakers_by_name.get(name)
        if speaker:
            return speaker
        speaker = Speaker(
            name=name,
            slug=self.free_speaker_slug(_speaker_slug_base(name)),
            kind=party.kind,
            role=party.role[:200],
            wikidata_id=party.wikidata_id,
        )
        _validate(speaker)
        new["speaker", name] = speaker
        return speaker

    def free_speaker_slug(self, base: str) -> str:
        # look_up() fetched the taken base slugs; numbered ones are rare.
        slug, n = base, 2
        while slug in self.speaker_slugs or (
            slug != base and Speaker.objects.filter(slug=slug).exists()
        ):
            slug, n = f"{base}-{n}", n + 1
        return slug

    def source(self, work: Work, language: str, new: dict) -> Source:
        key = (work.url, "") if work.url else ("", work.title)
        source = new.get(("source", key)) or self.sources.get(key)
        if source is None:
            source = Source(
                url=work.url,
                title=work.title,
                outlet=self.outlet_named(work.outlet, new),
                kind=Source.Kind.OTHER,
                language=language if language != UNDETERMINED_LANGUAGE else "en",
            )
            _validate(source)
            new["source", key] = source
        return source

    def publisher_rating(self, review: ParsedReview, outlet: Outlet) -> Rating:
        """The publisher's own rating with this label, on a scale of theirs.

        A publisher's scale holds each value once, but AFP writes "False",
        "Faux" and "Falsch" for the same 1: each clash gets a scale of its own.
        """
        label, value, bounds = review.rating_label, review.rating_value, (review.worst, review.best)
        scales = self.known.scales.setdefault(outlet.name, [])
        for entry in scales:
            scale_bounds = (entry.scale.worst_value, entry.scale.best_value)
            for rating in entry.ratings:
                if (rating.label, rating.value) == (label, value) and (
                    value is None or scale_bounds == bounds
                ):
                    return rating
        for entry in scales:
            fits = value is None or (
                (entry.scale.worst_value, entry.scale.best_value) == bounds
                and all(r.value != value for r in entry.ratings)
            )
            if fits and all(r.label != label for r in entry.ratings):
                break
        else:
            entry = None
        new_scale = entry is None
        if new_scale:
            entry = Scale(self.new_scale(outlet, review), [])
        rating = Rating(
            scale=entry.scale,
            label=label,
            slug=_free_slug(slugify(label)[:90] or "rating", {r.slug for r in entry.ratings}),
            description=f"As {outlet.name} rates claims.",
            colour=IMPORTED_RATING_COLOUR,
            value=value,
        )
        _validate(rating)
        if new_scale:
            scales.append(entry)
            self.new_scales.append(entry.scale)
            self.known.scale_names.add(entry.scale.name)
            self.known.scale_slugs.add(entry.scale.slug)
        entry.ratings.append(rating)
        self.new_ratings.append(rating)
        return rating

    def new_scale(self, outlet: Outlet, review: ParsedReview) -> RatingScale:
        known = self.known
        if known.scale_names is None:
            pairs = list(RatingScale.objects.values_list("name", "slug"))
            known.scale_names = {name for name, _ in pairs}
            known.scale_slugs = {slug for _, slug in pairs}
        name, n = outlet.name[:90], 2
        while name in known.scale_names:
            name, n = f"{outlet.name[:90]} ({n})", n + 1
        # Names in scripts slugify drops ("فتبينوا") still get a stable slug.
        fallback = f"publisher-{hashlib.sha256(outlet.name.encode()).hexdigest()[:10]}"
        scale = RatingScale(
            name=name,
            slug=_free_slug(slugify(outlet.name)[:90] or fallback, known.scale_slugs),
            description=f"Ratings as {outlet.name} publishes them.",
            worst_value=review.worst if review.worst < review.best else 1,
            best_value=review.best if review.worst < review.best else 5,
            publisher=outlet,
        )
        _validate(scale)
        return scale

    # --- Writing the batch ---------------------------------------------------------

    def write(self, staged: list[Staged]):
        """One bulk insert per table, parents first (each new parent's id is set
        on the rows that point at it)."""
        bulk_insert(Outlet, self.new_outlets)
        bulk_insert(RatingScale, self.new_scales)
        bulk_insert(Rating, self.new_ratings)
        bulk_insert(Speaker, self.new_speakers)
        bulk_insert(Source, self.new_sources)
        bulk_insert_with_history(Claim, [s.claim for s in staged])
        with _keeping_updated_at(Verdict):
            bulk_insert_with_history(Verdict, [s.verdict for s in staged])
        bulk_insert_with_history(Appearance, [a for s in staged for a in s.appearances])
        # Bulk inserts skip Appearance.save(), where a quote is checked: check the
        # quotes taken from sources we had (a new source has no text to check yet).
        new_sources = set(map(id, self.new_sources))
        recheck_sources(
            a.source_id
            for s in staged
            for a in s.appearances
            if a.quote and id(a.source) not in new_sources
        )
        bulk_insert_with_history(Correction, [c for s in staged for c in s.corrections])
        bulk_insert(WorkflowEvent, [s.event for s in staged])
        # Bulk inserts send no signals; a cache may hold "no such claim" for an
        # id that exists now, and every list has grown. The new claims are
        # embedded in the background for semantic matching.
        claims_changed(s.claim.pk for s in staged)
        indexing.schedule(s.claim.pk for s in staged)


def _outcome(result) -> Outcome:
    if isinstance(result, Outcome):
        return result
    if isinstance(result, Duplicate):
        return Outcome("exists", f"already imported as claim {result.first.claim.pk}")
    rating, outlet = result.verdict.rating, result.verdict.publisher
    return Outcome(
        "imported",
        f"imported as claim {result.claim.pk}: “{rating.label}” by {outlet.name}",
        notes=result.review.notes,
    )


@contextmanager
def _keeping_updated_at(model):
    """Inserts stamp `auto_now` fields with the time of the insert; a verdict
    keeps the time its publisher last changed it. (Setting it again afterwards
    with bulk_update took 0.3 s per 1,000 rows.) Commands run one at a time in
    their process, so switching the flag off for the insert is safe here."""
    field = model._meta.get_field("updated_at")
    field.auto_now = False
    try:
        yield
    finally:
        field.auto_now = True


def own_claims(urls: list[str]) -> dict[str, int]:
    """Those of `urls` that are pages of our own claims (not ones imported
    earlier), with the claim's id."""
    site = settings.FACTCHECK_SITE_URL
    pks = {}
    for url in urls:
        if not url.startswith(site):
            continue
        try:
            match = resolve("/" + url[len(site) :].lstrip("/"))
        except Resolver404:
            continue
        if match.view_name == "claims:claim_detail":
            pks[url] = match.kwargs["pk"]
    ours = Q(verdict__isnull=True) | Q(verdict__review_url="")
    found = set(Claim.objects.filter(ours, pk__in=pks.values()).values_list("pk", flat=True))
    return {url: pk for url, pk in pks.items() if pk in found}


def _validate(obj):
    """Field checks without the database: related rows may not exist yet, and
    uniqueness is settled by the look-ups above. URLs come from the parser,
    which checked them with the same URLValidator: here only their length."""
    related, urls = _unchecked_fields(type(obj))
    obj.clean_fields(exclude=related + urls)
    for name in urls:
        field = obj._meta.get_field(name)
        try:
            MaxLengthValidator(field.max_length)(getattr(obj, name))
        except ValidationError as error:
            raise ValidationError({name: error.messages}) from None


@cache
def _unchecked_fields(model) -> tuple[list[str], list[str]]:
    fields = model._meta.concrete_fields
    return (
        [f.name for f in fields if f.is_relation],
        [f.name for f in fields if isinstance(f, URLField)],
    )


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {m}" for name, ms in error.message_dict.items() for m in ms]
    return error.messages


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _free_slug(base: str, taken: set[str]) -> str:
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _speaker_slug_base(name: str) -> str:
    """A slug from the name alone, so that importing the same reviews in any
    order gives each speaker the same address. Where slugify drops letters
    ("Facebook user बसंत मलिक" would become "facebook-user"), a hash of the
    whole name keeps it apart."""
    base = slugify(name)[:80]
    kept = slugify(name).replace("-", "")
    if len(kept) < len(slugify(name, allow_unicode=True).replace("-", "")):
        base = f"{base}-{hashlib.sha256(name.encode()).hexdigest()[:10]}".lstrip("-")
    return slugify(base)[:90] or "speaker"
