"""Per-client rate limits kept in the Django cache, so that with REDIS_URL set
every web process counts against the same limit."""

import time

from django.core.cache import cache


def client_key(request) -> str:
    # REMOTE_ADDR is the peer the server saw; behind a proxy the server must
    # be configured to put the reader's address there.
    return request.META.get("REMOTE_ADDR") or "unknown"


def allow(scope: str, client: str, *, limit: int, period: int) -> bool:
    """Count one attempt by `client`; False once it made more than `limit` in this period."""
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{client}:{window}"
    # add() then incr() are each atomic in Redis and in the memory cache, so
    # concurrent requests cannot both read the same count.
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=period)
        count = 1
    return count <= limit
