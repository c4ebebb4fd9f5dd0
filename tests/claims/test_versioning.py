"""Every door that changes a claim moves its version on by exactly one
(claims.versioning): the version is the optimistic lock, the ETag and the
cache key, and a door that skipped it or bumped it twice would break one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, ClaimState
from claims.services import claim_assign
from claims.versioning import claim_lock
from claims.workflow import TRANSITIONS, claim_transition
from tests.admin_forms import form_data
from tests.factories import ClaimFactory, EvidenceFactory, RatingFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def admin_save(claim, user, client, **fields):
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    client.force_login(user)
    data = form_data(client.get(url).content.decode())
    response = client.post(url, data | fields)
    assert response.status_code == 302, response.content.decode()[:2000]


def api_write(method, path, user, body):
    response = getattr(token_client(user), method)(path, body, format="json")
    assert response.status_code in (200, 201), response.content


def transition(name, **kwargs):
    def take(claim, user, client):
        claim_transition(claim=claim, name=name, by=user, **kwargs)

    return take


# door: (state of the claim, who uses it, what they do)
DOORS = {
    "admin save": (
        ClaimState.RESEARCHING,
        "researcher",
        lambda claim, user, client: admin_save(claim, user, client, text="Edited in the admin"),
    ),
    "admin save of the verdict only": (
        ClaimState.RESEARCHING,
        "researcher",
        lambda claim, user, client: admin_save(
            claim, user, client, **{"verdict-0-summary": "A new summary."}
        ),
    ),
    "assignment": (
        ClaimState.RESEARCHING,
        "researcher",
        lambda claim, user, client: claim_assign(claim=claim, assignee=user, by=user),
    ),
    "evidence attach (API)": (
        ClaimState.RESEARCHING,
        "researcher",
        lambda claim, user, client: api_write(
            "post",
            f"/api/v1/claims/{claim.pk}/evidence/",
            user,
            {"url": "https://example.org/report", "title": "A report", "stance": "context"},
        ),
    ),
    "claim edit (API)": (
        ClaimState.RESEARCHING,
        "researcher",
        lambda claim, user, client: api_write(
            "patch",
            f"/api/v1/claims/{claim.pk}/",
            user,
            {"expected_version": claim.version, "text": "Edited through the API", "topics": []},
        ),
    ),
    "verdict edit (API PATCH)": (
        ClaimState.RESEARCHING,
        "researcher",
        lambda claim, user, client: api_write(
            "patch",
            f"/api/v1/claims/{claim.pk}/verdict/",
            user,
            {"expected_version": claim.version, "rating": "true", "authors": ["researcher"]},
        ),
    ),
    "verdict edit (API PUT)": (
        ClaimState.PUBLISHED,
        "editor",
        lambda claim, user, client: api_write(
            "put",
            f"/api/v1/claims/{claim.pk}/verdict/",
            user,
            {"expected_version": claim.version, "rating": "false", "summary": "Reworded."},
        ),
    ),
    "start_research": (ClaimState.DRAFT, "researcher", transition("start_research")),
    "submit": (ClaimState.RESEARCHING, "researcher", transition("submit")),
    "send_back": (ClaimState.IN_REVIEW, "editor", transition("send_back", comment="More.")),
    "sign_off": (ClaimState.IN_REVIEW, "editor", transition("sign_off")),
    "publish": (
        ClaimState.IN_REVIEW,
        "editor",
        transition("publish", confirm_unverified_quotes=True),
    ),
    "reject": (ClaimState.DRAFT, "editor", transition("reject", comment="An opinion.")),
    "retract": (ClaimState.PUBLISHED, "editor", transition("retract", comment="Withdrawn.")),
    "recheck": (
        ClaimState.PUBLISHED,
        "editor",
        transition("recheck", comment="Checked the register again."),
    ),
    "correct": (
        ClaimState.PUBLISHED,
        "editor",
        lambda claim, user, client: claim_transition(
            claim=claim,
            name="correct",
            by=user,
            comment="Recounted.",
            new_rating=RatingFactory(slug="half-true", value=3),
        ),
    ),
}


def test_every_transition_is_a_door_here():
    assert set(TRANSITIONS) <= set(DOORS)


@pytest.mark.parametrize("door", DOORS)
def test_every_door_moves_the_version_on_exactly_once(door, client, researcher, editor):
    state, who, use = DOORS[door]
    user = {"researcher": researcher, "editor": editor}[who]
    claim = ClaimFactory(state=state, version=4)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    use(claim, user, client)
    fresh = Claim.objects.get(pk=claim.pk)
    assert fresh.version == 5
    assert fresh.updated_by == user


def test_a_plain_save_leaves_the_version_alone(db):
    # Only claims.versioning moves it: a save elsewhere (a data fix, a
    # derived column) must not pass for an edit that clients must reload.
    claim = ClaimFactory(version=3)
    claim.save()
    claim.refresh_from_db()
    assert claim.version == 3


def test_a_lock_with_a_stale_version_is_refused(db, editor):
    claim = ClaimFactory(version=2, updated_by=editor)
    assert claim_lock(claim, expected_version=2).pk == claim.pk
    assert claim_lock(claim).pk == claim.pk
    with pytest.raises(ValidationError, match="changed by editor on .* Nothing was saved"):
        claim_lock(claim, expected_version=1)
