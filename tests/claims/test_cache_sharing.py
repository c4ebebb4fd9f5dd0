"""Two web processes share one Redis: whatever one of them caches, the other
serves without the database, and any write made through one is seen by the
next request to the other.

The second process (tests/second_process.py) opens the test database itself,
so these tests commit their rows (transactional) and the SQLite test database
is a file (tests/settings.py)."""

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from claims.models import Claim
from claims.services import evidence_attach
from claims.workflow import claim_transition
from tests.factories import (
    AppearanceFactory,
    EvidenceFactory,
    RatingFactory,
    TopicFactory,
    UserFactory,
    VerdictFactory,
)

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


class SecondProcess:
    def __init__(self, caches):
        database = {**connection.settings_dict}
        config = json.dumps({"database": database, "caches": caches}, cls=DjangoJSONEncoder)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.second_process", config],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline() == "ready\n", "the second process did not start"

    def get(self, path: str, **headers) -> dict:
        self.process.stdin.write(f"{path}\t{json.dumps(headers)}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the second process died"
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


@pytest.fixture
def other(redis_cache):
    process = SecondProcess(redis_cache)
    yield process
    process.close()


@pytest.fixture
def editor(installation_rows):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def claim(editor):
    verdict = VerdictFactory(
        published=True,
        claim__text="The ICC has 124 member states.",
        claim__speaker__name="Andriy Kostin",
        claim__topics=[TopicFactory(name="Rome Statute")],
    )
    claim = verdict.claim
    AppearanceFactory(claim=claim, is_first=True, source__title="Kostin interview")
    EvidenceFactory(claim=claim, source__title="States parties list")
    return claim


def surfaces(claim) -> dict[str, str]:
    page = f"{django_settings.FACTCHECK_SITE_URL}claims/{claim.pk}/"
    return {
        "card": f"/embed/claims/{claim.pk}/",
        "oembed": "/oembed/?" + urlencode({"url": page}),
        "api": f"/api/v1/claims/{claim.pk}/",
        "claimreview": f"/api/v1/claims/{claim.pk}/claimreview/",
        "feed": "/api/v1/claimreview/",
        "home": "/",
    }


def read_all(process, claim) -> dict[str, dict]:
    return {name: process.get(path) for name, path in surfaces(claim).items()}


def test_what_one_process_cached_the_other_serves_without_the_database(client, other, claim):
    for name, path in surfaces(claim).items():
        first = client.get(path)
        assert first.status_code == 200, name
        answer = other.get(path)
        assert answer["status"] == 200, name
        assert answer["body"] == first.content.decode(), name
        # The feed still lists the page's ids; its count is cached too.
        assert answer["queries"] == (1 if name == "feed" else 0), (name, answer["sql"])
        if "ETag" in first:
            assert answer["headers"]["ETag"] == first["ETag"], name
            revalidated = other.get(path, if_none_match=first["ETag"])
            assert revalidated["status"] == 304, name


def rename(instance, **fields):
    for field, value in fields.items():
        setattr(instance, field, value)
    instance.save()


# Each edit made in this process, and the text each surface of the second
# process must then show (and did not show before).
EDITS = {
    "claim text": (
        lambda claim, editor: rename(claim, text="The ICC has 125 member states."),
        {s: "125 member states" for s in ("card", "oembed", "api", "claimreview", "feed", "home")},
    ),
    "bulk update (touch)": (
        lambda claim, editor: Claim.objects.filter(pk=claim.pk).touch(
            by=editor, text="The ICC has 126 member states."
        ),
        {s: "126 member states" for s in ("card", "oembed", "api", "claimreview", "feed", "home")},
    ),
    "correction with a new rating": (
        lambda claim, editor: claim_transition(
            claim=claim,
            name="correct",
            by=editor,
            comment="We recounted the states parties.",
            new_rating=RatingFactory(slug="half-true", value=3),
        ),
        {
            "card": ">Half true</span>",
            "api": "We recounted the states parties.",
            "claimreview": "We recounted the states parties.",
            "feed": "We recounted the states parties.",
            "home": ">Half true</span>",
        },
    ),
    "re-check": (
        lambda claim, editor: claim_transition(
            claim=claim, name="recheck", by=editor, comment="Checked the ASP list."
        ),
        {"card": "checked again", "api": '"rechecked_on":"'},
    ),
    "speaker rename": (
        lambda claim, editor: rename(claim.speaker, name="Andriy Kostin-Renamed"),
        {s: "Kostin-Renamed" for s in ("card", "api", "claimreview", "feed", "home")},
    ),
    "rating label": (
        lambda claim, editor: rename(claim.verdict.rating, label="Wrong"),
        {
            "card": ">Wrong<",
            "api": '"label":"Wrong"',
            "claimreview": '"name":"Wrong"',
            "feed": '"name":"Wrong"',
            "home": ">Wrong<",
        },
    ),
    "rating scale": (
        lambda claim, editor: rename(claim.verdict.rating.scale, best_value=9),
        {"api": '"best_value":9', "claimreview": '"bestRating":9', "feed": '"bestRating":9'},
    ),
    "verdict summary": (
        lambda claim, editor: rename(claim.verdict, summary="Only 123 states had joined."),
        {s: "Only 123 states had joined." for s in ("api", "claimreview", "feed")},
    ),
    "source title": (
        lambda claim, editor: rename(claim.appearances.get().source, title="Kostin on air"),
        {s: "Kostin on air" for s in ("api", "claimreview", "feed")},
    ),
    "outlet rename": (
        lambda claim, editor: rename(claim.appearances.get().source.outlet, name="Renamed News"),
        {s: "Renamed News" for s in ("api", "claimreview", "feed")},
    ),
    "evidence attached": (
        lambda claim, editor: evidence_attach(
            claim=claim,
            by=editor,
            stance="context",
            url="https://asp.icc-cpi.int/states-parties",
            title="ASP membership register",
        ),
        {"api": "ASP membership register"},
    ),
    "topic rename": (
        lambda claim, editor: rename(claim.topics.get(), name="ICC membership"),
        {"api": "ICC membership"},
    ),
    "another claim published": (
        lambda claim, editor: VerdictFactory(published=True, claim__text="Xi visited Moscow."),
        {"feed": "Xi visited Moscow.", "home": "Xi visited Moscow."},
    ),
}


def test_every_kind_of_edit_in_one_process_is_seen_by_the_next_request_to_the_other(
    other, claim, editor
):
    # One edit after the other on the same claim: each shows a text of its own.
    for edit, (change, expected) in EDITS.items():
        before = read_all(other, claim)
        again = read_all(other, claim)
        for name, text in expected.items():
            assert text not in before[name]["body"], (edit, name)
            assert again[name]["queries"] <= 2, f"{edit}: {name} should come from the cache"

        change(claim, editor)
        claim.refresh_from_db()

        after = read_all(other, claim)
        for name, text in expected.items():
            assert after[name]["status"] == 200, (edit, name)
            assert text in after[name]["body"], (edit, name)


def test_a_retraction_in_one_process_is_seen_by_the_next_request_to_the_other(other, claim, editor):
    before = read_all(other, claim)
    assert before["claimreview"]["status"] == before["oembed"]["status"] == 200

    claim_transition(claim=claim, name="retract", by=editor, comment="Withdrawn for review.")

    after = read_all(other, claim)
    assert "Withdrawn for review." in after["card"]["body"]
    assert after["card"]["headers"]["ETag"] != before["card"]["headers"]["ETag"]
    assert '"state":"retracted"' in after["api"]["body"]
    assert after["claimreview"]["status"] == 410
    assert after["oembed"]["status"] == 404
    assert claim.text in before["feed"]["body"]
    assert claim.text not in after["feed"]["body"]


def test_a_draft_read_by_staff_never_reaches_anonymous_readers_of_the_other(
    client, other, claim, editor
):
    claim_transition(claim=claim, name="retract", by=editor, comment="Withdrawn.")
    draft = VerdictFactory(claim__text="A draft nobody outside may see.").claim
    client.force_login(editor)
    assert client.get(f"/api/v1/claims/{draft.pk}/").status_code == 200
    for path in surfaces(draft).values():
        assert "A draft nobody outside may see." not in other.get(path)["body"]
    assert other.get(f"/api/v1/claims/{draft.pk}/")["status"] == 404
    assert other.get(f"/embed/claims/{draft.pk}/")["status"] == 404
