from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker_detail"),
]
