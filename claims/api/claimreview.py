from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView

from claims.api.pagination import MAX_PAGE_SIZE, LinkHeaderPagination
from claims.caching import cached_many, claim_tokens
from claims.claimreview import data_feed, feed_item
from claims.models import Claim


class FeedPageSerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, required=False, help_text="Page number, from 1.")
    page_size = serializers.IntegerField(
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        required=False,
        help_text=f"Reviews per page, 1 to {MAX_PAGE_SIZE}; "
        f"{LinkHeaderPagination.page_size} when left out.",
    )


class ClaimReviewFeedView(GenericAPIView):
    """Every published verdict as a schema.org DataFeed of ClaimReview, a page at a time."""

    pagination_class = LinkHeaderPagination
    filter_backends = []

    def get_queryset(self):
        # Published only, for everyone: drafts and retracted verdicts are no reviews.
        # Only the ids: each review comes from the cache, built when missing.
        return Claim.objects.published().latest_first().values_list("pk", flat=True)

    @extend_schema(
        operation_id="claimreview_feed",
        summary="All published verdicts as a schema.org DataFeed",
        description="The body is pure schema.org JSON-LD; the next and previous pages are "
        'in the `Link` header (`<…?page=2>; rel="next"`).',
        parameters=[
            FeedPageSerializer,
            OpenApiParameter(
                "Link",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200],
                description="Links to the next and previous pages, when there are any.",
            ),
        ],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="A schema.org DataFeed.")},
    )
    def get(self, request):
        pks = self.paginate_queryset(self.get_queryset())
        items = cached_many({pk: f"feed-item:{pk}" for pk in pks}, claim_tokens, build_feed_items)
        # A claim retracted since the page was counted has no review any more.
        return self.get_paginated_response(
            data_feed([items[pk] for pk in pks if items[pk] is not None])
        )


def build_feed_items(pks: list[int]) -> dict[int, dict]:
    claims = Claim.objects.published().for_claimreview().filter(pk__in=pks)
    return {claim.pk: feed_item(claim) for claim in claims}
