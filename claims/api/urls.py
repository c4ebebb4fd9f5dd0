from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.api import claimreview, factchecktools, views

app_name = "api"

router = SimpleRouter()
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("sources", views.SourceViewSet, basename="source")
router.register("outlets", views.OutletViewSet, basename="outlet")
router.register("ratings", views.RatingViewSet, basename="rating")

urlpatterns = [
    path("claims:search", factchecktools.FactCheckSearchView.as_view(), name="claims-search"),
    path("claimreview/", claimreview.ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    *router.urls,
]
