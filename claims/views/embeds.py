"""The embeddable verdict card and its oEmbed endpoint.

Other sites frame the card, and CDNs cache it: these views never touch
request.user or the session, so Django sets no cookie and adds no
`Vary: Cookie`, and every answer carries validators derived from the claim.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import get_conditional_response
from django.utils.html import format_html
from django.utils.http import http_date
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from claims.claimreview import absolute_url
from claims.forms import OEmbedForm
from claims.models import Claim, ClaimState

# Short, so that shared caches pick up a correction or retraction soon; the
# validators make each revalidation cheap.
EMBED_MAX_AGE = 60
CARD_WIDTH = 500
CARD_HEIGHT = 240


def embed_script_url() -> str:
    # The unhashed address: snippets pasted into other sites outlive deploys.
    return absolute_url(settings.STATIC_URL + "embed.js")


def public_claim(pk) -> Claim:
    return get_object_or_404(
        Claim.objects.public().select_related("speaker", "verdict__rating"), pk=pk
    )


def card_validators(claim: Claim) -> tuple[str, int]:
    """(ETag, Last-Modified timestamp) covering everything the card shows.

    Every workflow step bumps claim.version and claim.updated_at; the speaker,
    the verdict and the rating can be edited on their own, so their state is
    folded into the tag too."""
    verdict = getattr(claim, "verdict", None)
    rating = verdict.rating if verdict else None
    stamps = [claim.updated_at]
    if claim.speaker:
        stamps.append(claim.speaker.updated_at)
    if verdict:
        stamps.append(verdict.updated_at)
    last_modified = max(stamps)
    parts = [*(stamp.isoformat() for stamp in stamps), claim.state]
    if rating:
        parts += [rating.label, rating.colour]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    return f'"{claim.pk}-{claim.version}-{digest}"', int(last_modified.timestamp())


@require_safe
@xframe_options_exempt
def claim_card(request, pk):
    claim = public_claim(pk)
    etag, last_modified = card_validators(claim)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        html = render_to_string(
            "embeds/claim_card.html",
            {
                "claim": claim,
                "verdict": getattr(claim, "verdict", None),
                "claim_url": absolute_url(claim.get_absolute_url()),
                "site_name": settings.FACTCHECK_ORGANISATION_NAME,
            },
        )
        response = HttpResponse(html)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={EMBED_MAX_AGE}"
    response["Content-Security-Policy"] = "frame-ancestors *"
    return response


def oembed_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def claim_from_page_url(url: str, request) -> Claim:
    """The published claim whose page is at `url` on this site; Http404 otherwise.

    A retracted verdict keeps its card, so pages that embedded it show the
    retraction, but oEmbed no longer offers it for new embeds."""
    parts = urlsplit(url)
    ours = {urlsplit(settings.FACTCHECK_SITE_URL).netloc.lower(), request.get_host().lower()}
    if parts.netloc.lower() not in ours:
        raise Http404
    try:
        match = resolve(parts.path)
    except Resolver404:
        raise Http404 from None
    if match.view_name != "claims:claim_detail":
        raise Http404
    claim = public_claim(match.kwargs["pk"])
    if claim.state != ClaimState.PUBLISHED:
        raise Http404
    return claim


@require_safe
def oembed(request):
    """oEmbed 1.0 for claim pages: a `rich` answer whose html is the card's iframe."""
    response_format = request.GET.get("format", "json")
    if response_format != "json":
        return oembed_error(f"Format “{response_format}” is not supported; use json.", 501)
    form = OEmbedForm(request.GET)
    if not form.is_valid():
        return oembed_error("Invalid parameters.", 400, errors=form.errors.get_json_data())
    try:
        claim = claim_from_page_url(form.cleaned_data["url"], request)
    except Http404:
        return oembed_error("That URL is not a published fact check on this site.", 404)
    width = min(CARD_WIDTH, form.cleaned_data["maxwidth"] or CARD_WIDTH)
    height = min(CARD_HEIGHT, form.cleaned_data["maxheight"] or CARD_HEIGHT)
    title = f"Fact check: {claim.text}"
    html = format_html(
        '<iframe class="factcheck-embed-frame" src="{}" width="{}" height="{}" title="{}" '
        'style="border:0;max-width:100%"></iframe><script async src="{}"></script>',
        absolute_url(reverse("claims:claim_card", kwargs={"pk": claim.pk})),
        width,
        height,
        title,
        embed_script_url(),
    )
    data = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": settings.FACTCHECK_ORGANISATION_NAME,
        "provider_url": settings.FACTCHECK_ORGANISATION_URL,
        "cache_age": EMBED_MAX_AGE,
        "html": html,
        "width": width,
        "height": height,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = f"public, max-age={EMBED_MAX_AGE}"
    return response
