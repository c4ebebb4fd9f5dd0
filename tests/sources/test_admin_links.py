import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.utils import timezone

from sources.models import LinkStatus, SourceSnapshot
from sources.snapshots import take_snapshot
from tests.factories import SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/sources/source/"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_source_list_shows_link_health_and_filters_the_problems(client, researcher):
    ok = SourceFactory(title="Working page", link_status=LinkStatus.OK)
    unchecked = SourceFactory(title="New page")
    broken = SourceFactory(
        title="Gone page", link_status=LinkStatus.BROKEN, link_note="404 Not Found"
    )
    unreachable = SourceFactory(
        title="Far page", link_status=LinkStatus.UNREACHABLE, link_note="Timed out after 10 s."
    )
    changed = SourceFactory(
        title="Edited page", link_status=LinkStatus.OK, content_changed_at=timezone.now()
    )
    client.force_login(researcher)

    page = client.get(CHANGELIST)
    html = page.content.decode()
    assert "<strong>Broken</strong><br><small>404 Not Found</small>" in html
    assert "<strong>Could not be reached</strong><br><small>Timed out after 10 s.</small>" in html
    assert "<strong>Working</strong> · page changed" in html

    def listed(**params):
        response = client.get(CHANGELIST, params)
        return {source.pk for source in response.context["cl"].result_list}

    assert listed(link_problem="any") == {broken.pk, unreachable.pk, changed.pk}
    assert listed(link_problem="changed") == {changed.pk}
    assert listed(link_problem="unchecked") == {unchecked.pk}
    assert listed(link_status="broken") == {broken.pk}
    assert ok.pk in listed()


def test_the_source_form_lists_snapshots_and_offers_a_check(client, researcher, web):
    source = SourceFactory(url=web.url("/article"))
    snapshot = take_snapshot(source)
    client.force_login(researcher)

    html = client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()

    assert f'formaction="/admin/sources/source/{source.pk}/check-link/"' in html
    assert "Check link now" in html
    assert f"<code>{snapshot.sha256[:16]}</code>" in html
    assert f'href="/sources/{source.pk}/snapshot/{snapshot.pk}/">view</a>' in html
    assert "200 OK" in html


def test_a_source_never_fetched_offers_the_check(client, researcher, web):
    source = SourceFactory(url=web.url("/article"))
    notes = SourceFactory(url="")
    client.force_login(researcher)

    html = client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()
    assert '<button type="submit" class="button" formaction=' in html
    assert "None yet: a snapshot is taken when the source is cited" in html

    html = client.get(f"/admin/sources/source/{notes.pk}/change/").content.decode()
    assert "Check link now</button>" not in html


def test_check_link_now_takes_a_snapshot_and_says_what_it_found(client, researcher, web):
    source = SourceFactory(title="ICC statement", url=web.url("/article"))
    client.force_login(researcher)

    response = client.post(f"/admin/sources/source/{source.pk}/check-link/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/sources/source/{source.pk}/change/"
    assert messages_of(response) == ["“ICC statement”: Working (200 OK)."]
    assert source.snapshots.count() == 1


def test_check_link_now_warns_of_a_broken_link(client, researcher, web):
    source = SourceFactory(title="Old page", url=web.url("/404"))
    client.force_login(researcher)

    response = client.post(f"/admin/sources/source/{source.pk}/check-link/", follow=True)

    assert "“Old page”: Broken (404 Not Found)." in response.content.decode()
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]
    source.refresh_from_db()
    assert source.link_status == LinkStatus.BROKEN


def test_check_link_now_explains_a_source_without_url(client, researcher):
    source = SourceFactory(title="Interview notes", url="")
    client.force_login(researcher)

    response = client.post(f"/admin/sources/source/{source.pk}/check-link/")

    assert messages_of(response) == ["“Interview notes” has no URL to check."]
    assert not SourceSnapshot.objects.exists()


def test_check_link_now_needs_a_post_and_the_change_permission(client, web):
    source = SourceFactory(url=web.url("/article"))
    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(viewer)

    assert client.get(f"/admin/sources/source/{source.pk}/check-link/").status_code == 405
    response = client.post(f"/admin/sources/source/{source.pk}/check-link/")

    assert messages_of(response) == ["You may not check this source's link."]
    assert web.requests == []


def test_the_check_link_action_checks_the_chosen_sources(client, researcher, web):
    good = SourceFactory(title="Good", url=web.url("/article"))
    bad = SourceFactory(title="Bad", url=web.url("/500"))
    SourceFactory(title="Notes", url="")
    client.force_login(researcher)

    response = client.post(
        CHANGELIST,
        {"action": "check_link_now", "_selected_action": [good.pk, bad.pk]},
    )

    assert sorted(messages_of(response)) == [
        "“Bad”: Broken (500 Internal Server Error).",
        "“Good”: Working (200 OK).",
    ]


def test_the_check_link_action_refuses_too_many(client, researcher, web):
    many = [SourceFactory(url=web.url(f"/article?{n}")) for n in range(11)]
    client.force_login(researcher)

    response = client.post(
        CHANGELIST, {"action": "check_link_now", "_selected_action": [s.pk for s in many]}
    )

    assert messages_of(response) == [
        "Choose at most 10 sources to check at once; `manage.py check_links` checks them all."
    ]
    assert web.requests == []


def test_the_check_link_action_needs_a_url(client, researcher):
    notes = SourceFactory(url="")
    client.force_login(researcher)

    response = client.post(CHANGELIST, {"action": "check_link_now", "_selected_action": [notes.pk]})

    assert messages_of(response) == ["None of the chosen sources has a URL to check."]


def test_snapshots_cannot_be_deleted_from_the_admin(client, editor, web):
    source = SourceFactory(url=web.url("/article"))
    take_snapshot(source)
    client.force_login(UserFactory(username="root", is_superuser=True))

    assert SourceSnapshot not in admin.site._registry
    # Deleting the source would take its snapshots: refused.
    page = client.post(f"/admin/sources/source/{source.pk}/delete/", {"post": "yes"})
    assert "would require deleting the following protected related objects" in (
        page.content.decode()
    )
    assert SourceSnapshot.objects.filter(source=source).count() == 1
    assert not editor.has_perm("sources.delete_sourcesnapshot")
