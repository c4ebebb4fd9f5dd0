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
            # The desk's latest steps across every claim.
            models.Index(fields=["-created_at", "-id"], name="workflow_event_latest"),
        ]

    def __str__(self):
        return f"{self.claim_id}: {self.from_state} → {self.to_state}"


class SignOff(models.Model):
    """An editor's endorsement of a verdict's rating while the claim is in review."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sign_offs")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.ForeignKey("claims.Rating", on_delete=models.PROTECT, related_name="+")
    # The verdict's rating_revision when signed; a later rating change voids it.
    rating_revision = models.PositiveIntegerField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the claim is sent back; kept, not deleted, so the record stays.
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "editor", "rating_revision"],
                condition=Q(voided_at__isnull=True),
                name="sign_off_once_per_editor_and_revision",
            ),
        ]

    def __str__(self):
        return f"{self.editor} endorsed {self.rating} on claim {self.claim_id}"
