import os
import uuid

import pytest
import redis
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture
def researcher(db):
    return UserFactory(username="researcher", groups=["Researchers"])


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def second_editor(db):
    return UserFactory(username="editor2", groups=["Editors"])


@pytest.fixture
def outsider(db):
    """Has an account but no staff access and no group."""
    return UserFactory(username="outsider", is_staff=False)


@pytest.fixture
def as_user(client):
    """Logs the test client in as a user and hands it back."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def empty_cache():
    # Each test starts with no cached pages, tokens or rate-limit counts.
    cache.clear()


@pytest.fixture
def installation_rows():
    """Transactional tests flush the database after each test, taking the rows
    the data migrations made with them; this puts them back."""
    from django.contrib.auth.models import Group, Permission

    from claims.defaults import ensure_default_scale, ensure_groups, ensure_pages
    from claims.models import Page, Rating, RatingScale

    ensure_default_scale(RatingScale, Rating)
    ensure_groups(Group, Permission)
    ensure_pages(Page)


# A real Redis, as in production; each test keeps to keys of its own.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


@pytest.fixture
def redis_cache(settings):
    """Django's cache in Redis, under a key prefix of this test's own."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "factcheck.redis_cache.RedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield settings.CACHES
    server = redis.Redis.from_url(TEST_REDIS_URL)
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


# A web server on 127.0.0.1 for tests that fetch pages (tests/local_web.py).
from tests.local_web import web  # noqa: E402, F401
