import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from sources.models import SourceSnapshot
from sources.snapshots import take_snapshot
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    VerdictFactory,
)
from tests.local_web import ARTICLE_HTML

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("owned")</script> <img src=x onerror="alert(1)"> & “quotes”'


def snapshot_of(source, *, text="The ICC has 123 member states.", status=200, ago=0, **fields):
    body = fields.pop("body", b"<html><body><p>The ICC has 123 member states.</p></body></html>")
    return SourceSnapshot.objects.create(
        source=source,
        fetched_at=timezone.now() - timedelta(hours=ago),
        requested_url=source.url,
        final_url=source.url,
        status_code=status,
        content_type="text/html; charset=utf-8",
        sha256=hashlib.sha256(body).hexdigest(),
        size=len(body),
        body=body,
        text=text,
        **fields,
    )


def published_source(**kwargs):
    verdict = VerdictFactory(published=True)
    source = SourceFactory(**kwargs)
    EvidenceFactory(claim=verdict.claim, source=source)
    return source


def draft_source():
    source = SourceFactory()
    EvidenceFactory(claim=ClaimFactory(), source=source)
    return source


def test_readers_see_the_snapshot_of_a_published_claims_evidence(client, web):
    source = published_source(url=web.url("/article"))
    snapshot = take_snapshot(source)

    response = client.get(f"/sources/{source.pk}/snapshot/")

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert "<p>ICC issues arrest warrant for Vladimir Putin</p>" in html
    assert "more than 16,000 forced deportations of Ukrainian children" in html
    assert snapshot.sha256 in html
    assert f'href="{web.url("/article")}"' in html
    assert f'href="/sources/{source.pk}/snapshot/{snapshot.pk}/body"' in html
    assert "Cookies" not in html  # the page's footer was not kept as its text


def test_readers_see_where_a_published_claim_appeared(client):
    source = SourceFactory()
    AppearanceFactory(claim=VerdictFactory(published=True).claim, source=source)
    snapshot_of(source)

    assert client.get(f"/sources/{source.pk}/snapshot/").status_code == 200


def test_readers_see_the_sources_of_a_retracted_claim(client):
    source = SourceFactory()
    claim = VerdictFactory(published=True).claim
    claim.state = "retracted"
    claim.save()
    EvidenceFactory(claim=claim, source=source)
    snapshot = snapshot_of(source)

    assert client.get(f"/sources/{source.pk}/snapshot/{snapshot.pk}/").status_code == 200


def test_drafts_sources_stay_hidden_from_readers(client, researcher):
    source = draft_source()
    snapshot = snapshot_of(source)
    unused = SourceFactory()
    unused_snapshot = snapshot_of(unused)
    urls = [
        f"/sources/{source.pk}/snapshot/",
        f"/sources/{source.pk}/snapshot/{snapshot.pk}/",
        f"/sources/{source.pk}/snapshot/{snapshot.pk}/body",
        f"/sources/{unused.pk}/snapshot/",
        f"/sources/{unused.pk}/snapshot/{unused_snapshot.pk}/body",
    ]

    for url in urls:
        assert client.get(url).status_code == 404, url

    client.force_login(researcher)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_snapshot_is_reached_only_through_its_own_source(client):
    source = published_source()
    other = published_source()
    snapshot = snapshot_of(other)

    assert client.get(f"/sources/{source.pk}/snapshot/{snapshot.pk}/").status_code == 404
    assert client.get(f"/sources/{source.pk}/snapshot/{snapshot.pk}/body").status_code == 404


def test_readers_see_failed_fetches_only_as_staff(client, researcher):
    source = published_source()
    working = snapshot_of(source, ago=2)
    failed = snapshot_of(source, status=None, text="", body=b"", error="Timed out after 10 s.")
    broken = snapshot_of(source, status=404, text="", ago=1)

    # The newest snapshot that holds the page, not the newest attempt.
    page = client.get(f"/sources/{source.pk}/snapshot/")
    assert page.context["snapshot"] == working
    assert page.context["others"] == []
    for snapshot in (failed, broken):
        assert client.get(f"/sources/{source.pk}/snapshot/{snapshot.pk}/").status_code == 404
    assert client.get(f"/sources/{source.pk}/snapshot/{broken.pk}/body").status_code == 404

    client.force_login(researcher)
    page = client.get(f"/sources/{source.pk}/snapshot/{failed.pk}/")
    assert "no answer: Timed out after 10 s." in page.content.decode()
    assert page.context["others"] == [broken, working]


def test_there_is_no_snapshot_page_without_a_snapshot(client):
    source = published_source()
    snapshot_of(source, status=500)

    assert client.get(f"/sources/{source.pk}/snapshot/").status_code == 404


def test_it_escapes_hostile_text_from_a_page(client):
    source = published_source(title=HOSTILE)
    snapshot = snapshot_of(source, text=f"First line\n{HOSTILE}")
    SourceSnapshot.objects.filter(pk=snapshot.pk).update(
        content_type='text/html"><script>alert(2)</script>', final_url="javascript:alert(3)"
    )

    html = client.get(f"/sources/{source.pk}/snapshot/").content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "<dd>javascript:alert(3)</dd>" in html


def test_it_escapes_hostile_markup_that_came_through_a_fetch(client, web):
    web.pages["/hostile"] = (
        200,
        "text/html",
        b"<html><body><article><p>Minister: &lt;script&gt;alert(1)&lt;/script&gt; "
        b"was typed into the form.</p><script>alert(2)</script></article></body></html>",
    )
    source = published_source(url=web.url("/hostile"))
    snapshot = take_snapshot(source)
    assert "<script>alert(1)</script>" in snapshot.text
    assert "alert(2)" not in snapshot.text

    html = client.get(f"/sources/{source.pk}/snapshot/").content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_the_stored_page_is_only_ever_a_download(client, web):
    source = published_source(url=web.url("/article"))
    snapshot = take_snapshot(source)

    response = client.get(f"/sources/{source.pk}/snapshot/{snapshot.pk}/body")

    assert response.status_code == 200
    assert response.content == ARTICLE_HTML
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="snapshot-{snapshot.pk}.html"'
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_snapshot_pages_answer_get_only(client):
    source = published_source()
    snapshot = snapshot_of(source)

    assert client.post(f"/sources/{source.pk}/snapshot/").status_code == 405
    assert client.post(f"/sources/{source.pk}/snapshot/{snapshot.pk}/body").status_code == 405


def test_the_claim_page_links_the_original_and_our_snapshot(client):
    verdict = VerdictFactory(published=True)
    cited = SourceFactory(url="https://news.example.org/icc")
    appeared = SourceFactory(url="https://news.example.org/kremlin")
    not_fetched = SourceFactory(url="https://news.example.org/later")
    EvidenceFactory(claim=verdict.claim, source=cited)
    EvidenceFactory(claim=verdict.claim, source=not_fetched)
    AppearanceFactory(claim=verdict.claim, source=appeared)
    old = snapshot_of(cited, ago=5)
    newest = snapshot_of(cited, ago=1)
    snapshot_of(cited, status=404)  # a later failure does not hide the page we kept
    appeared_snapshot = snapshot_of(appeared)
    snapshot_of(not_fetched, status=None, error="Timed out after 10 s.", text="", body=b"")

    html = client.get(verdict.claim.get_absolute_url()).content.decode()

    assert f'href="/sources/{cited.pk}/snapshot/{newest.pk}/">our snapshot</a>' in html
    assert f"/snapshot/{old.pk}/" not in html
    assert f'href="/sources/{appeared.pk}/snapshot/{appeared_snapshot.pk}/">our snapshot' in html
    assert f"/sources/{not_fetched.pk}/snapshot/" not in html
    assert 'href="https://news.example.org/kremlin" rel="nofollow noopener">original</a>' in html


def test_the_source_page_links_our_snapshot(client):
    source = published_source()
    snapshot = snapshot_of(source)

    html = client.get(source.get_absolute_url()).content.decode()

    assert f'href="/sources/{source.pk}/snapshot/{snapshot.pk}/">The page as we fetched it' in html


@pytest.mark.parametrize("others", [0, 40])
def test_snapshot_page_queries(client, django_assert_num_queries, others):
    source = published_source()
    for hours in range(others):
        snapshot_of(source, ago=hours + 1)
    snapshot = snapshot_of(source)
    # 1. the source with its outlet
    # 2. whether a public claim cites it
    # 3. the snapshot
    # 4. the other snapshots (at most 30)
    with django_assert_num_queries(4):
        assert client.get(f"/sources/{source.pk}/snapshot/{snapshot.pk}/").status_code == 200


@pytest.mark.parametrize("others", [0, 40])
def test_snapshot_page_queries_for_staff(client, researcher, django_assert_num_queries, others):
    source = draft_source()
    snapshot_of(source, ago=100)
    for hours in range(others):
        snapshot_of(source, ago=hours + 1, status=None, error="Timed out after 10 s.")
    client.force_login(researcher)
    # 1-2. the session and its user
    # 3. the source with its outlet
    # 4-5. the user's own and group permissions (then cached on the user)
    # 6. the newest working snapshot
    # 7. the other snapshots, failed fetches too (at most 30)
    with django_assert_num_queries(7):
        assert client.get(f"/sources/{source.pk}/snapshot/").status_code == 200


def test_snapshot_body_queries(client, django_assert_num_queries):
    source = published_source()
    snapshot = snapshot_of(source)
    # 1. the source, 2. a public claim citing it, 3. the snapshot
    with django_assert_num_queries(3):
        assert client.get(f"/sources/{source.pk}/snapshot/{snapshot.pk}/body").status_code == 200
