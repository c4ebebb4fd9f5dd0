"""factcheck.redis_cache against a real Redis: one client per pool, and an
incr() that is one atomic step keeping the key's expiry."""

import pytest
import redis
from django.core.cache import cache, caches
from rest_framework.test import APIClient

from claims import ratelimit
from tests.conftest import TEST_REDIS_URL


@pytest.fixture(autouse=True)
def in_redis(redis_cache):
    return redis_cache


def ttl(key: str) -> int:
    return redis.Redis.from_url(TEST_REDIS_URL).ttl(cache.make_key(key))


def test_incr_adds_to_an_existing_count_and_keeps_its_expiry():
    cache.set("count", 5, timeout=300)
    assert cache.incr("count") == 6
    assert cache.incr("count", 10) == 16
    assert cache.get("count") == 16
    assert 0 < ttl("count") <= 300


def test_incr_of_a_missing_key_fails_and_creates_nothing():
    with pytest.raises(ValueError, match="not found"):
        cache.incr("missing")
    assert cache.get("missing") is None
    assert ttl("missing") == -2  # no such key


def test_every_operation_reuses_the_same_client():
    backend = caches["default"]._cache
    assert backend.get_client() is backend.get_client()
    assert backend.get_client(write=True) is backend.get_client()


def test_rate_limits_count_in_redis():
    assert [ratelimit.allow("test", "203.0.113.9", limit=2, period=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert ratelimit.allow("test", "203.0.113.10", limit=2, period=60)


@pytest.mark.django_db
def test_anonymous_api_clients_are_throttled_through_redis(settings, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/hour"})
    api = APIClient()
    assert [api.get("/api/v1/ratings/").status_code for _ in range(3)] == [200, 200, 429]
    assert 0 < int(api.get("/api/v1/ratings/")["Retry-After"]) <= 3600
