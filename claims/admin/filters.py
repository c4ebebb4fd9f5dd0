"""The editors' queues as changelist filters."""

from django.contrib import admin

from claims.models import ClaimState, SignOff, WorkflowEvent


class AssignmentFilter(admin.SimpleListFilter):
    title = "assignment"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Assigned to me"), ("nobody", "Unassigned")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "nobody":
            return queryset.filter(assignee=None)
        return queryset


class ReviewQueueFilter(admin.SimpleListFilter):
    """Claims in review that this user may still sign off or publish: not
    submitted by them, and not already endorsed by them."""

    title = "review queue"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("mine", "Waiting for my review")]

    def queryset(self, request, queryset):
        if self.value() != "mine":
            return queryset
        submitted = WorkflowEvent.objects.filter(
            actor=request.user, to_state=ClaimState.IN_REVIEW, from_state=ClaimState.RESEARCHING
        ).values("claim")
        endorsed = SignOff.objects.filter(editor=request.user, voided_at=None).values("claim")
        return (
            queryset.filter(state=ClaimState.IN_REVIEW)
            .exclude(pk__in=submitted)
            .exclude(pk__in=endorsed)
        )


class UnverifiedQuotesFilter(admin.SimpleListFilter):
    """Claims with a quote not found in its source or not checked yet."""

    title = "quotes"
    parameter_name = "quotes"

    def lookups(self, request, model_admin):
        return [("unverified", "Quotes: unverified")]

    def queryset(self, request, queryset):
        if self.value() == "unverified":
            return queryset.with_unverified_quotes()
        return queryset


class RecheckFilter(admin.SimpleListFilter):
    """Published verdicts whose re-check date has come."""

    title = "re-check"
    parameter_name = "recheck"

    def lookups(self, request, model_admin):
        return [("due", "Due for re-check")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due_for_recheck()
        return queryset
