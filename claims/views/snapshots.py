"""Our snapshots of sources' pages, for readers: what the page said when we
fetched it. A snapshot is public when its source backs a public claim (as
evidence or where the claim appeared); staff see every one. The stored page
itself is only ever downloaded, never shown as a page of our site: its
scripts must not run on our origin."""

import mimetypes
from urllib.parse import urlsplit

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from claims import workflow
from claims.models import Claim
from sources.models import Source, SourceSnapshot

OTHER_SNAPSHOTS_SHOWN = 30


def visible_source(request, pk: int) -> Source:
    """The source, if this reader may see its snapshots; else a 404 (as for drafts)."""
    source = get_object_or_404(Source.objects.with_outlet(), pk=pk)
    if workflow.has_role(request.user, workflow.RESEARCH):
        return source
    cited = Q(appearances__source=source) | Q(evidence__source=source)
    if not Claim.objects.public().filter(cited).exists():
        raise Http404("No public verdict uses this source.")
    return source


def visible_snapshots(request, source: Source):
    """Readers see the snapshots that hold a page; staff also the failed fetches."""
    snapshots = source.snapshots.order_by("-fetched_at", "-pk")
    if workflow.has_role(request.user, workflow.RESEARCH):
        return snapshots
    return snapshots.successful()


@require_safe
def source_snapshot(request, pk):
    """The newest snapshot that holds the page."""
    source = visible_source(request, pk)
    snapshot = source.snapshots.successful().defer("body").first()
    if snapshot is None:
        raise Http404("We have no snapshot of this source.")
    return render_snapshot(request, source, snapshot)


@require_safe
def source_snapshot_at(request, pk, snapshot_id):
    source = visible_source(request, pk)
    snapshot = get_object_or_404(visible_snapshots(request, source).defer("body"), pk=snapshot_id)
    return render_snapshot(request, source, snapshot)


def render_snapshot(request, source, snapshot):
    others = (
        visible_snapshots(request, source)
        .exclude(pk=snapshot.pk)
        .only("pk", "fetched_at", "status_code", "error", "source_id")[:OTHER_SNAPSHOTS_SHOWN]
    )
    response = render(
        request,
        "sources/snapshot_detail.html",
        {
            "source": source,
            "snapshot": snapshot,
            "lines": snapshot.text.splitlines(),
            "others": list(others),
            # Only web addresses become links (never javascript: and the like).
            "web_links": {
                "requested": is_web_url(snapshot.requested_url),
                "final": is_web_url(snapshot.final_url),
            },
        },
    )
    # Someone else's article, kept as evidence: not for search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def is_web_url(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


@require_safe
def source_snapshot_body(request, pk, snapshot_id):
    """The bytes we received, as a download that no browser runs as our page."""
    source = visible_source(request, pk)
    snapshot = get_object_or_404(SourceSnapshot.objects.filter(source=source), pk=snapshot_id)
    if not workflow.has_role(request.user, workflow.RESEARCH) and not snapshot.is_success:
        raise Http404("No such snapshot.")
    mime = snapshot.content_type.split(";", 1)[0].strip().lower()
    extension = (mimetypes.guess_extension(mime) if mime else None) or ".bin"
    response = HttpResponse(bytes(snapshot.body), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="snapshot-{snapshot.pk}{extension}"'
    # Even if a browser showed it anyway: no scripts, no plugins, no same-origin
    # access, nothing loaded, and no guessing the type.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex"
    return response
