"""The desk: what the admin's index page shows the signed-in user first.

Each queue is one of the claim list's filters, counted: the link and the count
name the same filter value, and the count asks the same queryset method the
filter does, so the number is what the list shows.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.admin import SimpleListFilter
from django.urls import reverse

from claims.admin.filters import (
    AssignmentFilter,
    BrokenLinksFilter,
    RecheckFilter,
    ReviewQueueFilter,
    UnverifiedQuotesFilter,
)
from claims.models import Claim, WorkflowEvent
from claims.workflow import EDIT, RESEARCH, has_role, waiting_for_review

LATEST_EVENTS = 10


@dataclass(frozen=True)
class Queue:
    label: str
    filter: type[SimpleListFilter]
    value: str
    claims: Callable  # (request) -> the queryset the filter lists
    role: str = RESEARCH  # who has this queue


# In the order the desk shows them.
QUEUES = [
    Queue("Assigned to me", AssignmentFilter, "me", lambda r: Claim.objects.assigned_to(r.user)),
    Queue(
        "Waiting for my review",
        ReviewQueueFilter,
        "mine",
        lambda r: waiting_for_review(r.user),
        EDIT,
    ),
    Queue(
        "Due for re-check",
        RecheckFilter,
        "due",
        lambda r: Claim.objects.due_for_recheck(),
        EDIT,
    ),
    Queue(
        "Quotes: unverified",
        UnverifiedQuotesFilter,
        "unverified",
        lambda r: Claim.objects.with_unverified_quotes(),
    ),
    Queue(
        "Evidence links: broken",
        BrokenLinksFilter,
        "broken",
        lambda r: Claim.objects.with_broken_links(),
    ),
]


@dataclass(frozen=True)
class QueueCount:
    label: str
    count: int
    url: str


def desk_context(request) -> dict:
    """The user's queues with their counts, and the latest workflow steps; empty
    for staff who do not work on claims."""
    if not has_role(request.user, RESEARCH):
        return {}
    changelist = reverse("admin:claims_claim_changelist", current_app=request.current_app)
    queues = [
        QueueCount(
            label=queue.label,
            count=queue.claims(request).count(),
            url=f"{changelist}?{queue.filter.parameter_name}={queue.value}",
        )
        for queue in QUEUES
        if has_role(request.user, queue.role)
    ]
    events = (
        WorkflowEvent.objects.select_related("claim", "actor")
        .only("created_at", "from_state", "to_state", "comment", "claim__text", "actor__username")
        .order_by("-created_at", "-pk")[:LATEST_EVENTS]
    )
    return {"desk_queues": queues, "desk_events": events}
