from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from sources.models import BROKEN_LINK_STATUSES, LinkStatus, Outlet, Source
from sources.snapshots import take_snapshot

# A URL typed without a scheme is taken as https://, Django 6's default.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
SNAPSHOTS_SHOWN = 20
# Checked one after another while the editor waits: a few, not a page of 100.
CHECK_NOW_MOST = 10


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


class LinkProblemFilter(admin.SimpleListFilter):
    title = "link problems"
    parameter_name = "link_problem"

    def lookups(self, request, model_admin):
        return [
            ("any", "Broken, unreachable or changed"),
            ("changed", "Page changed since an earlier snapshot"),
            ("unchecked", "Not checked yet"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            return queryset.filter(
                Q(link_status__in=BROKEN_LINK_STATUSES) | Q(content_changed_at__isnull=False)
            )
        if value == "changed":
            return queryset.filter(content_changed_at__isnull=False)
        if value == "unchecked":
            return queryset.exclude(url="").filter(link_status=LinkStatus.UNCHECKED)
        return queryset


LINK_HEALTH = [
    "link_status",
    "link_note",
    "last_checked_at",
    "content_changed_at",
    "snapshot_list",
    "created_at",
    "updated_at",
]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "outlet",
        "kind",
        "published_on",
        "language",
        "link_health",
        "last_checked_at",
    ]
    list_filter = [LinkProblemFilter, "kind", "link_status", "language", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "author", "outlet__name"]
    autocomplete_fields = ["outlet"]
    formfield_overrides = HTTPS_URL_FIELDS
    date_hierarchy = "published_on"
    actions = ["check_link_now"]
    # Everything under "Link health" is written by link checks, never typed.
    readonly_fields = LINK_HEALTH
    fieldsets = [
        (
            None,
            {"fields": ["title", "url", "outlet", "kind", "published_on", "language", "author"]},
        ),
        ("Content", {"fields": ["text", "archived_url"], "classes": ["collapse"]}),
        ("Link health", {"fields": LINK_HEALTH}),
    ]

    @admin.display(description="Link", ordering="link_status")
    def link_health(self, obj):
        changed = " · page changed" if obj.content_changed_at else ""
        if obj.link_status in (LinkStatus.OK, LinkStatus.UNCHECKED) and not changed:
            return obj.get_link_status_display()
        return format_html(
            "<strong>{}</strong>{}<br><small>{}</small>",
            obj.get_link_status_display(),
            changed,
            obj.link_note,
        )

    @admin.display(description="Snapshots")
    def snapshot_list(self, obj):
        if obj.pk is None:
            return "—"
        if not obj.url:
            return self.snapshot_table(obj)
        # A button of the change form that posts it elsewhere: no nested form,
        # and the form's CSRF token goes along. The edits are not saved.
        button = format_html(
            '<p><button type="submit" class="button" formaction="{}" formnovalidate>'
            'Check link now</button> <span class="help">Fetches the page again now; '
            "unsaved edits are lost.</span></p>",
            reverse("admin:sources_source_check_link", args=[obj.pk]),
        )
        return format_html("{}{}", button, self.snapshot_table(obj))

    def snapshot_table(self, obj):
        snapshots = list(
            obj.snapshots.defer("body", "text").order_by("-fetched_at", "-pk")[:SNAPSHOTS_SHOWN]
        )
        if not snapshots:
            return "None yet: a snapshot is taken when the source is cited, or by “Check link now”."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td>"
            "<td>{}</td></tr>",
            (
                (
                    snapshot.fetched_at.strftime("%Y-%m-%d %H:%M UTC"),
                    snapshot.status_code or snapshot.error,
                    snapshot.final_url,
                    filesizeformat(snapshot.size) + (" (truncated)" if snapshot.truncated else ""),
                    snapshot.sha256[:16],
                    format_html(
                        '<a href="{}">view</a>',
                        reverse(
                            "source_snapshot_at",
                            kwargs={"pk": obj.pk, "snapshot_id": snapshot.pk},
                        ),
                    ),
                )
                for snapshot in snapshots
            ),
        )
        return format_html(
            "<table><thead><tr><th>Fetched</th><th>Status</th><th>Final URL</th><th>Size</th>"
            "<th>SHA-256</th><th></th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/check-link/",
                self.admin_site.admin_view(require_POST(self.check_link_view)),
                name="sources_source_check_link",
            ),
            *super().get_urls(),
        ]

    def check_link_view(self, request, pk):
        source = get_object_or_404(Source, pk=pk)
        if not self.has_change_permission(request, source):
            messages.error(request, "You may not check this source's link.")
        else:
            self.check_and_report(request, source)
        return redirect("admin:sources_source_change", source.pk)

    @admin.action(description="Check link now", permissions=["change"])
    def check_link_now(self, request, queryset):
        sources = list(queryset.exclude(url="")[: CHECK_NOW_MOST + 1])
        if len(sources) > CHECK_NOW_MOST:
            messages.error(
                request,
                f"Choose at most {CHECK_NOW_MOST} sources to check at once; "
                "`manage.py check_links` checks them all.",
            )
            return
        if not sources:
            messages.error(request, "None of the chosen sources has a URL to check.")
        for source in sources:
            self.check_and_report(request, source)

    def check_and_report(self, request, source):
        if not source.url:
            messages.error(request, f"“{source}” has no URL to check.")
            return
        snapshot = take_snapshot(source)
        source.refresh_from_db()
        message = f"“{source}”: {source.get_link_status_display()} ({source.link_note})."
        if snapshot.is_success:
            messages.success(request, message)
        else:
            messages.warning(request, message)
