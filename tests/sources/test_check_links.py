from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sources import snapshots, tasks
from sources.models import LinkStatus, Source, SourceSnapshot
from sources.signals import snapshot_taken
from tests.factories import SourceFactory
from tests.local_web import ARTICLE_HTML

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def check_links(*args) -> str:
    out = StringIO()
    call_command("check_links", *args, stdout=out)
    return out.getvalue()


def test_it_checks_every_link_and_sums_up(web, settings):
    settings.FACTCHECK_FETCH_TIMEOUT = 0.3
    web.slow_seconds = 1
    ok = SourceFactory(url=web.url("/article"))
    moved = SourceFactory(url=web.url("/redirect/0"))
    gone = SourceFactory(url=web.url("/404"))
    slow = SourceFactory(url=web.url("/slow"))
    SourceFactory(url="")  # nothing to check

    output = check_links()

    assert output.splitlines() == [
        f"source {moved.pk} {moved.url}: redirected, Redirected to {web.url('/article')}",
        f"source {gone.pk} {gone.url}: broken, 404 Not Found",
        f"source {slow.pk} {slow.url}: unreachable, Timed out after 0.3 s.",
        "Checked 4 links: 1 ok, 1 redirected, 1 broken, 1 unreachable; 0 changed.",
    ]
    statuses = dict(Source.objects.exclude(url="").values_list("pk", "link_status"))
    assert statuses == {
        ok.pk: LinkStatus.OK,
        moved.pk: LinkStatus.REDIRECTED,
        gone.pk: LinkStatus.BROKEN,
        slow.pk: LinkStatus.UNREACHABLE,
    }
    assert SourceSnapshot.objects.count() == 4


def test_it_counts_changed_pages_and_keeps_every_snapshot(web):
    source = SourceFactory(url=web.url("/article"))
    check_links()
    web.pages["/article"] = (200, "text/html", ARTICLE_HTML.replace(b"123", b"124"))

    output = check_links("--verbosity", "2")

    assert output.splitlines() == [
        f"source {source.pk} {source.url}: ok, 200 OK (content changed)",
        "Checked 1 link: 1 ok, 0 redirected, 0 broken, 0 unreachable; 1 changed.",
    ]
    assert source.snapshots.count() == 2


def test_it_checks_never_checked_then_oldest_checked_first_in_batches(web, monkeypatch):
    monkeypatch.setattr(snapshots, "BATCH_SIZE", 2)
    now = timezone.now()
    recent = SourceFactory(url=web.url("/article?recent"), last_checked_at=now - timedelta(hours=1))
    oldest = SourceFactory(url=web.url("/article?oldest"), last_checked_at=now - timedelta(days=9))
    never = [SourceFactory(url=web.url(f"/article?never{n}")) for n in range(3)]
    older = SourceFactory(url=web.url("/article?older"), last_checked_at=now - timedelta(days=2))

    check_links("--concurrency", "1")

    order = [path.split("?", 1)[1] for path, _headers in web.requests]
    assert order == ["never0", "never1", "never2", "oldest", "older", "recent"]
    for source in [recent, oldest, older, *never]:
        source.refresh_from_db()
        assert source.last_checked_at > now


def test_it_checks_the_sources_it_is_given(web):
    first = SourceFactory(url=web.url("/article"))
    SourceFactory(url=web.url("/plain"))
    third = SourceFactory(url=web.url("/404"))

    output = check_links("--source", str(third.pk), str(first.pk))

    assert output.splitlines()[-1] == (
        "Checked 2 links: 1 ok, 0 redirected, 1 broken, 0 unreachable; 0 changed."
    )
    assert sorted(path for path, _headers in web.requests) == ["/404", "/article"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--source", "999999"], "No source with id 999999."),
        (["--source", "abc"], "argument --source: must be a whole number from 1 to"),
        (["--source", "0"], "argument --source: must be a whole number from 1 to"),
        (["--source"], "argument --source: expected at least one argument"),
        (["--concurrency", "0"], "argument --concurrency: must be a whole number from 1 to 32"),
        (["--concurrency", "33"], "argument --concurrency: must be a whole number from 1 to 32"),
        (["--schedule", "--source", "1"], "--schedule checks every source; leave out --source."),
        (["--nonsense"], "unrecognized arguments: --nonsense"),
    ],
)
def test_it_refuses_bad_arguments(args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(".", r"\.")):
        check_links(*args)
    assert not SourceSnapshot.objects.exists()


def test_it_refuses_a_source_without_url():
    source = SourceFactory(url="")

    with pytest.raises(CommandError, match=f"^Source {source.pk} has no URL to check.$"):
        check_links("--source", str(source.pk))


def test_it_needs_a_backend_that_keeps_tasks_for_later():
    # The suite runs tasks at once (tests/settings.py).
    with pytest.raises(CommandError, match="cannot keep tasks for later"):
        check_links("--schedule")


def test_it_schedules_the_periodic_check_once(settings):
    settings.TASKS = DATABASE_TASKS

    assert check_links("--schedule").startswith("Link check enqueued")
    assert check_links("--schedule") == "A link check is already waiting; nothing added.\n"

    waiting = DBTaskResult.objects.get()
    assert waiting.task_path == "sources.tasks.check_links"
    assert waiting.status == "READY"
    assert waiting.run_after <= timezone.now()


def test_a_periodic_run_schedules_the_next(web, settings):
    settings.TASKS = DATABASE_TASKS
    settings.FACTCHECK_LINK_CHECK_INTERVAL = 6
    source = SourceFactory(url=web.url("/article"))

    result = tasks.check_links.call()

    assert result == {"ok": 1, "changed": 0}
    source.refresh_from_db()
    assert source.link_status == LinkStatus.OK
    following = DBTaskResult.objects.get()
    assert following.task_path == "sources.tasks.check_links"
    assert following.args_kwargs == {"args": [""], "kwargs": {}}
    expected = timezone.now() + timedelta(hours=6)
    assert abs(following.run_after - expected) < timedelta(minutes=1)

    # Run again with the next one still waiting: nothing piles up.
    tasks.check_links.call()
    assert DBTaskResult.objects.count() == 1


def test_a_long_round_is_checked_a_share_at_a_time(web, settings, monkeypatch):
    # Other tasks (embeddings) wait in the same queue: a run takes a share of
    # the round and queues the rest behind them.
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(snapshots, "BATCH_SIZE", 2)
    monkeypatch.setattr(tasks, "RUN_BATCHES", 1)
    for n in range(3):
        SourceFactory(url=web.url(f"/article?{n}"))

    assert tasks.check_links.call() == {"ok": 2, "changed": 0}
    rest = DBTaskResult.objects.get()
    assert rest.run_after <= timezone.now()
    round_started_at = rest.args_kwargs["args"][0]
    assert round_started_at
    rest.delete()  # as the worker would have claimed it

    assert tasks.check_links.call(round_started_at) == {"ok": 1, "changed": 0}
    following = DBTaskResult.objects.get()
    assert following.args_kwargs == {"args": [""], "kwargs": {}}
    assert following.run_after > timezone.now() + timedelta(hours=23)
    assert len(web.requests) == 3


def test_a_failed_run_still_schedules_the_next_round(web, settings):
    settings.TASKS = DATABASE_TASKS
    source = SourceFactory(url=web.url("/article"))

    def failing_receiver(sender, **kwargs):
        raise RuntimeError("a listener failed")

    snapshot_taken.connect(failing_receiver)
    try:
        with pytest.raises(RuntimeError):
            tasks.check_links.call()
    finally:
        snapshot_taken.disconnect(failing_receiver)

    # Nothing of the failed check was kept, and the chain goes on.
    assert not source.snapshots.exists()
    following = DBTaskResult.objects.get()
    assert following.run_after > timezone.now() + timedelta(hours=23)


def test_the_snapshot_task_fetches_one_source(web):
    source = SourceFactory(url=web.url("/404"))

    result = tasks.snapshot_source.enqueue(source.pk)

    assert result.return_value == LinkStatus.BROKEN
    assert source.snapshots.get().status_code == 404


def test_the_snapshot_task_fetches_a_url_only_once(web):
    source = SourceFactory(url=web.url("/article"))

    results = [tasks.snapshot_source.enqueue(source.pk) for _ in range(3)]

    assert [result.return_value for result in results] == ["ok"] * 3
    assert source.snapshots.count() == 1
    assert len(web.requests) == 1


def test_the_snapshot_task_skips_a_source_gone_or_without_url():
    without_url = SourceFactory(url="")

    assert tasks.snapshot_source.enqueue(without_url.pk).return_value == ""
    assert tasks.snapshot_source.enqueue(999999).return_value == ""
    assert not SourceSnapshot.objects.exists()
