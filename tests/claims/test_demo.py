import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q

from claims.demo import data
from claims.demo.loader import HISTORIES, STAMPED
from claims.models import (
    Appearance,
    Claim,
    ClaimState,
    Correction,
    Evidence,
    QuoteCheck,
    Speaker,
    Verdict,
    WorkflowEvent,
)
from claims.quotes import normalise, occurs
from claims.workflow import TRANSITIONS, has_role, submitter_ids
from sources.models import Outlet, Source

pytestmark = pytest.mark.django_db

MODELS = [Outlet, Source, Speaker, Claim, Appearance, Verdict, Evidence, Correction, WorkflowEvent]


def snapshot():
    """Every demo row, as values, so a second load can be compared field by field."""
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in MODELS}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_newsroom_has_what_the_issue_asks_for(demo):
    assert Speaker.objects.count() >= 10
    assert Outlet.objects.count() >= 8
    dated_links = Source.objects.exclude(url="").exclude(published_on=None)
    assert dated_links.count() >= 15
    assert Source.objects.exclude(url="").count() >= 15
    assert Claim.objects.count() >= 20
    assert set(Claim.objects.values_list("state", flat=True)) == set(ClaimState.values)
    assert not Claim.objects.annotate(n=Count("appearances")).filter(n=0).exists()
    published = Verdict.objects.filter(claim__state=ClaimState.PUBLISHED)
    assert published.count() >= 12
    assert not published.filter(explanation="").exists()
    assert Evidence.objects.filter(claim__state=ClaimState.PUBLISHED).count() >= 20
    assert Correction.objects.count() >= 1
    assert Claim.objects.filter(state=ClaimState.RETRACTED).exclude(retraction_note="").exists()


def test_every_public_verdict_could_pass_the_publishing_rules(demo):
    for claim in Claim.objects.public().select_related("verdict"):
        assert claim.verdict.rating_id and claim.verdict.summary, claim
        assert claim.verdict.published_at, claim
        assert claim.evidence.exists(), claim
        assert claim.appearances.filter(is_first=True).count() == 1, claim


def test_the_correction_records_the_rating_before_and_after(demo):
    correction = Correction.objects.get(kind=Correction.Kind.CORRECTION)
    assert correction.rating_before.slug == "false"
    assert correction.rating_after.slug == "mostly-false"
    claim = correction.claim
    assert claim.verdict.rating == correction.rating_after
    # The verdict's history shows the rating it was published with, then the corrected one.
    ratings = claim.verdict.history.order_by("history_date", "history_id")
    assert [h.rating.slug for h in ratings][0] == "false"
    assert ratings.last().rating.slug == "mostly-false"
    published = claim.events.get(to_state=ClaimState.PUBLISHED, from_state=ClaimState.IN_REVIEW)
    assert published.created_at < correction.created_at == ratings.last().history_date


# --- Verdicts that know their date --------------------------------------------------


def test_the_states_parties_verdict_is_due_for_its_re_check(demo):
    claim = Claim.objects.get(text__startswith="Most countries on Earth – 123")
    assert claim.verdict.as_of == dt.date(2023, 3, 20)
    assert claim.verdict.recheck_on == dt.date(2024, 3, 20)
    assert list(Claim.objects.due_for_recheck(today=dt.date(2024, 3, 20))) == [claim]
    assert not Claim.objects.due_for_recheck(today=dt.date(2024, 3, 19)).exists()


def test_the_ukraine_verdict_was_re_checked_then_updated_when_ukraine_joined(demo):
    claim = Claim.objects.get(text__startswith="Like the United States, Ukraine is not a party")
    recheck, update = claim.events.filter(from_state=ClaimState.PUBLISHED).order_by("created_at")
    assert recheck.created_at.date() == dt.date(2024, 3, 20)
    assert recheck.comment.startswith(
        "Still accurate as of 2024-03-20. Next re-check on 2024-12-31."
    )
    correction = claim.corrections.get()
    assert correction.kind == Correction.Kind.UPDATE
    assert (correction.rating_before.slug, correction.rating_after.slug) == ("true", "false")
    assert correction.created_at == update.created_at
    assert update.created_at.date() > dt.date(2025, 1, 1)  # Ukraine joined on 1 January 2025
    verdict = claim.verdict
    assert verdict.rating.slug == "false" and verdict.as_of == dt.date(2025, 1, 2)
    # The update served the re-check that was due; nothing is pending.
    assert verdict.rechecked_on is None and verdict.recheck_on is None
    history = verdict.history.order_by("history_date", "history_id")
    assert [(h.as_of, h.recheck_on, h.rechecked_on) for h in history][-3:] == [
        (dt.date(2024, 3, 20), dt.date(2024, 12, 31), dt.date(2024, 3, 20)),
        (dt.date(2025, 1, 2), None, None),
        (dt.date(2025, 1, 2), None, None),
    ]


def test_every_public_verdict_is_judged_as_of_its_last_publication_or_update(demo):
    dating = Q(from_state=ClaimState.IN_REVIEW) | Q(comment__startswith="Still accurate")
    dating |= Q(comment__startswith="Update:")
    for claim in Claim.objects.public().select_related("verdict"):
        verdict = claim.verdict
        moves = claim.events.filter(Q(to_state=ClaimState.PUBLISHED) & dating)
        rated = claim.corrections.exclude(rating_after=F("rating_before"))
        last = max(
            [
                *moves.values_list("created_at", flat=True),
                *rated.values_list("created_at", flat=True),
            ]
        )
        assert verdict.as_of == last.date(), claim
        verdict.clean()  # a re-check date comes after the date judged as of


def test_loading_the_demo_twice_changes_nothing(demo):
    before = snapshot()
    users = get_user_model().objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == before
    assert get_user_model().objects.count() == users


def test_a_second_load_says_nothing_changed(demo, capsys):
    call_command("load_demo")
    assert "already loaded; nothing changed" in capsys.readouterr().out


def test_demo_users_cannot_log_in_with_a_password(demo):
    for user in get_user_model().objects.all():
        assert not user.has_usable_password()


def test_demo_logins_refuses_in_production(demo):

    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("demo_logins")


def test_demo_logins_prints_fresh_random_passwords(demo, settings, capsys):
    settings.DEBUG = True
    call_command("demo_logins")
    first = capsys.readouterr().out
    call_command("demo_logins")
    second = capsys.readouterr().out
    admin = get_user_model().objects.get(username="demo-admin")
    assert admin.is_superuser
    password = second.split("demo-admin")[1].split()[1]
    assert admin.check_password(password)
    assert first != second


# --- The demo holds only what the rules allow ----------------------------------------


def test_every_workflow_history_is_a_path_the_rules_allow(demo):
    for claim in Claim.objects.all():
        state = ClaimState.DRAFT
        last = None
        for event in claim.events.order_by("created_at", "pk"):
            allowed = [
                t
                for t in TRANSITIONS.values()
                if event.from_state in t.sources and t.target == event.to_state
            ]
            assert event.from_state == state, (claim, event)
            assert any(has_role(event.actor, t.role) for t in allowed), (claim, event)
            assert last is None or event.created_at >= last, (claim, event)
            state, last = event.to_state, event.created_at
        assert state == claim.state, claim


@pytest.mark.parametrize("quorum", [1, 2])
def test_every_published_verdict_had_its_sign_offs_evidence_and_summary(settings, quorum):
    settings.FACTCHECK_SIGNOFF_QUORUM = quorum
    call_command("load_demo", stdout=io.StringIO())
    public = Claim.objects.filter(state__in=[ClaimState.PUBLISHED, ClaimState.RETRACTED])
    assert public.count() == 13
    for claim in public.select_related("verdict"):
        published = claim.events.get(to_state=ClaimState.PUBLISHED, from_state=ClaimState.IN_REVIEW)
        endorsed = claim.sign_offs.filter(voided_at=None, created_at__lte=published.created_at)
        editors = set(endorsed.values_list("editor", flat=True))
        assert editors.isdisjoint(submitter_ids(claim)), claim
        assert len(editors) >= max(2, quorum), claim  # one signs off, another publishes
        assert claim.verdict.summary and claim.evidence.exists(), claim
        assert claim.verdict.published_at == published.created_at, claim
        assert claim.verdict_published_at == published.created_at, claim


def test_every_step_is_dated_to_the_story_not_to_the_load(demo):
    story_ends = dt.datetime(2025, 12, 31, tzinfo=dt.UTC)
    for model, name in STAMPED:
        assert not model.objects.filter(**{f"{name}__gt": story_ends}).exists(), (model, name)
    for model in HISTORIES:
        rows = model.history.model.objects
        assert not rows.filter(history_date__gt=story_ends).exists(), model
        assert not rows.filter(history_user=None).exists(), model


def test_a_quorum_the_demo_desk_cannot_meet_is_refused_and_nothing_is_loaded(settings):
    settings.FACTCHECK_SIGNOFF_QUORUM = 3
    with pytest.raises(CommandError, match="FACTCHECK_SIGNOFF_QUORUM=3"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Claim.objects.exists() and not Source.objects.exists()


# --- Every quote is verbatim ------------------------------------------------------------

LABELS = Path(__file__).resolve().parents[1] / "fixtures" / "extraction" / "labels.json"


def test_every_quote_is_found_in_its_sources_text(demo):
    quoted = [*Appearance.objects.exclude(quote=""), *Evidence.objects.exclude(quote="")]
    assert len(quoted) >= 25
    for row in quoted:
        assert row.quote_check == QuoteCheck.FOUND, row.quote
        assert occurs(row.quote, normalise(row.source.text)), row.quote


def test_the_news_excerpts_are_the_corpus_articles_words():
    # The labelled sentences of the example corpus, article by article; a sentence
    # that appears again is labelled at its first appearance only (their README).
    articles = {}
    for item in json.loads(LABELS.read_text()):
        articles.setdefault(item["article"], []).append(normalise(item["sentence"]))
    excerpts = [s for s in data.SOURCES.values() if "corpus_article" in s]
    assert len(excerpts) >= 10
    for source in excerpts:
        n = source["corpus_article"]
        article = " ".join(articles[n])
        earlier = " ".join(" ".join(sentences) for k, sentences in articles.items() if k < n)
        for excerpt in source["excerpts"]:
            words = normalise(excerpt)
            assert words in article or words in earlier, excerpt


def test_only_the_corpus_reports_with_an_outlet_in_their_text_name_one():
    for source in data.SOURCES.values():
        if "corpus_article" in source and source["outlet"] is None:
            assert source["title"].endswith("(outlet not known)"), source["title"]
