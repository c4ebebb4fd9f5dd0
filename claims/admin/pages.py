"""Admin for the transparency pages readers see at /about/, /ratings/ and /corrections/."""

from django.contrib import admin

from claims.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # The public URLs find these pages by slug.
        return [*self.readonly_fields, "slug"] if obj else self.readonly_fields
