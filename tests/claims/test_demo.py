import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from claims.models import (
    Appearance,
    Claim,
    ClaimState,
    Correction,
    Evidence,
    Speaker,
    Verdict,
    WorkflowEvent,
)
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


def test_every_claim_history_ends_in_its_state(demo):
    for claim in Claim.objects.exclude(state=ClaimState.DRAFT):
        last = claim.events.last()
        assert last.to_state == claim.state, claim
    publishers = WorkflowEvent.objects.filter(to_state=ClaimState.PUBLISHED)
    submitters = WorkflowEvent.objects.filter(to_state=ClaimState.IN_REVIEW)
    assert set(publishers.values_list("actor", flat=True)).isdisjoint(
        submitters.values_list("actor", flat=True)
    )


def test_the_correction_records_the_rating_before_and_after(demo):
    correction = Correction.objects.get()
    assert correction.rating_before.slug == "false"
    assert correction.rating_after.slug == "mostly-false"
    assert correction.claim.verdict.rating == correction.rating_after


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
    from django.core.management.base import CommandError

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
