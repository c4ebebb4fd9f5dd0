"""Background tasks of sources (django-tasks: the database backend and
`db_worker` in production, run at once in tests).

django-tasks has no scheduler, so the periodic link check schedules its own
next run; `manage.py check_links --schedule` starts the chain, and nothing
adds a run while one is already waiting.
"""

from datetime import datetime, timedelta
from itertools import islice

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from sources import snapshots
from sources.models import Source

# Batches of sources (snapshots.BATCH_SIZE each) one run of check_links takes.
RUN_BATCHES = 5


@task()
def snapshot_source(source_id: int) -> str:
    """Take the first snapshot of a source's current URL; its link status, or ""
    if there is no URL. Later snapshots are the link check's.

    Citing a source several times before the worker gets to it queues this
    more than once: the first run fetches, the others find its snapshot.
    """
    source = Source.objects.filter(pk=source_id).exclude(url="").first()
    if source is None:
        return ""
    if source.snapshots.filter(requested_url=source.url).exists():
        return source.link_status
    return snapshots.record(source, snapshots.attempt(source.url)).link_status


@task()
def check_links(round_started_at: str = "") -> dict:
    """Re-check links not checked since the round began, a share at a time.

    A round over many sources takes hours, and the worker also embeds new
    claims: so a run checks RUN_BATCHES batches, then queues the rest of the
    round behind whatever else waits, and the last run of a round schedules
    the next round FACTCHECK_LINK_CHECK_INTERVAL hours later.
    """
    started = datetime.fromisoformat(round_started_at) if round_started_at else timezone.now()
    if not can_schedule():
        # Nothing can wait for later: the whole round now.
        return dict(snapshots.check_sources(snapshots.batches_to_check(started)))
    interval = timedelta(hours=settings.FACTCHECK_LINK_CHECK_INTERVAL)
    try:
        counts = snapshots.check_sources(islice(snapshots.batches_to_check(started), RUN_BATCHES))
    except Exception:
        # A failed run must not end the chain, nor fail again at once.
        schedule_link_checks(delay=interval)
        raise
    if next(snapshots.batches_to_check(started), None):
        schedule_link_checks(round_started_at=started.isoformat())
    else:
        schedule_link_checks(delay=interval)
    return dict(counts)


def can_schedule() -> bool:
    """Whether the task backend keeps tasks for later (the database backend does)."""
    return check_links.get_backend().supports_defer


def link_check_waiting() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=check_links.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_link_checks(*, delay: timedelta = timedelta(0), round_started_at: str = "") -> bool:
    """Enqueue a link check `delay` from now unless one is already waiting;
    whether one was enqueued. `round_started_at` continues a round."""
    if link_check_waiting():
        return False
    check_links.using(run_after=timezone.now() + delay).enqueue(round_started_at)
    return True
