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
    # incr() and add() are each atomic in Redis and in the memory cache, so
    # concurrent requests cannot both read the same count. The first request of
    # a window adds the key; every other one is a single incr().
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1 if cache.add(key, 1, timeout=period) else cache.incr(key)
    return count <= limit
