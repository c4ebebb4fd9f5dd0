import hashlib

import pytest
from django.db.models import ProtectedError

from sources.models import LinkStatus, SourceSnapshot
from sources.signals import snapshot_taken
from sources.snapshots import take_snapshot
from tests.factories import SourceFactory
from tests.local_web import ARTICLE_HTML

pytestmark = pytest.mark.django_db


def refreshed(source):
    source.refresh_from_db()
    return source


def test_it_keeps_a_snapshot_of_a_working_page(web):
    source = SourceFactory(url=web.url("/article"))

    snapshot = take_snapshot(source)

    snapshot.refresh_from_db()
    assert snapshot.source == source
    assert snapshot.requested_url == snapshot.final_url == web.url("/article")
    assert snapshot.status_code == 200
    assert snapshot.error == ""
    assert snapshot.content_type == "text/html; charset=utf-8"
    assert snapshot.sha256 == hashlib.sha256(ARTICLE_HTML).hexdigest()
    assert bytes(snapshot.body) == ARTICLE_HTML
    assert snapshot.size == len(ARTICLE_HTML)
    assert snapshot.truncated is False
    assert snapshot.text.startswith("ICC issues arrest warrant for Vladimir Putin\n")
    assert "more than 16,000 forced deportations" in snapshot.text
    assert snapshot.is_success
    source = refreshed(source)
    assert source.link_status == LinkStatus.OK
    assert source.link_note == "200 OK"
    assert source.last_checked_at == snapshot.fetched_at
    assert source.content_changed_at is None


def test_it_notes_a_redirect(web):
    source = SourceFactory(url=web.url("/redirect/1"))

    snapshot = take_snapshot(source)

    assert snapshot.final_url == web.url("/article")
    assert snapshot.redirects == [
        {"url": web.url("/redirect/1"), "status": 301},
        {"url": web.url("/redirect/0"), "status": 301},
    ]
    source = refreshed(source)
    assert source.link_status == LinkStatus.REDIRECTED
    assert source.link_note == f"Redirected to {web.url('/article')}"


@pytest.mark.parametrize(
    "path, note", [("/404", "404 Not Found"), ("/500", "500 Internal Server Error")]
)
def test_it_marks_an_error_answer_broken_and_keeps_it(web, path, note):
    source = SourceFactory(url=web.url(path))

    snapshot = take_snapshot(source)

    assert snapshot.status_code == int(path[1:])
    assert snapshot.error == ""
    assert snapshot.text == ""  # an error page's words are not the source's
    assert not snapshot.is_success
    source = refreshed(source)
    assert source.link_status == LinkStatus.BROKEN
    assert source.link_note == note


def test_it_marks_a_timeout_unreachable_and_keeps_the_attempt(web, settings):
    settings.FACTCHECK_FETCH_TIMEOUT = 0.3
    web.slow_seconds = 1.5
    source = SourceFactory(url=web.url("/slow"))

    snapshot = take_snapshot(source)

    assert snapshot.pk is not None
    assert snapshot.status_code is None
    assert snapshot.error == "Timed out after 0.3 s."
    assert snapshot.sha256 == ""
    source = refreshed(source)
    assert source.link_status == LinkStatus.UNREACHABLE
    assert source.link_note == "Timed out after 0.3 s."
    assert source.last_checked_at == snapshot.fetched_at


def test_it_marks_a_refused_address_unreachable(web, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = []
    source = SourceFactory(url=web.url("/article"))

    take_snapshot(source)

    source = refreshed(source)
    assert source.link_status == LinkStatus.UNREACHABLE
    assert source.link_note == "Refused to fetch from the private or reserved address 127.0.0.1."
    assert web.requests == []


def test_it_keeps_no_more_of_a_body_than_the_snapshot_limit(web, settings):
    settings.FACTCHECK_FETCH_MAX_BYTES = 2_000_000
    settings.FACTCHECK_SNAPSHOT_MAX_BYTES = 1000
    source = SourceFactory(url=web.url("/huge"))

    snapshot = take_snapshot(source)

    snapshot.refresh_from_db()
    assert bytes(snapshot.body) == b"x" * 1000
    assert snapshot.size == 2_000_000
    assert snapshot.truncated is True
    # The hash is of every byte read, not only of those kept.
    assert snapshot.sha256 == hashlib.sha256(b"x" * 2_000_000).hexdigest()
    assert refreshed(source).link_note == "200 OK; only the first 2,000,000 bytes were read"


def test_it_keeps_binary_pages_without_text(web):
    source = SourceFactory(url=web.url("/pdf"))

    snapshot = take_snapshot(source)

    assert snapshot.is_success
    assert snapshot.text == ""
    assert bytes(snapshot.body).startswith(b"%PDF-1.4")
    assert refreshed(source).link_status == LinkStatus.OK


def test_it_decodes_a_non_utf8_page(web):
    source = SourceFactory(url=web.url("/latin1"))

    assert take_snapshot(source).text == "Le procureur a déclaré que la Cour pénale était prête."


def test_it_flags_a_page_whose_text_changed(web):
    source = SourceFactory(url=web.url("/article"))
    first = take_snapshot(source)
    web.pages["/article"] = (
        200,
        "text/html",
        ARTICLE_HTML.replace(b"more than 16,000", b"more than 19,000"),
    )

    second = take_snapshot(source)

    source = refreshed(source)
    assert source.content_changed_at == second.fetched_at
    assert first.sha256 != second.sha256
    assert SourceSnapshot.objects.filter(source=source).count() == 2


def test_it_does_not_flag_a_page_whose_article_is_the_same(web):
    # News pages change their menus, ads and tokens on every visit.
    source = SourceFactory(url=web.url("/article"))
    take_snapshot(source)
    web.pages["/article"] = (
        200,
        "text/html",
        ARTICLE_HTML.replace(b"\xc2\xa9 2023 Example News", b"\xc2\xa9 2024 Example News"),
    )

    second = take_snapshot(source)

    assert second.sha256 != hashlib.sha256(ARTICLE_HTML).hexdigest()
    assert refreshed(source).content_changed_at is None


def test_it_compares_pages_without_text_by_their_bytes(web):
    source = SourceFactory(url=web.url("/pdf"))
    take_snapshot(source)
    take_snapshot(source)
    assert refreshed(source).content_changed_at is None

    web.pages["/pdf"] = (200, "application/pdf", b"%PDF-1.7 another document")
    take_snapshot(source)

    assert refreshed(source).content_changed_at is not None


def test_it_compares_with_the_last_working_page_across_failures(web):
    source = SourceFactory(url=web.url("/article"))
    take_snapshot(source)
    web.pages["/article"] = (503, "text/html", b"<p>Down for maintenance</p>")
    take_snapshot(source)
    assert refreshed(source).link_status == LinkStatus.BROKEN

    web.pages["/article"] = (200, "text/html; charset=utf-8", ARTICLE_HTML)
    take_snapshot(source)

    source = refreshed(source)
    assert source.link_status == LinkStatus.OK
    assert source.link_note == "200 OK"
    assert source.content_changed_at is None
    statuses = list(source.snapshots.order_by("pk").values_list("status_code", flat=True))
    assert statuses == [200, 503, 200]


def test_it_announces_each_snapshot(web):
    source = SourceFactory(url=web.url("/article"))
    heard = []

    def receiver(sender, source, snapshot, **kwargs):
        heard.append((source.pk, snapshot.pk, refreshed(source).link_status))

    snapshot_taken.connect(receiver)
    try:
        snapshot = take_snapshot(source)
    finally:
        snapshot_taken.disconnect(receiver)

    # Sent once the source's link health is saved.
    assert heard == [(source.pk, snapshot.pk, LinkStatus.OK)]


def test_it_never_lets_a_snapshot_go_with_its_source(web):
    source = SourceFactory(url=web.url("/article"))
    take_snapshot(source)

    with pytest.raises(ProtectedError):
        source.delete()
    assert SourceSnapshot.objects.filter(source=source).count() == 1
