from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from claims.api.errors import api_not_found
from claims.sitemaps import SITEMAPS
from claims.views import pages, snapshots

urlpatterns = [
    # The public site first (no address of it starts like the others): its
    # embed cards are the most requested, and Django tries patterns in order.
    path("", include("claims.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Its script comes from a second request (?script), as the Content-Security-Policy
    # allows no inline script.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    # Clients of the API get JSON, not the site's HTML page, for a wrong address.
    re_path(r"^api/", api_not_found),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages.robots_txt, name="robots_txt"),
    # Source pages list claims, so their view lives in claims (sources never
    # imports claims); Source.get_absolute_url() names this route.
    path("sources/<int:pk>/", pages.source_detail, name="source_detail"),
    path("sources/<int:pk>/snapshot/", snapshots.source_snapshot, name="source_snapshot"),
    path(
        "sources/<int:pk>/snapshot/<int:snapshot_id>/",
        snapshots.source_snapshot_at,
        name="source_snapshot_at",
    ),
    path(
        "sources/<int:pk>/snapshot/<int:snapshot_id>/body",
        snapshots.source_snapshot_body,
        name="source_snapshot_body",
    ),
]
