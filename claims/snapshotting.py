"""Snapshots of evidence: attaching a source with a URL to a claim (as
evidence or as an appearance) has its page fetched and kept in the
background, once per URL (sources.tasks.snapshot_source). Later checks are
the periodic link check's (`manage.py check_links`)."""

from django.conf import settings
from django.db import transaction

from claims.models import Appearance, Evidence
from sources.models import Source


def needs_snapshot(source: Source) -> bool:
    """A source with a URL that has never been fetched (a changed URL counts as new)."""
    return bool(source.url) and not source.snapshots.filter(requested_url=source.url).exists()


def schedule(source: Source) -> None:
    from sources.tasks import snapshot_source

    if settings.FACTCHECK_SNAPSHOT_ON_ATTACH and needs_snapshot(source):
        source_id = source.pk
        transaction.on_commit(lambda: snapshot_source.enqueue(source_id))


# Connected in ClaimsConfig.ready(). Raw saves (a restore) bring their
# snapshots along and fetch nothing.
def attached(sender, instance, raw=False, **kwargs):
    # The setting first: reading the source costs a query on every save.
    if settings.FACTCHECK_SNAPSHOT_ON_ATTACH and not raw:
        schedule(instance.source)


def source_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    # A source's URL edited after it was cited: its new page is fetched too.
    # Link checks save only their own columns and need nothing scheduled.
    if not settings.FACTCHECK_SNAPSHOT_ON_ATTACH or created or raw:
        return
    if update_fields and "url" not in update_fields:
        return
    cited = (
        Appearance.objects.filter(source=instance).exists()
        or Evidence.objects.filter(source=instance).exists()
    )
    if cited:
        schedule(instance)
