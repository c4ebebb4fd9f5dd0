import time
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

from claims import ratelimit

REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:6379/15",
    "KEY_PREFIX": "factcheck-tests",
}


def test_allow_counts_attempts_per_client_and_scope():
    client = uuid.uuid4().hex
    assert [ratelimit.allow("t", client, limit=2, period=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert ratelimit.allow("t", "someone-else-" + client, limit=2, period=60)
    assert ratelimit.allow("other-scope", client, limit=2, period=60)


def test_a_new_period_starts_a_new_count(monkeypatch):
    client = uuid.uuid4().hex
    now = 1_700_000_000.0
    monkeypatch.setattr(time, "time", lambda: now)
    assert ratelimit.allow("t", client, limit=1, period=60)
    assert not ratelimit.allow("t", client, limit=1, period=60)
    now += 60
    assert ratelimit.allow("t", client, limit=1, period=60)


@override_settings(CACHES={"default": REDIS})
def test_web_processes_sharing_redis_share_the_count(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    # Two cache connections stand for two web processes behind one Redis.
    other_process = RedisCache(REDIS["LOCATION"], {"KEY_PREFIX": REDIS["KEY_PREFIX"]})
    client = uuid.uuid4().hex
    key = f"ratelimit:t:{client}:{1_700_000_000 // 60}"
    assert ratelimit.allow("t", client, limit=2, period=60)
    assert other_process.get(key) == 1
    other_process.incr(key)
    assert not ratelimit.allow("t", client, limit=2, period=60)
    other_process.delete(key)


@pytest.mark.parametrize(
    "meta, key", [({"REMOTE_ADDR": "198.51.100.7"}, "198.51.100.7"), ({}, "unknown")]
)
def test_clients_are_told_apart_by_address(rf, meta, key):
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)
    assert ratelimit.client_key(request) == key
