import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import ClaimState
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    CorrectionFactory,
    EvidenceFactory,
    VerdictFactory,
)


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    # The anonymous throttle counts requests in the cache.
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def client_for():
    """An API client that sends `user`'s token, as newsroom tools do."""

    def make(user):
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


def published_claim(**kwargs):
    """A published claim with everything the read shape nests."""
    claim = ClaimFactory(state=ClaimState.PUBLISHED, **kwargs)
    VerdictFactory(claim=claim, published_at="2023-03-19T10:00:00Z")
    AppearanceFactory(claim=claim, is_first=True)
    AppearanceFactory(claim=claim)
    EvidenceFactory(claim=claim)
    EvidenceFactory(claim=claim)
    CorrectionFactory(claim=claim)
    return claim


@pytest.fixture
def published(db):
    return published_claim()


@pytest.fixture
def draft(db):
    claim = ClaimFactory(state=ClaimState.DRAFT, text="A draft nobody outside may see.")
    VerdictFactory(claim=claim)
    AppearanceFactory(claim=claim, source__title="Draft-only source", source__outlet__name="Secret")
    EvidenceFactory(claim=claim)
    return claim
