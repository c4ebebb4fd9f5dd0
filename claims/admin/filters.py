"""The editors' queues as changelist filters."""

from django.contrib import admin

from claims.workflow import waiting_for_review


class AssignmentFilter(admin.SimpleListFilter):
    title = "assignment"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Assigned to me"), ("nobody", "Unassigned")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.assigned_to(request.user)
        if self.value() == "nobody":
            return queryset.filter(assignee=None)
        return queryset


class ReviewQueueFilter(admin.SimpleListFilter):
    """Claims in review waiting for this user's sign-off, as the workflow decides."""

    title = "review queue"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("mine", "Waiting for my review")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return waiting_for_review(request.user, queryset)
        return queryset


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


class BrokenLinksFilter(admin.SimpleListFilter):
    """Claims with an appearance or evidence whose source's link is broken or unreachable."""

    title = "evidence links"
    parameter_name = "links"

    def lookups(self, request, model_admin):
        return [("broken", "Evidence links: broken")]

    def queryset(self, request, queryset):
        if self.value() == "broken":
            return queryset.with_broken_links()
        return queryset
