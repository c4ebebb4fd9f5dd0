from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from claims.models import (
    Appearance,
    Claim,
    Correction,
    Evidence,
    Page,
    Rating,
    RatingScale,
    Speaker,
    Topic,
    Verdict,
    WorkflowEvent,
)


def rating_badge(rating):
    if rating is None:
        return "—"
    return format_html(
        '<span style="background:{};color:#fff;padding:1px 6px;border-radius:3px">{}</span>',
        rating.colour,
        rating.label,
    )


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "affiliation", "country", "wikidata_id", "claim_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "role", "affiliation", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

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
    list_display = ["name", "worst_value", "best_value", "is_default"]
    inlines = [RatingInline]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "badge", "value", "scale"]
    list_filter = ["scale"]
    list_select_related = ["scale"]
    search_fields = ["label", "slug"]

    @admin.display(description="Badge")
    def badge(self, obj):
        return rating_badge(obj)


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    autocomplete_fields = ["source"]


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0
    autocomplete_fields = ["source"]


class VerdictInline(admin.StackedInline):
    model = Verdict
    extra = 0
    max_num = 1
    autocomplete_fields = ["rating"]
    filter_horizontal = ["authors"]
    readonly_fields = ["published_at"]


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["created_at", "kind", "note", "rating_before", "rating_after", "created_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class WorkflowEventInline(admin.TabularInline):
    model = WorkflowEvent
    extra = 0
    fields = ["created_at", "from_state", "to_state", "actor", "comment"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "workflow history"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "rating", "speaker", "said_on", "assignee", "updated_at"]
    list_filter = ["state", "language", "topics", "verdict__rating"]
    list_select_related = ["speaker", "assignee", "verdict__rating"]
    search_fields = ["text", "speaker__name", "appearances__quote"]
    autocomplete_fields = ["speaker", "assignee", "topics"]
    readonly_fields = [
        "state",
        "version",
        "created_by",
        "created_at",
        "updated_at",
        # What a reader sent with a suggestion, kept as they sent it.
        "suggested_by_contact",
        "suggested_from_url",
    ]
    date_hierarchy = "said_on"
    inlines = [
        AppearanceInline,
        VerdictInline,
        EvidenceInline,
        CorrectionInline,
        WorkflowEventInline,
    ]

    @admin.display(description="Rating", ordering="verdict__rating__value")
    def rating(self, obj):
        verdict = getattr(obj, "verdict", None)
        return rating_badge(verdict.rating if verdict else None)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "claim", "from_state", "to_state", "actor"]
    list_filter = ["to_state"]
    list_select_related = ["claim", "actor"]
    search_fields = ["claim__text", "comment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # The public URLs (/about/, /ratings/, /corrections/) find pages by slug.
        return [*self.readonly_fields, "slug"] if obj else self.readonly_fields
