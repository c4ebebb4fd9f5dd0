from django.urls import path

from claims.views import embeds, feeds, pages, suggest

app_name = "claims"

urlpatterns = [
    # First: the most requested address, framed by other sites' pages; Django
    # tries the patterns in order.
    path("embed/claims/<int:pk>/", embeds.claim_card, name="claim_card"),
    path("", pages.home, name="home"),
    path("claims/", pages.claim_list, name="claim_list"),
    path("claims/<int:pk>/", pages.claim_detail, name="claim_detail"),
    path("speakers/", pages.speaker_list, name="speaker_list"),
    path("speakers/<slug:slug>/", pages.speaker_detail, name="speaker_detail"),
    path("ratings/", pages.ratings, name="ratings"),
    path("corrections/", pages.corrections, name="corrections"),
    path("about/", pages.about, name="about"),
    path("suggest/", suggest.suggest, name="suggest"),
    path("suggest/thanks/", suggest.suggest_thanks, name="suggest_thanks"),
    path("feeds/verdicts.rss", feeds.VerdictsRssFeed(), name="feed_rss"),
    path("feeds/verdicts.atom", feeds.VerdictsAtomFeed(), name="feed_atom"),
    path("oembed/", embeds.oembed, name="oembed"),
]
