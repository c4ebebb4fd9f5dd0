from django.contrib import admin
from django.db import models
from django.db.models import Count

from sources.models import Outlet, Source

# A URL typed without a scheme is taken as https://, Django 6's default.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "homepage", "source_count"]
    search_fields = ["name", "domain"]
    formfield_overrides = HTTPS_URL_FIELDS

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(source_count=Count("sources")).order_by("name")
        )

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
    formfield_overrides = HTTPS_URL_FIELDS
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
