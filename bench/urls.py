"""Every URL of the site, plus the floor: a view that does nothing, measured
under the same server as the real pages so they can be given as its ratio."""

from django.urls import include, path

from bench.views import floor

urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("", include("factcheck.urls")),
]
