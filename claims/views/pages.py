"""The reader's pages. Only public claims (published, or retracted and shown
as such) ever reach them; anything else is a 404."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from claims.caching import LISTS, SITE, cached
from claims.claimreview import absolute_url, claim_review, jsonld_script
from claims.forms import DEFAULT_PAGE_SIZE, ClaimFilterForm
from claims.models import (
    Claim,
    ClaimState,
    Correction,
    Evidence,
    Page,
    Rating,
    Speaker,
    WorkflowEvent,
)
from claims.paging import ClaimPaginator
from claims.scorecard import speaker_scorecard
from claims.search import search_claims
from claims.views.embeds import embed_script_url
from sources.models import Source

HOME_LATEST = 10
RANKED_MATCHES = 1000
# As short as the embed card's: a CDN picks up a new verdict within a minute.
PAGE_MAX_AGE = 60


def listed(queryset):
    """Claims as the lists show them: with speaker and rating, newest verdict first."""
    return queryset.select_related("speaker", "verdict__rating").latest_first()


def page_text(slug: str) -> Page | None:
    return Page.objects.filter(slug=slug).first()


def render_home() -> tuple[str, str]:
    """(ETag, HTML) of the home page, the same for every reader: rendered
    without the request, so nothing of whoever asked first can show in it."""
    html = render_to_string(
        "claims/home.html",
        {
            "claims": listed(Claim.objects.public())[:HOME_LATEST],
            "ratings": Rating.objects.filter(scale__is_default=True),
            "site_name": settings.FACTCHECK_ORGANISATION_NAME,
        },
    )
    return f'"{hashlib.sha256(html.encode()).hexdigest()[:32]}"', html


@require_safe
def home(request):
    # From the cache while no claim, rating or page changed (claims.caching).
    etag, html = cached("home", [SITE, LISTS], render_home)
    response = get_conditional_response(request, etag=etag) or HttpResponse(html)
    response["ETag"] = etag
    # Nothing on it depends on who reads it, so shared caches may keep it too.
    response["Cache-Control"] = f"public, max-age={PAGE_MAX_AGE}"
    return response


@require_safe
def claim_list(request):
    form = ClaimFilterForm(request.GET)
    context = {"form": form, "filtered": any(v for k, v in request.GET.items() if k != "page")}
    if not form.is_valid():
        return render(request, "claims/claim_list.html", context, status=400)
    claims = form.filter(listed(Claim.objects.public()))
    page_size = form.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE
    if query := form.cleaned_data["q"]:
        language = form.cleaned_data["language"]
        # Ranking reads every match: a search matching more than RANKED_MATCHES
        # claims lists the newest of them first instead, as far as that many.
        found = search_claims(claims, query, language=language, ranked=False)
        paginator = ClaimPaginator(found, page_size, most=RANKED_MATCHES)
        if not paginator.more:
            ranked = search_claims(claims, query, language=language)
            paginator = ClaimPaginator(ranked, page_size, count=paginator.count)
    else:
        paginator = ClaimPaginator(claims, page_size)
    try:
        context["page_obj"] = paginator.page(form.cleaned_data["page"] or 1)
    except EmptyPage:
        context["missing_page"] = form.cleaned_data["page"]
        context["num_pages"] = paginator.num_pages
        return render(request, "claims/claim_list.html", context, status=404)
    return render(request, "claims/claim_list.html", context)


def claim_for_page(pk: int) -> Claim:
    """A public claim with everything its page and its ClaimReview read."""
    return get_object_or_404(
        Claim.objects.public().for_display(),
        pk=pk,
    )


@require_safe
def claim_detail(request, pk):
    claim = claim_for_page(pk)
    evidence = list(claim.evidence.all())
    canonical = absolute_url(claim.get_absolute_url())
    oembed = (
        absolute_url(reverse("claims:oembed"))
        + "?"
        + urlencode({"url": canonical, "format": "json"})
    )
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "verdict": getattr(claim, "verdict", None),
            "evidence_groups": [
                (label, [e for e in evidence if e.stance == stance])
                for stance, label in Evidence.Stance.choices
                if any(e.stance == stance for e in evidence)
            ],
            "canonical_url": canonical,
            "oembed_url": oembed,
            "embed_snippet": embed_snippet(claim),
            # Retracted verdicts are no longer reviews; the builder refuses them.
            "jsonld": jsonld_script(claim_review(claim))
            if claim.state == ClaimState.PUBLISHED
            else "",
        },
    )


def embed_snippet(claim: Claim) -> str:
    """The one line another site pastes to embed the verdict card."""
    return format_html(
        '<blockquote class="factcheck-embed" data-claim="{}"><a href="{}">{}</a></blockquote>'
        '<script async src="{}"></script>',
        claim.pk,
        absolute_url(claim.get_absolute_url()),
        f"Fact check: {Truncator(claim.text).chars(80)}",
        embed_script_url(),
    )


@require_safe
def speaker_list(request):
    speakers = (
        Speaker.objects.annotate(
            claim_count=Count("claims", filter=Q(claims__in=Claim.objects.public()))
        )
        .filter(claim_count__gt=0)
        .order_by("name")
    )
    return render(request, "claims/speaker_list.html", {"speakers": speakers})


@require_safe
def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    claims = list(listed(speaker.claims.public()))
    # A speaker is public only through their public claims: a page for someone
    # whose claims are all still drafts would tell that we are checking them.
    if not claims:
        raise Http404("No public verdicts on claims by this speaker.")
    return render(
        request,
        "claims/speaker_detail.html",
        {"speaker": speaker, "claims": claims, "scorecard": speaker_scorecard(speaker)},
    )


@require_safe
def source_detail(request, pk):
    source = get_object_or_404(Source.objects.with_outlet().with_snapshot_id(), pk=pk)
    public = listed(Claim.objects.public())
    appeared_in = list(public.filter(appearances__source=source))
    cited_by = list(public.filter(evidence__source=source).distinct())
    if not appeared_in and not cited_by:
        raise Http404("No public verdict uses this source.")
    return render(
        request,
        "sources/source_detail.html",
        {"source": source, "appeared_in": appeared_in, "cited_by": cited_by},
    )


@require_safe
def ratings(request):
    return render(
        request,
        "claims/ratings.html",
        {
            "page": page_text(Page.METHODOLOGY),
            "ratings": Rating.objects.filter(scale__is_default=True).select_related("scale"),
        },
    )


@require_safe
def corrections(request):
    retracted_at = WorkflowEvent.objects.filter(
        claim=OuterRef("pk"), to_state=ClaimState.RETRACTED
    ).order_by("-created_at")
    return render(
        request,
        "claims/corrections.html",
        {
            "page": page_text(Page.CORRECTIONS_POLICY),
            "corrections": Correction.objects.filter(claim__in=Claim.objects.public())
            .select_related("claim", "rating_before", "rating_after")
            .order_by("-created_at", "-pk"),
            "retractions": Claim.objects.in_state(ClaimState.RETRACTED)
            .annotate(retracted_at=Subquery(retracted_at.values("created_at")[:1]))
            .order_by(F("retracted_at").desc(nulls_last=True), "-pk"),
        },
    )


@require_safe
def about(request):
    page = page_text(Page.ABOUT)
    if page is None:
        raise Http404("The about page has not been written.")
    return render(request, "claims/about.html", {"page": page})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /suggest/",
        "Disallow: /oembed/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
