"""A realistic generated newsroom for benchmarks (`manage.py seed_bench`).

Deterministic by seed: the same seed on an empty database gives the same
rows. Rows are written with bulk_create, one transaction per batch of claims,
so 100,000 claims take minutes, not hours. Bulk inserts skip model save()
and signals, so no django-simple-history rows are written: the generated
claims have a workflow history (WorkflowEvent) but no past versions.

Every row respects the models' constraints: one first appearance per claim,
unique source URLs, outlet domains, speaker slugs and Wikidata ids, ratings of
the default scale, and published verdicts that satisfy the publishing rules
(a rating, a summary, at least one piece of evidence).
"""

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils.text import slugify

from claims.benchdata.text import Wording, ZipfChoice
from claims.caching import claims_changed
from claims.models import (
    Appearance,
    Claim,
    ClaimState,
    Correction,
    Evidence,
    Rating,
    Speaker,
    Topic,
    Verdict,
    WorkflowEvent,
)
from sources.models import Outlet, Source

BATCH_SIZE = 1000
# Shares of claims by state: most published, as on a working desk.
STATE_WEIGHTS = {
    ClaimState.PUBLISHED: 77.5,
    ClaimState.RETRACTED: 1,
    ClaimState.DRAFT: 6,
    ClaimState.RESEARCHING: 6,
    ClaimState.IN_REVIEW: 4,
    ClaimState.REJECTED: 5.5,
}
RATING_WEIGHTS = {
    "false": 30,
    "mostly-false": 18,
    "half-true": 17,
    "mostly-true": 13,
    "true": 12,
    "unproven": 10,
}
LANGUAGE_WEIGHTS = {"en": 92, "en-GB": 5, "en-US": 3}
TOPICS = """Economy Health Crime Immigration Climate Energy Education Elections Housing
Transport Defence Foreign-policy Justice Taxes Welfare Agriculture Technology Environment
Employment Trade""".split()
RESEARCHERS = 4
EDITORS = 3
LABELS = {Claim.topics.through: "claim topics", Verdict.authors.through: "verdict authors"}
FIRST_DAY = dt.date(2014, 1, 1)
LAST_DAY = dt.date(2025, 6, 30)

# The path each final state took through the workflow, and who took each step.
PATHS = {
    ClaimState.DRAFT: [],
    ClaimState.RESEARCHING: [("draft", "researching", "researcher")],
    ClaimState.IN_REVIEW: [
        ("draft", "researching", "researcher"),
        ("researching", "in_review", "researcher"),
    ],
    ClaimState.PUBLISHED: [
        ("draft", "researching", "researcher"),
        ("researching", "in_review", "researcher"),
        ("in_review", "published", "editor"),
    ],
    ClaimState.RETRACTED: [
        ("draft", "researching", "researcher"),
        ("researching", "in_review", "researcher"),
        ("in_review", "published", "editor"),
        ("published", "retracted", "editor"),
    ],
    ClaimState.REJECTED: [("draft", "rejected", "editor")],
}


@dataclass
class SeedReport:
    created: Counter = field(default_factory=Counter)

    def add(self, model, rows: list) -> list:
        self.created[LABELS.get(model, model._meta.verbose_name_plural)] += len(rows)
        return rows


class UniqueNames:
    """Values not used yet, in the database or in this run: "x", "x-2", "x-3"..."""

    def __init__(self, taken):
        self.taken = set(taken)

    def __call__(self, base: str, sep: str = "-") -> str:
        value, n = base, 2
        while value in self.taken:
            value, n = f"{base}{sep}{n}", n + 1
        self.taken.add(value)
        return value


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) + dt.timedelta(
        minutes=rng.randint(6 * 60, 22 * 60)
    )


class Seeder:
    def __init__(self, *, seed: int, report: SeedReport):
        self.rng = random.Random(seed)
        self.wording = Wording(self.rng, seed)
        self.report = report
        self.url_number = 0
        self.source_urls = UniqueNames(Source.objects.exclude(url="").values_list("url", flat=True))

    # --- the cast: users, ratings, topics, outlets, speakers ---------------------------

    def cast(self, claims: int):
        self.researchers = self._staff("researcher", "Researchers", RESEARCHERS)
        self.editors = self._staff("editor", "Editors", EDITORS)
        self.ratings = {r.slug: r for r in Rating.objects.filter(scale__is_default=True)}
        missing = set(RATING_WEIGHTS) - set(self.ratings)
        if missing:
            raise ValueError(f"the default rating scale lacks {', '.join(sorted(missing))}")
        self.topics = []
        for name in TOPICS:
            name = name.replace("-", " ")
            topic = Topic.objects.filter(name=name).first() or Topic(name=name)
            if topic.pk is None:
                topic.save()
                self.report.add(Topic, [topic])
            self.topics.append(topic)
        self.outlets = self._outlets(min(max(claims // 200, 5), 500))
        self.pick_outlet = ZipfChoice(self.outlets)
        self.speakers = self._speakers(min(max(claims // 40, 5), 5000))
        self.pick_speaker = ZipfChoice(self.speakers)
        self.authors = [self.wording.person() for _ in range(min(max(claims // 20, 10), 5000))]
        self.evidence_sources = self._evidence_sources(max(claims * 2 // 5, 10))
        self.pick_evidence = ZipfChoice(self.evidence_sources, exponent=0.8)

    def _staff(self, role: str, group_name: str, count: int) -> list:
        User = get_user_model()
        group = Group.objects.get(name=group_name)
        users = []
        for n in range(1, count + 1):
            user = User.objects.filter(username=f"bench-{role}-{n}").first()
            if user is None:
                user = User(username=f"bench-{role}-{n}", is_staff=True)
                user.set_unusable_password()
                user.save()
                user.groups.add(group)
                self.report.add(User, [user])
            users.append(user)
        return users

    def _outlets(self, count: int) -> list[Outlet]:
        names = UniqueNames(Outlet.objects.values_list("name", flat=True))
        domains = UniqueNames(Outlet.objects.exclude(domain="").values_list("domain", flat=True))
        outlets = []
        for _ in range(count):
            name = names(self.wording.outlet_name(), sep=" ")
            domain = domains(slugify(name.removeprefix("The "))[:50].strip("-")) + ".example"
            outlets.append(Outlet(name=name, domain=domain, homepage=f"https://{domain}/"))
        return self.report.add(Outlet, Outlet.objects.bulk_create(outlets))

    def _speakers(self, count: int) -> list[Speaker]:
        rng, wording = self.rng, self.wording
        slugs = UniqueNames(Speaker.objects.values_list("slug", flat=True))
        wikidata = set(
            Speaker.objects.exclude(wikidata_id="").values_list("wikidata_id", flat=True)
        )
        speakers = []
        for _ in range(count):
            person = rng.random() < 0.85
            name = wording.person() if person else wording.organisation()
            qid = ""
            if rng.random() < 0.4:
                while not qid or qid in wikidata:
                    qid = f"Q{rng.randint(1000, 99_999_999)}"
                wikidata.add(qid)
            speakers.append(
                Speaker(
                    name=name,
                    slug=slugs(slugify(name)[:90] or "speaker"),
                    kind=Speaker.Kind.PERSON if person else Speaker.Kind.ORGANISATION,
                    role=wording.role() if person else "",
                    affiliation=wording.party() if person and rng.random() < 0.7 else "",
                    country=wording.country(),
                    wikidata_id=qid,
                    description=wording.sentence() if rng.random() < 0.3 else "",
                )
            )
        return self.report.add(Speaker, Speaker.objects.bulk_create(speakers))

    def _source(self, *, kind: str, day: dt.date | None, outlet: Outlet | None) -> Source:
        rng = self.rng
        self.url_number += 1
        day = day or FIRST_DAY
        if outlet is None:
            host = "social.example"
            path = f"{slugify(rng.choice(self.authors))}/status/{self.url_number}"
        else:
            host = outlet.domain
            path = f"{day:%Y/%m/%d}/{kind.replace('_', '-')}-{self.url_number}"
        return Source(
            url=self.source_urls(f"https://{host}/{path}"),
            title=self.wording.title(),
            outlet=outlet,
            kind=kind,
            published_on=day,
            language="en",
            author=rng.choice(self.authors) if rng.random() < 0.6 else "",
        )

    def _evidence_sources(self, count: int) -> list[Source]:
        rng, sources = self.rng, []
        for first in range(0, count, BATCH_SIZE):
            batch = [
                self._source(
                    kind=rng.choice(
                        [Source.Kind.REPORT, Source.Kind.DATASET, Source.Kind.OFFICIAL_STATEMENT]
                    ),
                    day=self._day(),
                    outlet=self.pick_outlet.one(rng),
                )
                for _ in range(min(BATCH_SIZE, count - first))
            ]
            sources += self.report.add(Source, Source.objects.bulk_create(batch))
        return sources

    def _day(self) -> dt.date:
        span = (LAST_DAY - FIRST_DAY).days
        return FIRST_DAY + dt.timedelta(days=self.rng.randint(0, span))

    # --- claims -----------------------------------------------------------------------

    def claims(self, count: int, progress: Callable[[int], None] | None = None):
        for first in range(0, count, BATCH_SIZE):
            rows = Rows()
            for _ in range(min(BATCH_SIZE, count - first)):
                self._claim(rows)
            with transaction.atomic():
                rows.save(self.report)
                # Bulk inserts send no signals (see claims.caching).
                claims_changed(claim.pk for claim in rows.claims)
            if progress:
                progress(first + len(rows.claims))

    def _claim(self, rows: "Rows"):
        rng, wording = self.rng, self.wording
        state = _weighted(rng, STATE_WEIGHTS)
        researcher, editor = rng.choice(self.researchers), rng.choice(self.editors)
        speaker = self.pick_speaker.one(rng) if rng.random() < 0.9 else None
        said_on = self._day() if rng.random() < 0.95 else None
        claim = Claim(
            text=wording.claim_text(),
            speaker=speaker,
            said_on=said_on,
            language=_weighted(rng, LANGUAGE_WEIGHTS),
            state=state,
            assignee=researcher if state in (ClaimState.RESEARCHING, ClaimState.DRAFT) else None,
            created_by=researcher,
            updated_by=editor if len(PATHS[state]) > 2 else researcher,
            checkworthiness=round(rng.random(), 3) if rng.random() < 0.8 else None,
            version=len(PATHS[state]) + 1 + rng.randint(0, 4),
        )
        if state == ClaimState.DRAFT and rng.random() < 0.3:
            claim.suggested_by_contact = f"reader{rng.randint(1, 10**6)}@example.org"
            claim.suggested_from_url = f"https://social.example/post/{rng.randint(1, 10**9)}"
        rows.claims.append(claim)
        rows.topics += [
            Claim.topics.through(claim=claim, topic=topic)
            for topic in rng.sample(self.topics, rng.randint(1, 3))
        ]

        day = said_on or self._day()
        first = self._source(
            kind=rng.choice(
                [Source.Kind.NEWS_ARTICLE, Source.Kind.TRANSCRIPT, Source.Kind.SOCIAL_POST]
            ),
            day=day,
            outlet=None if rng.random() < 0.15 else self.pick_outlet.one(rng),
        )
        rows.sources.append(first)
        rows.appearances.append(
            Appearance(
                claim=claim, source=first, quote=claim.text, appeared_on=said_on, is_first=True
            )
        )
        if rng.random() < 0.25:
            later = self._source(
                kind=Source.Kind.NEWS_ARTICLE,
                day=day + dt.timedelta(days=rng.randint(0, 5)),
                outlet=self.pick_outlet.one(rng),
            )
            rows.sources.append(later)
            rows.appearances.append(
                Appearance(claim=claim, source=later, appeared_on=later.published_on)
            )

        published_at = _moment(day + dt.timedelta(days=rng.randint(1, 30)), rng)
        events_at = [published_at - dt.timedelta(days=d) for d in (6, 3, 0)] + [
            published_at + dt.timedelta(days=rng.randint(20, 200))
        ]
        for (from_state, to_state, who), at in zip(PATHS[state], events_at, strict=False):
            rows.events.append(
                WorkflowEvent(
                    claim=claim,
                    from_state=from_state,
                    to_state=to_state,
                    actor=researcher if who == "researcher" else editor,
                    comment="Not a checkable statement of fact."
                    if to_state == ClaimState.REJECTED
                    else "",
                    created_at=at,
                )
            )
        if state == ClaimState.RETRACTED:
            claim.retraction_note = "Retracted: " + wording.sentence()

        if state in (ClaimState.DRAFT, ClaimState.REJECTED):
            return
        if state == ClaimState.RESEARCHING and rng.random() < 0.5:
            return
        researched = state != ClaimState.RESEARCHING
        rating = self.ratings[_weighted(rng, RATING_WEIGHTS)] if researched else None
        evidence = [self.pick_evidence.one(rng) for _ in range(rng.randint(1, 4))]
        evidence = list(dict.fromkeys(evidence))  # the same source once per claim
        for order, source in enumerate(evidence):
            rows.evidence.append(
                Evidence(
                    claim=claim,
                    source=source,
                    stance=rng.choice(Evidence.Stance.values),
                    quote=wording.sentence() if rng.random() < 0.6 else "",
                    note=wording.sentence() if rng.random() < 0.3 else "",
                    order=order,
                )
            )
        who = speaker.name if speaker else "A viral post"
        verdict = Verdict(
            claim=claim,
            rating=rating,
            headline=wording.headline(claim.text, who, rating.label) if rating else "",
            summary=wording.summary() if researched else "",
            explanation=wording.explanation(evidence[0].title, evidence[0].url),
            published_at=published_at
            if state in (ClaimState.PUBLISHED, ClaimState.RETRACTED)
            else None,
        )
        rows.verdicts.append(verdict)
        rows.authors.append(Verdict.authors.through(verdict=verdict, user=researcher))
        if state == ClaimState.PUBLISHED and rng.random() < 0.03:
            after = self.ratings[_weighted(rng, RATING_WEIGHTS)]
            rows.corrections.append(
                Correction(
                    claim=claim,
                    kind=rng.choice(Correction.Kind.values),
                    note=wording.sentence(),
                    rating_before=rating,
                    rating_after=after,
                    created_by=editor,
                    created_at=published_at + dt.timedelta(days=rng.randint(1, 90)),
                )
            )
            verdict.rating = after


@dataclass
class Rows:
    """One batch of generated rows, saved parents first."""

    claims: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    appearances: list = field(default_factory=list)
    events: list = field(default_factory=list)
    verdicts: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    corrections: list = field(default_factory=list)

    def save(self, report: SeedReport):
        # bulk_create sets each parent's pk, which the children's foreign keys
        # then read from the (now saved) objects they hold.
        for model, objs in [
            (Source, self.sources),
            (Claim, self.claims),
            (Claim.topics.through, self.topics),
            (Appearance, self.appearances),
            (WorkflowEvent, self.events),
            (Verdict, self.verdicts),
            (Verdict.authors.through, self.authors),
            (Evidence, self.evidence),
            (Correction, self.corrections),
        ]:
            report.add(model, model.objects.bulk_create(objs))


def seed_bench(*, claims: int, seed: int, progress=None) -> SeedReport:
    report = SeedReport()
    seeder = Seeder(seed=seed, report=report)
    with transaction.atomic():
        seeder.cast(claims)
    seeder.claims(claims, progress)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # As after any bulk load, rather than when autovacuum next passes: the
        # planner's statistics and the word frequencies claim matching narrows
        # by describe the new rows, and index-only scans need not visit them.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return report
