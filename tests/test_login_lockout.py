"""Admin logins against password guessing (django-axes): a user name is locked
out at one address after AXES_FAILURE_LIMIT failed passwords in a row."""

import io

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from claims.models import ClaimState
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = 0.5


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = log_in(client, username, "wrong guess", address)
    return response


def test_a_correct_password_logs_in(client, editor):
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_failures_below_the_limit_only_show_the_form_again(client, editor):
    response = fail(client, "editor", 2)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_the_limit_of_failures_locks_out_even_the_right_password(client, editor):
    locked = fail(client, "editor", 3)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "locked after 3 failed attempts in a row" in page
    assert "Try again in 30 minutes, or ask an administrator to unlock it." in page
    assert locked["Retry-After"] == "1800"
    again = log_in(client, "editor", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_without_a_cool_off_only_an_administrator_unlocks(client, editor, settings):
    settings.AXES_COOLOFF_TIME = None
    locked = fail(client, "editor", 3)
    assert locked.status_code == 429
    assert "Ask an administrator to unlock it." in locked.content.decode()
    assert "Retry-After" not in locked


def test_the_lockout_is_of_the_user_at_that_address_only(client, editor, researcher):
    fail(client, "editor", 3)
    assert log_in(client, "editor", PASSWORD, address="198.51.100.2").status_code == 302
    client.logout()
    assert log_in(client, "researcher", PASSWORD).status_code == 302


def test_a_success_forgets_earlier_failures(client, editor):
    fail(client, "editor", 2)
    assert log_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, "editor", 2).status_code == 200


def test_axes_reset_unlocks(client, editor):
    fail(client, "editor", 3)
    assert AccessAttempt.objects.filter(username="editor").exists()
    call_command("axes_reset", stdout=io.StringIO())
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_an_administrator_unlocks_in_the_admin(client, editor):
    fail(client, "editor", 3)
    attempt = AccessAttempt.objects.get(username="editor")
    admin = UserFactory(username="root", is_superuser=True)
    admin_client = type(client)()
    admin_client.force_login(admin)
    listing = admin_client.get("/admin/axes/accessattempt/")
    assert "203.0.113.7" in listing.content.decode()
    deleted = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_the_api_accepts_the_session_of_a_login_through_the_form(client, editor):
    draft = ClaimFactory(state=ClaimState.DRAFT)
    assert client.get(f"/api/v1/claims/{draft.pk}/").status_code == 404
    assert log_in(client, "editor", PASSWORD).status_code == 302
    assert client.get(f"/api/v1/claims/{draft.pk}/").status_code == 200
