from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from claims.sitemaps import SITEMAPS
from claims.views import pages

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages.robots_txt, name="robots_txt"),
    # Source pages list claims, so their view lives in claims (sources never
    # imports claims); Source.get_absolute_url() names this route.
    path("sources/<int:pk>/", pages.source_detail, name="source_detail"),
    path("", include("claims.urls")),
]
