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
