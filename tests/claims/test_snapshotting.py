import pytest

from sources.models import LinkStatus, SourceSnapshot
from tests.factories import AppearanceFactory, ClaimFactory, EvidenceFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_attach(settings):
    settings.FACTCHECK_SNAPSHOT_ON_ATTACH = True


def test_it_snapshots_a_source_attached_as_evidence(
    web, on_attach, django_capture_on_commit_callbacks
):
    source = SourceFactory(url=web.url("/article"))

    with django_capture_on_commit_callbacks(execute=True):
        EvidenceFactory(source=source)

    snapshot = SourceSnapshot.objects.get(source=source)
    assert snapshot.is_success
    source.refresh_from_db()
    assert source.link_status == LinkStatus.OK


def test_it_snapshots_a_source_where_a_claim_appeared(
    web, on_attach, django_capture_on_commit_callbacks
):
    source = SourceFactory(url=web.url("/404"))

    with django_capture_on_commit_callbacks(execute=True):
        AppearanceFactory(source=source)

    assert SourceSnapshot.objects.get(source=source).status_code == 404
    source.refresh_from_db()
    assert source.link_status == LinkStatus.BROKEN


def test_it_waits_for_the_commit(web, on_attach, django_capture_on_commit_callbacks):
    source = SourceFactory(url=web.url("/article"))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        EvidenceFactory(source=source)
        assert web.requests == []

    for callback in callbacks:
        callback()
    assert SourceSnapshot.objects.filter(source=source).count() == 1


def test_it_fetches_a_url_once_however_often_it_is_cited(
    web, on_attach, django_capture_on_commit_callbacks
):
    source = SourceFactory(url=web.url("/article"))
    with django_capture_on_commit_callbacks(execute=True):
        EvidenceFactory(source=source)

    with django_capture_on_commit_callbacks(execute=True):
        EvidenceFactory(source=source)
        AppearanceFactory(source=source, claim=ClaimFactory())

    assert SourceSnapshot.objects.filter(source=source).count() == 1
    assert len(web.requests) == 1


def test_it_fetches_a_cited_source_whose_url_changed(
    web, on_attach, django_capture_on_commit_callbacks
):
    source = SourceFactory(url=web.url("/article"))
    with django_capture_on_commit_callbacks(execute=True):
        EvidenceFactory(source=source)

    source.url = web.url("/plain")
    with django_capture_on_commit_callbacks(execute=True):
        source.save()

    urls = list(source.snapshots.order_by("pk").values_list("requested_url", flat=True))
    assert urls == [web.url("/article"), web.url("/plain")]


def test_it_does_not_fetch_uncited_sources_or_sources_without_url(
    web, on_attach, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        uncited = SourceFactory(url=web.url("/article"))
        uncited.url = web.url("/plain")
        uncited.save()
        EvidenceFactory(source=SourceFactory(url=""))

    assert not SourceSnapshot.objects.exists()
    assert web.requests == []


def test_it_fetches_nothing_when_turned_off(web, settings, django_capture_on_commit_callbacks):
    settings.FACTCHECK_SNAPSHOT_ON_ATTACH = False

    with django_capture_on_commit_callbacks(execute=True):
        EvidenceFactory(source=SourceFactory(url=web.url("/article")))

    assert not SourceSnapshot.objects.exists()
    assert web.requests == []
