from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from claims.models.claim import Claim, ClaimState


class WorkflowEvent(models.Model):
    """One step of a claim through the workflow: who moved it, from where to where, why."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=16, choices=ClaimState.choices)
    to_state = models.CharField(max_length=16, choices=ClaimState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_state__in=ClaimState.values) & Q(to_state__in=ClaimState.values),
                name="workflow_event_states_valid",
            ),
        ]
        indexes = [
            # A claim's history, in order, on its change form.
            models.Index(fields=["claim", "created_at"], name="workflow_event_claim_idx"),
        ]

    def __str__(self):
        return f"{self.claim_id}: {self.from_state} → {self.to_state}"
