"""Snapshots of sources' pages and the link checks that take them.

A fetch can take many seconds, so it happens outside any transaction; what it
found is then written in one transaction: the snapshot (kept forever, failed
fetches too) and the source's link health.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sources.fetching import Fetched, FetchError, fetch
from sources.models import LinkStatus, Source, SourceSnapshot
from sources.readable import readable_text
from sources.signals import snapshot_taken

BATCH_SIZE = 100
CONCURRENCY = 8


@dataclass(frozen=True)
class Attempt:
    """What fetching a URL gave: a response, or the sentence saying why there was none."""

    url: str
    fetched: Fetched | None = None
    error: str = ""


@dataclass(frozen=True)
class CheckResult:
    snapshot: SourceSnapshot
    link_status: str
    link_note: str
    changed: bool


def attempt(url: str) -> Attempt:
    try:
        return Attempt(url, fetched=fetch(url))
    except FetchError as error:
        return Attempt(url, error=str(error))


def take_snapshot(source: Source) -> SourceSnapshot:
    """Fetch `source.url` now and keep what came back; the source's link health follows."""
    return record(source, attempt(source.url)).snapshot


def record(source: Source, result: Attempt) -> CheckResult:
    """Store `result` as a snapshot of `source` and update the source's link health."""
    fetched = result.fetched
    snapshot = SourceSnapshot(source=source, requested_url=result.url, error=result.error[:500])
    if fetched is not None:
        keep = settings.FACTCHECK_SNAPSHOT_MAX_BYTES
        snapshot.final_url = fetched.final_url[:2000]
        snapshot.redirects = fetched.redirects
        snapshot.status_code = fetched.status_code
        snapshot.content_type = fetched.content_type
        snapshot.sha256 = fetched.sha256
        snapshot.size = fetched.size
        snapshot.body = fetched.body[:keep]
        snapshot.truncated = fetched.truncated or fetched.size > keep
        if fetched.ok:
            # From all the bytes read, not only those kept.
            snapshot.text = readable_text(fetched.body, fetched.content_type, fetched.final_url)
    status, note = link_health(result)
    with transaction.atomic():
        # The lock orders two checks of one source, so each compares itself
        # with the snapshot stored before it.
        source = Source.objects.select_for_update().get(pk=source.pk)
        previous = source.snapshots.successful().defer("body").first()
        snapshot.fetched_at = timezone.now()
        snapshot.save()
        changed = snapshot.is_success and previous is not None and differs(previous, snapshot)
        # Unless the URL was edited while we fetched: the new one gets its own check.
        if source.url == result.url:
            source.link_status = status
            source.link_note = note[:500]
        if changed:
            source.content_changed_at = snapshot.fetched_at
        source.last_checked_at = snapshot.fetched_at
        source.save(
            update_fields=[
                "link_status",
                "link_note",
                "content_changed_at",
                "last_checked_at",
                "updated_at",
            ]
        )
        snapshot_taken.send(sender=SourceSnapshot, source=source, snapshot=snapshot)
    return CheckResult(snapshot, status, note, changed)


def differs(previous: SourceSnapshot, current: SourceSnapshot) -> bool:
    """Whether the page changed between two successful snapshots.

    Pages with text are compared by their text: the bytes of a news page
    change on every visit (ads, tokens, "most read"), its article does not.
    """
    if previous.text or current.text:
        return previous.text != current.text
    return previous.sha256 != current.sha256


def link_health(result: Attempt) -> tuple[str, str]:
    """(link status, note for editors) for what fetching gave."""
    fetched = result.fetched
    if fetched is None:
        return LinkStatus.UNREACHABLE, result.error
    if fetched.status_code >= 300:
        # 4xx and 5xx; a 3xx here is a redirect without a Location to follow.
        return LinkStatus.BROKEN, status_text(fetched.status_code)
    note = status_text(fetched.status_code)
    if fetched.truncated:
        note += f"; only the first {fetched.size:,} bytes were read"
    if fetched.final_url != result.url:
        return LinkStatus.REDIRECTED, f"Redirected to {fetched.final_url}"
    return LinkStatus.OK, note


def status_text(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP status {code}"


def batches_to_check(started_at) -> Iterator[list[Source]]:
    """Sources with a URL not checked since `started_at`, in batches: never
    checked first, then the oldest checks.

    Each check sets `last_checked_at` past `started_at`, so a batch, once
    checked, drops out of the query for the next: no offsets, and memory
    stays flat at any number of sources. Both queries walk the index
    source_link_check_order (PostgreSQL keeps its NULLs last, so the
    never-checked are asked for on their own).
    """
    with_url = Source.objects.exclude(url="").only("pk", "url")
    for pending in (
        with_url.filter(last_checked_at__isnull=True).order_by("last_checked_at", "pk"),
        with_url.filter(last_checked_at__lt=started_at).order_by("last_checked_at", "pk"),
    ):
        while batch := list(pending[:BATCH_SIZE]):
            yield batch


def check_sources(
    batches: Iterable[list[Source]],
    *,
    concurrency: int = CONCURRENCY,
    on_checked: Callable[[Source, CheckResult], None] | None = None,
) -> Counter:
    """Fetch each source (several at a time) and record what came back; the
    counts of each link status and of changed pages.

    Each batch is recorded before the next is asked for.
    """
    counts = Counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for batch in batches:
            # Fetches run in threads; the writes stay on this thread's
            # database connection, one short transaction per source.
            results = pool.map(attempt, [source.url for source in batch])
            for source, result in zip(batch, results, strict=True):
                try:
                    checked = record(source, result)
                except Source.DoesNotExist:
                    continue  # deleted while we fetched
                counts[str(checked.link_status)] += 1
                counts["changed"] += checked.changed
                if on_checked:
                    on_checked(source, checked)
    return counts
