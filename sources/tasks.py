"""Background tasks of sources (django-tasks: the database backend and
`db_worker` in production, run at once in tests).

django-tasks has no scheduler, so the periodic link check schedules its own
next run when it finishes; `manage.py check_links --schedule` starts the
chain, and never adds a run while one is already waiting.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from sources import snapshots
from sources.models import Source


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
def check_links() -> dict:
    """Re-check every source's link, then schedule the next run."""
    counts = snapshots.check_sources(snapshots.batches_to_check(timezone.now()))
    if can_schedule():
        schedule_link_checks(delay=timedelta(hours=settings.FACTCHECK_LINK_CHECK_INTERVAL))
    return dict(counts)


def can_schedule() -> bool:
    """Whether the task backend keeps tasks for later (the database backend does)."""
    return check_links.get_backend().supports_defer


def link_check_waiting() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=check_links.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_link_checks(*, delay: timedelta = timedelta(0)) -> bool:
    """Enqueue a link check `delay` from now unless one is already waiting;
    whether one was enqueued."""
    if link_check_waiting():
        return False
    check_links.using(run_after=timezone.now() + delay).enqueue()
    return True
