"""`GET /api/v1/claims:search`, shaped like Google Fact Check Tools'
`claims:search`, so consumers built on that API can point at us."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.filters import language_q
from claims.claimreview import absolute_url
from claims.matching import match_claims
from claims.models import Claim
from claims.search import search_claims

MAX_PAGE_SIZE = 100
# Claims likely to be the query's claim (claims.matching) come first, most
# probable first; every other claim holding the query's words follows.
MATCHES_FIRST = 20
# The offset of the page's first claim, as the schema describes it.
PAGE_TOKEN = r"^[0-9]{1,9}$"


class SearchQuerySerializer(serializers.Serializer):
    query = serializers.CharField(max_length=500, help_text="Words to look for in claims.")
    languageCode = serializers.CharField(  # noqa: N815 -- Google's parameter names
        max_length=35, required=False, help_text='BCP 47, e.g. "en" or "en-US".'
    )
    maxAgeDays = serializers.IntegerField(  # noqa: N815
        min_value=1, max_value=36500, required=False, help_text="Reviews at most this old."
    )
    pageSize = serializers.IntegerField(  # noqa: N815
        min_value=1, max_value=MAX_PAGE_SIZE, default=10, help_text="Claims per page."
    )
    pageToken = serializers.RegexField(  # noqa: N815
        PAGE_TOKEN,
        required=False,
        help_text="The `nextPageToken` of the previous page.",
        error_messages={"invalid": "Not a page token this API gave out."},
    )

    def validate_pageToken(self, value):  # noqa: N802
        return int(value)


class PublisherSerializer(serializers.Serializer):
    name = serializers.CharField()
    site = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    publisher = PublisherSerializer()
    url = serializers.URLField()
    title = serializers.CharField(required=False)
    reviewDate = serializers.DateTimeField(required=False)  # noqa: N815
    textualRating = serializers.CharField()  # noqa: N815
    languageCode = serializers.CharField()  # noqa: N815


class FoundClaimSerializer(serializers.Serializer):
    text = serializers.CharField()
    claimant = serializers.CharField(required=False)
    claimDate = serializers.DateTimeField(required=False)  # noqa: N815
    claimReview = ReviewSerializer(many=True)  # noqa: N815


class SearchResultSerializer(serializers.Serializer):
    claims = FoundClaimSerializer(many=True)
    nextPageToken = serializers.CharField(required=False)  # noqa: N815


def _timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _review(claim: Claim) -> dict:
    verdict = claim.verdict
    if verdict.publisher:
        outlet = verdict.publisher
        site = outlet.domain or urlsplit(outlet.homepage or verdict.review_url).hostname or ""
        publisher = {"name": outlet.name, "site": site}
    else:
        site = urlsplit(settings.FACTCHECK_ORGANISATION_URL).hostname or ""
        publisher = {"name": settings.FACTCHECK_ORGANISATION_NAME, "site": site}
    review = {
        "publisher": publisher,
        "url": verdict.review_url or absolute_url(claim.get_absolute_url()),
    }
    if verdict.headline:
        review["title"] = verdict.headline
    if verdict.published_at:
        review["reviewDate"] = _timestamp(verdict.published_at)
    review["textualRating"] = verdict.rating.label
    review["languageCode"] = claim.language
    return review


def found_claim(claim: Claim) -> dict:
    found = {"text": claim.text}
    if claim.speaker:
        found["claimant"] = claim.speaker.name
    if claim.said_on:
        found["claimDate"] = _timestamp(
            dt.datetime.combine(claim.said_on, dt.time.min, tzinfo=dt.UTC)
        )
    found["claimReview"] = [_review(claim)]
    return found


class FactCheckSearchView(APIView):
    @extend_schema(
        summary="Search published claims the way Google Fact Check Tools does",
        description="The request and answer of Fact Check Tools' `claims:search`: `claims[]` "
        "with `claimReview[]`, and a `nextPageToken` while there are more. Claims that make "
        "the query's claim, in any language, come first, most probable first (as "
        "`/api/v1/claims/match/` finds them); then every other claim holding the query's "
        "words, newest verdict first.",
        parameters=[SearchQuerySerializer],
        responses={200: SearchResultSerializer},
    )
    def get(self, request):
        # A plain dict, not the QueryDict: DRF reads an empty value in form data
        # as "not given", and `pageToken=` is not a page token.
        params = SearchQuerySerializer(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        params = params.validated_data
        claims = Claim.objects.published().select_related(
            "speaker", "verdict__rating", "verdict__publisher"
        )
        if "languageCode" in params:
            claims = claims.filter(language_q("language", params["languageCode"]))
        if "maxAgeDays" in params:
            since = timezone.now() - dt.timedelta(days=params["maxAgeDays"])
            claims = claims.filter(verdict__published_at__gte=since)
        start, size = params.get("pageToken", 0), params["pageSize"]
        matched = [m.claim for m in match_claims(params["query"], claims, limit=MATCHES_FIRST)]
        rows = matched[start : start + size + 1]
        if len(rows) <= size:
            # One row more than the page tells whether another page follows, without a count.
            worded = search_claims(
                claims, params["query"], language=params.get("languageCode", ""), ranked=False
            ).exclude(pk__in=[claim.pk for claim in matched])
            offset = max(start - len(matched), 0)
            rows += worded.latest_first()[offset : offset + size + 1 - len(rows)]
        body = {"claims": [found_claim(claim) for claim in rows[:size]]}
        if len(rows) > size:
            body["nextPageToken"] = str(start + size)
        return Response(body)
