"""sitemap.xml: every public page, with absolute URLs on FACTCHECK_SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse

from claims.models import Claim, Speaker
from sources.models import Source


class SiteSitemap(Sitemap):
    # The public address, not the host the request came to (a proxy or a
    # replica may answer under another name).
    def get_protocol(self, protocol=None):
        return urlsplit(settings.FACTCHECK_SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.FACTCHECK_SITE_URL).netloc


class ClaimSitemap(SiteSitemap):
    def items(self):
        return Claim.objects.public().order_by("pk")

    def lastmod(self, claim):
        return claim.updated_at


class SpeakerSitemap(SiteSitemap):
    def items(self):
        return Speaker.objects.filter(claims__in=Claim.objects.public()).distinct().order_by("pk")

    def lastmod(self, speaker):
        return speaker.updated_at


class SourceSitemap(SiteSitemap):
    def items(self):
        public = Claim.objects.public()
        return (
            Source.objects.filter(Q(appearances__claim__in=public) | Q(evidence__claim__in=public))
            .distinct()
            .order_by("pk")
        )

    def lastmod(self, source):
        return source.updated_at


class PageSitemap(SiteSitemap):
    def items(self):
        return [
            "claims:home",
            "claims:claim_list",
            "claims:speaker_list",
            "claims:ratings",
            "claims:corrections",
            "claims:about",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "claims": ClaimSitemap,
    "speakers": SpeakerSitemap,
    "sources": SourceSitemap,
}
