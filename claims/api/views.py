from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims.api.conditional import (
    conditional_rendered_response,
    conditional_response,
    rendered,
)
from claims.api.filters import ClaimFilter, RatingFilter, SourceFilter, SpeakerFilter
from claims.api.pagination import ClaimPagePagination
from claims.api.permissions import sees_drafts
from claims.api.serializers import (
    TRANSITION_NAMES,
    ClaimCreateSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    ErrorSerializer,
    EvidenceSerializer,
    EvidenceWriteSerializer,
    MatchListSerializer,
    MatchQuerySerializer,
    OutletSerializer,
    RatingSerializer,
    SourceSerializer,
    SpeakerSerializer,
    TransitionSerializer,
    VerdictWriteSerializer,
)
from claims.api.visibility import (
    visible_claims,
    visible_outlets,
    visible_sources,
    visible_speakers,
)
from claims.caching import cached, cached_many, claim_tokens
from claims.claimreview import claim_review
from claims.matching import match_claims
from claims.models import Claim, ClaimState, Evidence, Rating
from claims.services import claim_create, claim_update, evidence_attach, verdict_update
from claims.workflow import TRANSITIONS, claim_transition

# Detail answers carry an ETag; claims.api.schema adds the 304 they may give.
CONDITIONAL = [
    OpenApiParameter(
        "If-None-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="An ETag from an earlier answer; 304 if the body is still the same.",
    ),
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description="Changes whenever the body does.",
    ),
]


class Gone(APIException):
    status_code = status.HTTP_410_GONE
    default_detail = "This is gone for good."
    default_code = "gone"


WRITE_REFUSALS = (
    "Refusals: 400 with field errors for bad or unknown fields, 401 without a valid "
    "token, 403 for an account that may not edit the claim in its state, 404 for a claim "
    "the account cannot see."
)


class ConditionalRetrieveMixin:
    @extend_schema(parameters=CONDITIONAL)
    def retrieve(self, request, *args, **kwargs):
        return conditional_response(request, self.get_serializer(self.get_object()).data)


@extend_schema_view(
    list=extend_schema(summary="Claims, newest first, with filters and full-text search"),
    retrieve=extend_schema(summary="One claim with its verdict, evidence and corrections"),
    create=extend_schema(
        summary="Capture a claim as a draft (staff token)",
        request=ClaimCreateSerializer,
        responses={201: ClaimSerializer},
    ),
    partial_update=extend_schema(
        summary="Edit a claim's text, speaker, date, language, topics or assignee (staff token)",
        description="Only the fields given change. Researchers edit drafts and claims in "
        "research; later, only editors. `expected_version` is required: if the claim changed "
        "since, nothing is saved and the answer is a 400 whose `non_field_errors` say who "
        "changed it. Each edit moves the claim's `version` on by one. " + WRITE_REFUSALS,
        request=ClaimUpdateSerializer,
        responses={200: ClaimSerializer},
    ),
)
class ClaimViewSet(
    ConditionalRetrieveMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Published and retracted claims for everyone; every state for researchers and editors."""

    filterset_class = ClaimFilter
    pagination_class = ClaimPagePagination
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        claims = visible_claims(self.request.user).for_display()
        if sees_drafts(self.request.user):
            claims = claims.select_related("assignee").prefetch_related("verdict__authors")
        return claims.order_by("-created_at", "-pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "desk": sees_drafts(self.request.user)}

    def get_serializer_class(self):
        return {
            "create": ClaimCreateSerializer,
            "partial_update": ClaimUpdateSerializer,
            "verdict": VerdictWriteSerializer,
            "evidence": EvidenceWriteSerializer,
            "transition": TransitionSerializer,
        }.get(self.action, ClaimSerializer)

    def read(self, claim: Claim) -> dict:
        claim = self.get_queryset().get(pk=claim.pk)
        return ClaimSerializer(claim, context=self.get_serializer_context()).data

    # Public claims read the same for everyone who does not see drafts, so their
    # answers come from the cache (claims.caching); researchers and editors, and
    # detail requests with filters, read the database as before.

    def from_cache(self, request) -> bool:
        return not request.query_params and not sees_drafts(request.user)

    def list(self, request, *args, **kwargs):
        if sees_drafts(request.user):
            return super().list(request, *args, **kwargs)
        # The page's ids from the database, each claim as its detail answer
        # is cached: the same entries, built together when missing.
        keys = self.paginate_queryset(
            self.filter_queryset(self.get_queryset()).values_list("pk", flat=True)
        )
        bodies = public_detail_bodies(keys)
        return self.paginator.get_rendered_paginated_response(list(bodies.values()))

    @extend_schema(parameters=CONDITIONAL)
    def retrieve(self, request, *args, **kwargs):
        pk = int(kwargs["pk"])  # one key for "012" and "12"
        if self.from_cache(request):
            detail = cached(detail_key(pk), claim_tokens(pk), lambda: public_detail(pk))
            if detail is not None:
                return conditional_rendered_response(request, *detail)
        # Not public (the usual 404), or not for the cache.
        return super().retrieve(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        serializer = ClaimCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = claim_create(by=request.user, **serializer.validated_data)
        location = request.build_absolute_uri(reverse("api:claim-detail", kwargs={"pk": claim.pk}))
        return Response(
            self.read(claim), status=status.HTTP_201_CREATED, headers={"Location": location}
        )

    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        serializer = ClaimUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = claim_update(claim=claim, by=request.user, **serializer.validated_data)
        return Response(self.read(claim))

    @extend_schema(
        summary="Write the claim's verdict (staff token)",
        description="PUT replaces the verdict: a field left out is emptied. PATCH changes "
        "only the fields given. Either makes the verdict if the claim has none, and answers "
        "with the claim, whose `version` has moved on by one. The same rules as for editing "
        "the claim apply, and `expected_version` is required; a published verdict's rating "
        "is refused here (a 400 on `rating`): it changes only through `correct`. " + WRITE_REFUSALS,
        request=VerdictWriteSerializer,
        responses={200: ClaimSerializer},
    )
    @action(detail=True, methods=["put", "patch"], filter_backends=[], pagination_class=None)
    def verdict(self, request, pk=None):
        claim = self.get_object()
        serializer = VerdictWriteSerializer(
            data=request.data, context={"claim": claim, "replace": request.method == "PUT"}
        )
        serializer.is_valid(raise_exception=True)
        verdict_update(claim=claim, by=request.user, **serializer.validated_data)
        return Response(self.read(claim))

    @extend_schema(
        summary="Attach a piece of evidence (staff token)",
        request=EvidenceWriteSerializer,
        responses={201: EvidenceSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def evidence(self, request, pk=None):
        claim = self.get_object()
        serializer = EvidenceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        evidence = evidence_attach(claim=claim, by=request.user, **serializer.validated_data)
        evidence = Evidence.objects.select_related("source__outlet").get(pk=evidence.pk)
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="claims_transition",
        summary="Move a claim through the editorial workflow (staff token)",
        description="The same rules and messages as the admin: "
        + "; ".join(f"`{t.name}`: {t.label.lower()}" for t in TRANSITIONS.values())
        + ". A refusal is a 400 with the reasons in `non_field_errors`; publishing a claim "
        "whose quotes are not verified against their sources needs "
        "`confirm_unverified_quotes: true` (else a 400 with that field's error). `recheck` "
        "says the published verdict is still accurate as of today; a bad `recheck_on` is a 400 "
        "with that field's error.",
        parameters=[
            OpenApiParameter(
                "transition", OpenApiTypes.STR, OpenApiParameter.PATH, enum=TRANSITION_NAMES
            )
        ],
        request=TransitionSerializer,
        responses={200: ClaimSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=f"(?P<transition>{'|'.join(TRANSITION_NAMES)})",
        filter_backends=[],
        pagination_class=None,
    )
    def transition(self, request, pk=None, transition=None):
        claim = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        claim = claim_transition(
            claim=claim,
            name=transition,
            by=request.user,
            comment=data["comment"],
            expected_version=data["expected_version"],
            correction_kind=data["kind"],
            new_rating=serializer.rating_for(claim) if transition == "correct" else None,
            confirm_unverified_quotes=data["confirm_unverified_quotes"],
            recheck_on=data["recheck_on"],
        )
        return Response(self.read(claim))

    @extend_schema(
        summary="The claim's schema.org ClaimReview (JSON-LD)",
        description="404 unless the claim is published; 410 Gone once its verdict was "
        "retracted (the claim itself, with its retraction notice, stays readable).",
        parameters=CONDITIONAL,
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="A schema.org ClaimReview."),
            410: OpenApiResponse(ErrorSerializer, description="The verdict was retracted."),
        },
    )
    @action(detail=True, filter_backends=[], pagination_class=None)
    def claimreview(self, request, pk=None):
        if self.from_cache(request):
            pk = int(pk)  # one key for "012" and "12"
            review = cached(f"api:claimreview:{pk}", claim_tokens(pk), lambda: public_review(pk))
            if review is not None:
                return conditional_rendered_response(request, *review)
        # Not published (404 or 410), or not for the cache.
        claim = get_object_or_404(visible_claims(request.user).for_claimreview(), pk=pk)
        if claim.state == ClaimState.RETRACTED:
            raise Gone(f"This verdict was retracted. {claim.retraction_note}".strip())
        if claim.state != ClaimState.PUBLISHED:
            raise NotFound("Only published claims have a ClaimReview.")
        return conditional_response(request, claim_review(claim))

    @extend_schema(
        summary="Published claims that most probably make the claim a text makes",
        description="Has this been checked already? The text may be in any language "
        "multilingual-e5-small knows (about 100). Each result's `score` is the probability, "
        "from 0 to 1, that the claim is the one the text makes (calibrated on CLEF "
        "CheckThat! 2020 Task 2), best first; `evidence` says what found it: `lexical` "
        "(shared words) and/or `semantic` (close in meaning).",
        parameters=[MatchQuerySerializer],
        responses={200: MatchListSerializer},
    )
    @action(detail=False, filter_backends=[], pagination_class=None)
    def match(self, request):
        query = MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        from_cache = not sees_drafts(request.user)
        found = match_claims(
            params["text"],
            Claim.objects.published() if from_cache else Claim.objects.published().for_display(),
            limit=params["limit"],
            threshold=params["threshold"],
        )
        if not from_cache:
            results = [{"score": m.score, "evidence": m.evidence, "claim": m.claim} for m in found]
            return Response(MatchListSerializer({"results": results}).data)
        # Each claim as its cached detail answer, spliced in as rendered.
        bodies = public_detail_bodies([m.claim.pk for m in found])
        results = b",".join(
            b'{"score":%s,"evidence":%s,"claim":%s}'
            % (
                JSONRenderer().render(m.score),
                JSONRenderer().render(m.evidence),
                bodies[m.claim.pk],
            )
            for m in found
            if m.claim.pk in bodies
        )
        return HttpResponse(b'{"results":[' + results + b"]}", content_type="application/json")


def detail_key(pk: int) -> str:
    # One entry per claim, shared by its detail, list pages and matches.
    return f"api:claim:{pk}"


def public_detail_bodies(pks: list[int]) -> dict[int, bytes]:
    """{id: JSON body} of the claims' cached detail answers, in the order of
    `pks`; a claim withdrawn from the public since its id was read is left out."""
    details = cached_many({pk: detail_key(pk) for pk in pks}, claim_tokens, public_details)
    return {pk: details[pk][1] for pk in pks if details[pk] is not None}


def public_detail(pk: int) -> tuple[str, bytes] | None:
    # An exact lookup: any id a client sends, even past the column's range, is a 404.
    claim = Claim.objects.public().for_display().filter(pk=pk).first()
    return rendered(ClaimSerializer(claim).data) if claim else None


def public_details(pks: list[int]) -> dict[int, tuple[str, bytes]]:
    """public_detail() of claims whose ids came from the database."""
    claims = list(Claim.objects.public().for_display().filter(pk__in=pks))
    # One serializer for them all: DRF builds a serializer's fields per instance,
    # which costs more than turning a claim into data.
    data = ClaimSerializer(claims, many=True).data
    return {claim.pk: rendered(item) for claim, item in zip(claims, data, strict=True)}


def public_review(pk: int) -> tuple[str, bytes] | None:
    claim = Claim.objects.published().for_claimreview().filter(pk=pk).first()
    return rendered(claim_review(claim)) if claim else None


@extend_schema_view(
    list=extend_schema(summary="Speakers"), retrieve=extend_schema(summary="One speaker")
)
class SpeakerViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SpeakerSerializer
    filterset_class = SpeakerFilter
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return visible_speakers(self.request.user).order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Sources"), retrieve=extend_schema(summary="One source")
)
class SourceViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return visible_sources(self.request.user).select_related("outlet").order_by("title", "pk")


@extend_schema_view(
    list=extend_schema(summary="Outlets"), retrieve=extend_schema(summary="One outlet")
)
class OutletViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OutletSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return visible_outlets(self.request.user).order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Ratings and their scales"),
    retrieve=extend_schema(summary="One rating"),
)
class RatingViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RatingSerializer
    filterset_class = RatingFilter
    lookup_value_regex = r"[0-9]+"
    queryset = Rating.objects.select_related("scale").order_by("scale__name", "pk")
