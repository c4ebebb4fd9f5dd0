"""API throttles: anonymous clients by address, token and signed-in clients by user."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/hour", "user": "3/hour"})


def test_a_token_client_gets_429_with_retry_after_beyond_its_rate(rates, client_for, editor):
    api = client_for(editor)
    statuses = [api.get("/api/v1/ratings/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get("/api/v1/claims/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "Request was throttled" in refused.json()["detail"]


def test_each_user_has_a_count_of_their_own(rates, client_for, editor, researcher):
    editor_api, researcher_api = client_for(editor), client_for(researcher)
    assert [editor_api.get("/api/v1/ratings/").status_code for _ in range(4)][-1] == 429
    assert researcher_api.get("/api/v1/ratings/").status_code == 200


def test_token_clients_use_the_user_rate_not_the_anonymous_one(rates, api, client_for, editor):
    assert [api.get("/api/v1/ratings/").status_code for _ in range(3)] == [200, 200, 429]
    # The same address, with a token: counted as the user, at the user's rate.
    editor_api = client_for(editor)
    assert [editor_api.get("/api/v1/ratings/").status_code for _ in range(3)] == [200] * 3


def test_a_signed_in_session_is_throttled_as_its_user(rates, api, editor):
    api.force_login(editor)
    assert [api.get("/api/v1/ratings/").status_code for _ in range(4)] == [200, 200, 200, 429]
