from django.contrib import admin
from django.db.models import Count

from sources.models import Outlet, Source


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "homepage", "source_count"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources"))

    @admin.display(description="Sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "kind", "published_on", "language", "link_status"]
    list_filter = ["kind", "link_status", "language", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "author", "outlet__name"]
    autocomplete_fields = ["outlet"]
    date_hierarchy = "published_on"
    readonly_fields = ["link_status", "last_checked_at", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "url", "outlet", "kind", "published_on", "language", "author"]},
        ),
        ("Content", {"fields": ["text", "archived_url"], "classes": ["collapse"]}),
        ("Link health", {"fields": ["link_status", "last_checked_at", "created_at", "updated_at"]}),
    ]
