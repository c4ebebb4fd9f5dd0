"""Loads the demo newsroom through the editorial workflow.

Each claim is captured, researched, submitted, signed off, published,
corrected, retracted or rejected by the demo desk's users through
claims.services and claims.workflow, as a newsroom would, so the demo holds
only what the rules allow: real sign-offs by editors who did not submit the
claim, evidence before publication, a logged path through the workflow.
Each step is then dated to the story's day (March 2023 and after), the
workflow events, sign-offs, corrections, publication dates and history rows
it wrote with it.

Rows are found by a natural key first, so a second run finds everything in
place and writes nothing.
"""

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from claims.demo import data
from claims.models import (
    Appearance,
    Claim,
    ClaimState,
    Correction,
    Evidence,
    Rating,
    RatingScale,
    SignOff,
    Speaker,
    Topic,
    Verdict,
    WorkflowEvent,
)
from claims.services import claim_assign, claim_create, evidence_attach
from claims.workflow import claim_transition
from sources.models import Outlet, Source

S = ClaimState

DEMO_USERS = {
    data.RESEARCHER: ("demo-researcher", "Researchers", "Rosa", "Researcher"),
    data.EDITOR: ("demo-editor", "Editors", "Eddie", "Editor"),
    data.MANAGING_EDITOR: ("demo-managing-editor", "Editors", "Maya", "Managing"),
}
EDITORS = (data.EDITOR, data.MANAGING_EDITOR)

# What the loader counts in its report.
COUNTED = [Outlet, Source, Speaker, Topic, Claim, Appearance, Evidence, Verdict, SignOff]
COUNTED += [Correction, WorkflowEvent]

# The timestamps a workflow step writes with the current time, and the
# history models whose rows it adds; each step is moved to its story date.
STAMPED = [
    (WorkflowEvent, "created_at"),
    (SignOff, "created_at"),
    (Correction, "created_at"),
    (Verdict, "published_at"),
    (Verdict, "created_at"),
    (Verdict, "updated_at"),
    (Claim, "created_at"),
    (Claim, "updated_at"),
]
HISTORIES = [Claim, Appearance, Evidence, Verdict, Correction]


class DemoDeskTooSmall(Exception):
    """The sign-off quorum needs more editors than the demo desk has."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.created.values())


def _counts() -> dict:
    return {m._meta.verbose_name_plural: m.objects.count() for m in COUNTED}


def _get_or_create(model, lookup: dict, defaults: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is not None:
        return obj
    obj = model(**lookup, **defaults)
    obj.full_clean()
    obj.save()
    return obj


def _demo_users() -> dict:
    User = get_user_model()
    users = {}
    for role, (username, group_name, first, last) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last, is_staff=True)
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
        users[role] = user
    return users


def _date(day: str | None) -> dt.date | None:
    return parse_date(day) if day else None


def _at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    date = parse_date(day)
    return dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=dt.UTC)


class _Clock:
    """Dates each step of a story: `at(when, actor)` marks where a step starts;
    `backdate()` then moves what each step wrote, and the history rows it
    added, to the step's date, with one UPDATE per column for the whole story."""

    def __init__(self):
        self.marks = []  # (time the step started, its story date, who took it)

    @contextmanager
    def at(self, when: dt.datetime, actor):
        self.marks.append((timezone.now(), when, actor))
        yield

    def backdate(self):
        for model, name in STAMPED:
            self._update(model, name, name, lambda mark: mark[1])
        for model in HISTORIES:
            history = model.history.model
            self._update(
                history, "history_user", "history_date", lambda mark: mark[2].pk, unset=True
            )
            self._update(history, "history_date", "history_date", lambda mark: mark[1])

    def _update(self, model, target: str, name: str, then, *, unset: bool = False):
        """Sets `target` to `then(mark)` on the rows whose `name` falls within
        each step (only where `target` is unset, if asked). Written as SQL:
        the same UPDATE through the ORM's Case and When took half of the
        demo's loading time, building the expressions."""
        connection = connections[router.db_for_write(model)]
        quote = connection.ops.quote_name
        target_field, field = model._meta.get_field(target), model._meta.get_field(name)
        column, target_column = quote(field.column), quote(target_field.column)
        starts = [field.get_db_prep_value(start, connection) for start, _, _ in self.marks]
        whens, params = [], []
        for i, mark in enumerate(self.marks):
            if i + 1 < len(starts):
                whens.append(f"WHEN {column} >= %s AND {column} < %s THEN %s")
                params += [starts[i], starts[i + 1]]
            else:
                whens.append(f"WHEN {column} >= %s THEN %s")
                params.append(starts[i])
            params.append(target_field.get_db_prep_value(then(mark), connection))
        where = f"{column} >= %s" + (f" AND {target_column} IS NULL" if unset else "")
        sql = (
            f"UPDATE {quote(model._meta.db_table)} SET {target_column} = "
            f"CASE {' '.join(whens)} ELSE {target_column} END WHERE {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, starts[0]])


@transaction.atomic
def load_demo() -> LoadReport:
    quorum = settings.FACTCHECK_SIGNOFF_QUORUM
    if quorum > len(EDITORS):
        raise DemoDeskTooSmall(
            f"The demo desk has {len(EDITORS)} editors, and FACTCHECK_SIGNOFF_QUORUM={quorum} "
            f"asks for {quorum} sign-offs; load the demo with a quorum of {len(EDITORS)} or less."
        )
    before = _counts()
    users = _demo_users()
    scale = RatingScale.objects.get(is_default=True)
    ratings = {r.slug: r for r in Rating.objects.filter(scale=scale)}

    outlets = {
        o["name"]: _get_or_create(
            Outlet, {"name": o["name"]}, {k: v for k, v in o.items() if k != "name"}
        )
        for o in data.OUTLETS
    }
    sources = {handle: _source(s, outlets) for handle, s in data.SOURCES.items()}
    speakers = {
        sp["name"]: _get_or_create(
            Speaker, {"slug": slugify(sp["name"])}, {k: v for k, v in sp.items()}
        )
        for sp in data.SPEAKERS
    }
    topics = {name: _get_or_create(Topic, {"name": name}, {}) for name in data.TOPICS}

    for index, spec in enumerate(data.CLAIMS):
        if not Claim.objects.filter(text=spec["text"]).exists():
            _Story(spec, index, users, ratings, sources).tell(speakers, topics)
    after = _counts()
    return LoadReport(
        {name: after[name] - before[name] for name in after if after[name] > before[name]}
    )


def _source(spec: dict, outlets: dict) -> Source:
    fields = {
        "title": spec["title"],
        "outlet": outlets[spec["outlet"]] if spec["outlet"] else None,
        "kind": spec["kind"],
        "published_on": parse_date(spec["published_on"]) if spec["published_on"] else None,
        "text": "\n\n".join(spec.get("excerpts", [])),
    }
    lookup = {"url": spec["url"]} if spec["url"] else {"url": "", "title": spec["title"]}
    return _get_or_create(Source, lookup, {k: v for k, v in fields.items() if k not in lookup})


class _Story:
    """One claim's way through the desk, step by step, each on its date."""

    def __init__(self, spec, index, users, ratings, sources):
        self.spec = spec
        self.users = users
        self.ratings = ratings
        self.sources = sources
        self.minute = index  # keeps the claims' order within a day
        self.researcher = users[data.RESEARCHER]
        # Editors take turns: one signs off, the other publishes.
        self.signer = users[EDITORS[index % 2]]
        self.publisher = users[EDITORS[(index + 1) % 2]]
        self.claim = None
        self.clock = _Clock()
        # The verdict's dates in story time, and as each step left them (claims.workflow
        # dates them by today's date; the story's replace them once it is told).
        self.dates = {}
        self.dated_steps = []

    def step(self, name: str, by, when: dt.datetime, **options):
        with self.clock.at(when, by):
            self.claim = claim_transition(claim=self.claim, name=name, by=by, **options)

    def tell(self, speakers, topics):
        self._tell(speakers, topics)
        self.clock.backdate()
        if self.dates:
            self._write_verdict_dates()

    def _tell(self, speakers, topics):
        spec = self.spec
        state = spec["state"]
        captured = spec.get("captured", "2023-03-17")
        with self.clock.at(_at(captured, 9, self.minute), self.researcher):
            self.claim = self._capture(speakers, topics)
        if state in (S.DRAFT, S.RESEARCHING, S.IN_REVIEW):
            with self.clock.at(_at(captured, 9, 30 + self.minute), self.users[data.EDITOR]):
                claim_assign(claim=self.claim, assignee=self.researcher, by=self.users[data.EDITOR])
        if state == S.REJECTED:
            self.step(
                "reject", self.signer, _at(captured, 11, self.minute), comment=spec["rejection"]
            )
            return
        if state == S.DRAFT:
            self._research(_at(captured, 12, self.minute))
            return
        self.step("start_research", self.researcher, _at(captured, 11, self.minute))
        self._research(_at(captured, 14, self.minute))
        if state == S.RESEARCHING:
            return
        submitted = parse_date(captured) + dt.timedelta(days=2)
        self.step("submit", self.researcher, _at(submitted.isoformat(), 15, self.minute))
        if state == S.IN_REVIEW:
            if spec.get("signed_off"):
                self.step("sign_off", self.signer, _at(submitted.isoformat(), 17, self.minute))
            return
        published = spec["published"]
        self.step("sign_off", self.signer, _at(published, 9, self.minute))
        self.step("publish", self.publisher, _at(published, 10, self.minute))
        self._date_verdict(
            _at(published, 10, self.minute),
            as_of=parse_date(published),
            rechecked_on=None,
            recheck_on=self.dates.get("recheck_on"),
        )
        for later in spec.get("later", []):
            self._later(later)
        if "retraction" in spec:
            r = spec["retraction"]
            self.step(
                "retract",
                self.users[data.MANAGING_EDITOR],
                parse_datetime(r["on"]),
                comment=r["note"],
            )

    def _date_verdict(self, when: dt.datetime, **dates):
        self.dates.update(dates)
        self.dated_steps.append((when, dict(self.dates)))

    def _later(self, later: dict):
        """A re-check or a correction after publication, dated as claims.workflow
        would have dated it on the day."""
        when = parse_datetime(later["on"])
        day = when.date()
        next_check = _date(later.get("recheck_on"))
        # The workflow wants a re-check date after today; the story's lies in the
        # past, so the step is given tomorrow and the story's date replaces it.
        ahead = timezone.localdate() + dt.timedelta(days=1) if next_check else None
        if later["step"] == "recheck":
            self.step("recheck", self.publisher, when, comment=later["note"], recheck_on=ahead)
            self._date_verdict(when, as_of=day, rechecked_on=day, recheck_on=next_check)
            # Its record names the dates too ("Still accurate as of …").
            event = self.claim.events.latest("pk")
            comment = event.comment.replace(timezone.localdate().isoformat(), day.isoformat())
            if ahead:
                comment = comment.replace(ahead.isoformat(), next_check.isoformat())
            WorkflowEvent.objects.filter(pk=event.pk).update(comment=comment)
            return
        rating = self.ratings[later["rating"]] if later.get("rating") else None
        with self.clock.at(when, self.publisher):
            self.claim = claim_transition(
                claim=self.claim,
                name="correct",
                by=self.publisher,
                comment=later["note"],
                correction_kind=later["kind"],
                new_rating=rating,
                recheck_on=ahead,
            )
            if "verdict" in later:
                verdict = Verdict.objects.get(claim=self.claim)
                for name, value in later["verdict"].items():
                    setattr(verdict, name, value)
                verdict._history_user = self.publisher
                verdict.save()
        dates = self.dates
        if rating is not None or later["kind"] == Correction.Kind.UPDATE:
            dates = {**dates, "as_of": day, "rechecked_on": None}
            if not next_check and dates["recheck_on"] and dates["recheck_on"] <= day:
                dates["recheck_on"] = None  # this update was the re-check that was due
        if next_check:
            dates["recheck_on"] = next_check
        self._date_verdict(when, **dates)

    def _write_verdict_dates(self):
        verdict = Verdict.objects.get(claim=self.claim)
        Verdict.objects.filter(pk=verdict.pk).update(**self.dates)
        rows = Verdict.history.model.objects.filter(id=verdict.pk)
        for when, dates in self.dated_steps:
            rows.filter(history_date=when).update(**dates)

    def _capture(self, speakers, topics) -> Claim:
        spec = self.spec
        return claim_create(
            by=self.researcher,
            text=spec["text"],
            speaker=speakers[spec["speaker"]] if spec["speaker"] else None,
            said_on=parse_date(spec["said_on"]) if spec["said_on"] else None,
            topics=[topics[t] for t in spec["topics"]],
            appearances=[
                {
                    "source": self.sources[handle],
                    "quote": quote,
                    "appeared_on": self.sources[handle].published_on,
                    "is_first": i == 0,
                }
                for i, (handle, quote) in enumerate(spec["appearances"])
            ],
        )

    def _research(self, when: dt.datetime):
        """The researcher's evidence and draft verdict, before submitting."""
        with self.clock.at(when, self.researcher):
            for order, e in enumerate(self.spec.get("evidence", [])):
                evidence_attach(
                    claim=self.claim,
                    by=self.researcher,
                    source=self.sources[e["source"]],
                    stance=e["stance"],
                    quote=e.get("quote", ""),
                    note=e.get("note", ""),
                    order=order,
                )
            if "verdict" in self.spec:
                v = self.spec["verdict"]
                verdict = Verdict(
                    claim=self.claim,
                    rating=self.ratings[v["rating"]],
                    headline=v["headline"],
                    summary=v["summary"],
                    explanation=v["explanation"],
                )
                verdict._history_user = self.researcher
                verdict.full_clean()
                verdict.save()
                verdict.authors.add(self.researcher)
                if v.get("recheck_on"):
                    # Set when drafted; written in story time (claims.workflow would
                    # refuse publishing with a re-check date that has come).
                    self._date_verdict(when, recheck_on=_date(v["recheck_on"]))
            self.claim.refresh_from_db()
