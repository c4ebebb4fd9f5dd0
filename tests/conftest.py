import pytest
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


@pytest.fixture(autouse=True)
def empty_cache():
    # Each test starts with no cached pages, tokens or rate-limit counts.
    cache.clear()
