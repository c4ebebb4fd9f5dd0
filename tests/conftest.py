import pytest

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
