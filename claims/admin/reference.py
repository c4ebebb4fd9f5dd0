"""Admin for the reference data around claims: speakers, topics, ratings, history."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from claims.models import Rating, RatingScale, Speaker, Topic, WorkflowEvent


def rating_badge(rating):
    if rating is None:
        return "—"
    return format_html(
        '<span class="fc-badge" style="background:{}">{}</span>', rating.colour, rating.label
    )


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "affiliation", "country", "wikidata_id", "claim_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "role", "affiliation", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims")).order_by("name")

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    prepopulated_fields = {"slug": ["label"]}


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "worst_value", "best_value", "is_default", "publisher"]
    search_fields = ["name"]
    autocomplete_fields = ["publisher"]
    list_select_related = ["publisher"]
    inlines = [RatingInline]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "badge", "value", "scale"]
    list_filter = ["scale"]
    list_select_related = ["scale"]
    search_fields = ["label", "slug"]
    autocomplete_fields = ["scale"]

    @admin.display(description="Badge")
    def badge(self, obj):
        return rating_badge(obj)


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(admin.ModelAdmin):
    """The audit trail: readable by staff, written only by the workflow module."""

    list_display = ["created_at", "claim", "from_state", "to_state", "actor", "comment"]
    list_filter = ["to_state"]
    list_select_related = ["claim", "actor"]
    search_fields = ["claim__text", "comment", "actor__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
