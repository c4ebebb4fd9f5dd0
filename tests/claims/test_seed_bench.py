import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import Appearance, Claim, ClaimState, Evidence, Speaker, Topic, Verdict
from sources.models import Outlet, Source
from tests.schemaorg import problems

pytestmark = pytest.mark.django_db

CLAIMS = 400


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_bench", *args, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    """Every generated claim with what hangs on it, by value rather than by id."""
    claims = Claim.objects.order_by("pk").select_related("speaker", "verdict__rating")
    rows = []
    for claim in claims.prefetch_related("topics", "appearances__source", "evidence__source"):
        verdict = getattr(claim, "verdict", None)
        rows.append(
            (
                claim.text,
                claim.state,
                claim.said_on,
                claim.language,
                claim.speaker.slug if claim.speaker else None,
                claim.checkworthiness,
                claim.version,
                sorted(t.name for t in claim.topics.all()),
                [(a.source.url, a.is_first, a.appeared_on) for a in claim.appearances.all()],
                [(e.source.url, e.stance, e.quote) for e in claim.evidence.all()],
                verdict and (verdict.rating and verdict.rating.slug, verdict.headline),
                verdict and (verdict.summary, verdict.explanation, verdict.published_at),
            )
        )
    return rows


def delete_generated():
    Claim.objects.all().delete()
    Source.objects.all().delete()
    Speaker.objects.all().delete()
    Outlet.objects.all().delete()


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    seed("--claims", "60", "--seed", "7")
    first = snapshot()
    delete_generated()
    seed("--claims", "60", "--seed", "7")
    assert snapshot() == first
    delete_generated()
    seed("--claims", "60", "--seed", "8")
    other = snapshot()
    assert len(other) == 60
    assert other != first
    assert {row[0] for row in other}.isdisjoint({row[0] for row in first})


def test_it_seeds_every_state_with_rows_that_pass_model_validation():
    output = seed("--claims", str(CLAIMS), "--seed", "3")
    assert f"Seeded {CLAIMS} claims (seed 3)" in output
    assert Claim.objects.count() == CLAIMS

    states = Counter(Claim.objects.values_list("state", flat=True))
    assert set(states) == set(ClaimState.values)
    assert states[ClaimState.PUBLISHED] > CLAIMS * 0.7
    # full_clean() runs the field validators and every constraint of Meta.
    for model in (Outlet, Speaker, Source, Claim, Appearance, Verdict, Evidence):
        for obj in model.objects.all():
            obj.full_clean()


def test_every_claim_has_one_first_appearance_and_public_ones_meet_the_publishing_rules():
    seed("--claims", str(CLAIMS), "--seed", "3")
    firsts = Counter(Appearance.objects.filter(is_first=True).values_list("claim", flat=True))
    assert len(firsts) == CLAIMS and set(firsts.values()) == {1}
    assert Source.objects.exclude(url="").values("url").distinct().count() == Source.objects.count()

    ready = Claim.objects.filter(
        state__in=[ClaimState.IN_REVIEW, ClaimState.PUBLISHED, ClaimState.RETRACTED]
    )
    for claim in ready.select_related("verdict__rating__scale"):
        verdict = claim.verdict
        assert verdict.rating.scale.is_default
        assert verdict.summary and verdict.headline
        assert claim.evidence.exists()
        assert (verdict.published_at is None) == (claim.state == ClaimState.IN_REVIEW)
    assert not Verdict.objects.filter(
        claim__state__in=[ClaimState.DRAFT, ClaimState.REJECTED]
    ).exists()
    retracted = Claim.objects.filter(state=ClaimState.RETRACTED)
    assert all(claim.retraction_note for claim in retracted)
    assert Topic.objects.filter(claims__isnull=False).exists()


def test_published_claims_are_seen_through_the_public_pages_and_api_and_others_are_not(client):
    seed("--claims", "120", "--seed", "4")
    published = Claim.objects.published().first()
    draft = Claim.objects.filter(state=ClaimState.DRAFT).first()

    page = client.get(published.get_absolute_url())
    assert page.status_code == 200
    assert published.verdict.summary in page.content.decode()
    assert client.get(f"/embed/claims/{published.pk}/").status_code == 200
    assert client.get(f"/api/v1/claims/{published.pk}/").json()["text"] == published.text
    assert client.get("/api/v1/claims/").json()["count"] == Claim.objects.public().count()
    assert client.get(reverse("claims:home")).status_code == 200

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/claims/{draft.pk}/").status_code == 404


@pytest.mark.parametrize(
    "args, message",
    [
        (["--claims", "0"], "argument --claims: must be at least 1, not 0"),
        (["--claims", "-5"], "argument --claims: must be at least 1, not -5"),
        (["--claims", "many"], "argument --claims: 'many' is not a whole number"),
        (["--claims", "5", "--seed", "-1"], "argument --seed: must be 0 or more, not -1"),
        (["--claimreview-out", "x.json", "--records", "0"], "argument --records: must be at"),
        ([], "Nothing to do: give --claims N"),
        (["--claims", "5", "--records", "10"], "--records needs --claimreview-out PATH."),
    ],
)
def test_bad_options_are_refused_with_a_readable_message(args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        seed(*args)
    assert not Claim.objects.exists()


def test_a_bad_option_on_the_command_line_exits_non_zero_with_one_readable_line():
    run = subprocess.run(
        [sys.executable, "manage.py", "seed_bench", "--claims", "-5"],
        cwd=settings.BASE_DIR,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert run.stderr.splitlines()[-1] == (
        "manage.py seed_bench: error: argument --claims: must be at least 1, not -5"
    )


def test_it_refuses_a_database_holding_claims_unless_forced_and_never_deletes():
    seed("--claims", "30", "--seed", "5")
    before = snapshot()
    with pytest.raises(CommandError, match="already holds 30 claims.*--force"):
        seed("--claims", "30", "--seed", "5")
    assert snapshot() == before

    seed("--claims", "30", "--seed", "5", "--force")
    assert Claim.objects.count() == 60
    assert snapshot()[:30] == before
    # The same seed again: its URLs, slugs and names are made unique, not duplicated.
    assert Source.objects.values("url").distinct().count() == Source.objects.count()
    assert Speaker.objects.values("slug").distinct().count() == Speaker.objects.count()
    assert get_user_model().objects.filter(username__startswith="bench-").count() == 7


def test_the_claimreview_feed_is_deterministic_and_schema_org(tmp_path):
    paths = [tmp_path / name for name in ("a.json", "b.json", "c.json")]
    for path, seed_value in zip(paths, ["2", "2", "3"], strict=True):
        seed("--claimreview-out", str(path), "--records", "25", "--seed", seed_value)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()

    feed = json.loads(paths[0].read_text())
    assert feed["@type"] == "DataFeed"
    assert len(feed["dataFeedElement"]) == 25
    assert problems(feed) == []
    urls = [element["item"][0]["url"] for element in feed["dataFeedElement"]]
    assert len(set(urls)) == 25
    assert not Claim.objects.exists()  # writing a feed touches no table


def import_feed(path: Path) -> str:
    out = io.StringIO()
    call_command("import_claimreview", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_generated_feed_imports_into_an_empty_database(tmp_path):
    path = tmp_path / "feed.json"
    seed("--claimreview-out", str(path), "--records", "40", "--seed", "2")

    assert import_feed(path).splitlines()[-1] == "40 imported, 0 already here, 0 skipped."
    assert Claim.objects.published().count() == 40
    assert Verdict.objects.exclude(review_url="").count() == 40
    assert import_feed(path).splitlines()[-1] == "0 imported, 40 already here, 0 skipped."


def test_the_generated_feed_collides_with_no_seeded_claim(tmp_path):
    path = tmp_path / "feed.json"
    seed("--claims", "50", "--seed", "2", "--claimreview-out", str(path), "--records", "20")
    assert Claim.objects.count() == 50

    assert import_feed(path).splitlines()[-1] == "20 imported, 0 already here, 0 skipped."
    assert Claim.objects.count() == 70


def test_an_unwritable_feed_path_is_refused(tmp_path):
    missing = tmp_path / "no-such-folder" / "feed.json"
    with pytest.raises(CommandError, match=f"Cannot write {missing}"):
        seed("--claimreview-out", str(missing), "--records", "5")
