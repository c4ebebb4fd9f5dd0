"""Loads the demo newsroom. Every row is looked up by a natural key first,
so a second run finds everything in place and writes nothing."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
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
    Speaker,
    Topic,
    Verdict,
    WorkflowEvent,
)
from sources.models import Outlet, Source

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

OPEN_STATES = (ClaimState.DRAFT, ClaimState.RESEARCHING, ClaimState.IN_REVIEW)

DEMO_USERS = {
    "researcher": ("demo-researcher", "Researchers", "Rosa", "Researcher"),
    "editor": ("demo-editor", "Editors", "Eddie", "Editor"),
}


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, model, created: bool):
        if created:
            name = model._meta.verbose_name_plural
            self.created[name] = self.created.get(name, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.created.values())


def _get_or_create(report: LoadReport, model, lookup: dict, defaults: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is not None:
        return obj
    obj = model(**lookup, **defaults)
    obj.full_clean()
    obj.save()
    report.count(model, True)
    return obj


def _demo_users(report: LoadReport) -> dict:
    User = get_user_model()
    users = {}
    for role, (username, group_name, first, last) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last, is_staff=True)
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            report.count(User, True)
        users[role] = user
    return users


def _at(day: str, days_later: int, hour: int) -> dt.datetime:
    date = parse_date(day) + dt.timedelta(days=days_later)
    return dt.datetime(date.year, date.month, date.day, hour, tzinfo=dt.UTC)


@transaction.atomic
def load_demo() -> LoadReport:
    report = LoadReport()
    users = _demo_users(report)
    scale = RatingScale.objects.get(is_default=True)
    ratings = {r.slug: r for r in Rating.objects.filter(scale=scale)}

    outlets = {}
    for o in data.OUTLETS:
        defaults = {k: v for k, v in o.items() if k != "name"}
        outlets[o["name"]] = _get_or_create(report, Outlet, {"name": o["name"]}, defaults)
    sources = {}
    for handle, s in data.SOURCES.items():
        fields = {
            "title": s["title"],
            "outlet": outlets[s["outlet"]],
            "kind": s["kind"],
            "published_on": parse_date(s["published_on"]) if s["published_on"] else None,
            "author": s.get("author", ""),
            "url": s["url"],
        }
        lookup = {"url": s["url"]} if s["url"] else {"url": "", "title": s["title"]}
        sources[handle] = _get_or_create(
            report, Source, lookup, {k: v for k, v in fields.items() if k not in lookup}
        )

    speakers = {}
    for sp in data.SPEAKERS:
        defaults = {k: v for k, v in sp.items() if k != "name"}
        speakers[sp["name"]] = _get_or_create(
            report, Speaker, {"slug": slugify(sp["name"])}, {"name": sp["name"]} | defaults
        )
    topics = {name: _get_or_create(report, Topic, {"name": name}, {}) for name in data.TOPICS}

    for spec in data.CLAIMS:
        _load_claim(report, spec, speakers, topics, sources, ratings, users)
    return report


def _load_claim(report, spec, speakers, topics, sources, ratings, users):
    said_on = parse_date(spec["said_on"])
    claim = Claim.objects.filter(text=spec["text"]).first()
    is_new = claim is None
    if is_new:
        state = spec["state"]
        claim = Claim(
            text=spec["text"],
            speaker=speakers[spec["speaker"]] if spec["speaker"] else None,
            said_on=said_on,
            language="en",
            state=state,
            created_by=users["researcher"],
            assignee=users["researcher"] if state in OPEN_STATES else None,
            retraction_note=spec.get("retraction", ""),
        )
        claim.full_clean()
        claim.save()
        claim.topics.set([topics[t] for t in spec["topics"]])
        report.count(Claim, True)

    for i, (handle, quote) in enumerate(spec["appearances"]):
        _get_or_create(
            report,
            Appearance,
            {"claim": claim, "source": sources[handle]},
            {"quote": quote, "appeared_on": said_on, "is_first": i == 0},
        )
    for order, (handle, stance, quote) in enumerate(spec.get("evidence", [])):
        _get_or_create(
            report,
            Evidence,
            {"claim": claim, "source": sources[handle]},
            {"stance": stance, "quote": quote, "order": order},
        )

    published = spec["state"] in (ClaimState.PUBLISHED, ClaimState.RETRACTED)
    if "verdict" in spec:
        v = spec["verdict"]
        verdict = _get_or_create(
            report,
            Verdict,
            {"claim": claim},
            {
                "rating": ratings[v["rating"]],
                "headline": v["headline"],
                "summary": v["summary"],
                "explanation": v["explanation"],
                "published_at": _at(spec["said_on"], 2, 10) if published else None,
            },
        )
        if is_new:
            verdict.authors.add(users["researcher"])

    for c in spec.get("corrections", []):
        _get_or_create(
            report,
            Correction,
            {"claim": claim, "note": c["note"]},
            {
                "kind": c["kind"],
                "rating_before": ratings[c["rating_before"]],
                "rating_after": ratings[c["rating_after"]],
                "created_by": users["editor"],
                "created_at": parse_datetime(c["created_at"]),
            },
        )

    if is_new:
        for step, (from_state, to_state, role) in enumerate(PATHS[spec["state"]]):
            comment = ""
            if to_state == ClaimState.RETRACTED:
                comment = spec["retraction"]
            elif to_state == ClaimState.REJECTED:
                comment = spec["rejection"]
            WorkflowEvent.objects.create(
                claim=claim,
                from_state=from_state,
                to_state=to_state,
                actor=users[role],
                comment=comment,
                created_at=_at(spec["said_on"], step, 9),
            )
            report.count(WorkflowEvent, True)
