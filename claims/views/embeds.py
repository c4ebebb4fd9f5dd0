"""The embeddable verdict card and its oEmbed endpoint.

Other sites frame the card, and CDNs cache it: these views never touch
request.user or the session, so Django sets no cookie and adds no
`Vary: Cookie`, and every answer carries validators derived from the claim.
Both come from the server-side cache (claims.caching) while the claim is
unchanged.
"""

import base64
import hashlib
from pathlib import Path
from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import get_conditional_response
from django.utils.html import format_html
from django.utils.http import http_date
from django.utils.safestring import SafeString
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from claims.caching import cached, claim_tokens
from claims.claimreview import absolute_url
from claims.forms import OEmbedForm
from claims.models import Claim

# Short, so that shared caches pick up a correction or retraction soon; the
# validators make each revalidation cheap.
EMBED_MAX_AGE = 60
CARD_WIDTH = 500
CARD_HEIGHT = 240

# The card's style and script are inlined, so that a card is one request, and
# allowed by their hashes alone: no other inline code runs in the card.
CARD_STYLE = (Path(settings.BASE_DIR) / "templates/embeds/claim_card.css").read_text()
CARD_SCRIPT = (Path(settings.BASE_DIR) / "templates/embeds/claim_card.js").read_text()


def csp_hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


# The site's policy, but any page may frame the card.
CARD_POLICY = {
    "frame-ancestors": ["*"],
    "style-src": [csp_hash(CARD_STYLE)],
    "script-src": [csp_hash(CARD_SCRIPT)],
}


def embed_script_url() -> str:
    # The unhashed address: snippets pasted into other sites outlive deploys.
    return absolute_url(settings.STATIC_URL + "embed.js")


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


def render_card(pk) -> tuple[str, int, str] | None:
    """(ETag, Last-Modified timestamp, HTML) of a public claim's card; None if not public."""
    claim = (
        Claim.objects.public().select_related("speaker", "verdict__rating").filter(pk=pk).first()
    )
    if claim is None:
        return None
    etag, last_modified = card_validators(claim)
    html = render_to_string(
        "embeds/claim_card.html",
        {
            "claim": claim,
            "verdict": getattr(claim, "verdict", None),
            "claim_url": absolute_url(claim.get_absolute_url()),
            "site_name": settings.FACTCHECK_ORGANISATION_NAME,
            "card_style": SafeString(CARD_STYLE),
            "card_script": SafeString(CARD_SCRIPT),
        },
    )
    return etag, last_modified, html


@require_safe
@xframe_options_exempt
@csp_replace(CARD_POLICY)
def claim_card(request, pk):
    card = cached(f"card:{pk}", claim_tokens(pk), lambda: render_card(pk))
    if card is None:
        raise Http404("No public claim has this id.")
    etag, last_modified, html = card
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(html)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={EMBED_MAX_AGE}"
    return response


def oembed_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def claim_pk_from_page_url(url: str, request) -> int | None:
    """The id in `url` if it is a claim page's address on this site."""
    parts = urlsplit(url)
    ours = {urlsplit(settings.FACTCHECK_SITE_URL).netloc.lower(), request.get_host().lower()}
    if parts.netloc.lower() not in ours:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.kwargs["pk"] if match.view_name == "claims:claim_detail" else None


def oembed_title(pk: int) -> str | None:
    """The oEmbed title of a published claim; None for any other.

    A retracted verdict keeps its card, so pages that embedded it show the
    retraction, but oEmbed no longer offers it for new embeds."""
    claim = Claim.objects.published().filter(pk=pk).first()
    return f"Fact check: {claim.text}" if claim else None


def oembed_answer(pk: int, title: str, width: int, height: int) -> dict:
    html = format_html(
        '<iframe class="factcheck-embed-frame" src="{}" width="{}" height="{}" title="{}" '
        'style="border:0;max-width:100%"></iframe><script async src="{}"></script>',
        absolute_url(reverse("claims:claim_card", kwargs={"pk": pk})),
        width,
        height,
        title,
        embed_script_url(),
    )
    return {
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


@require_safe
def oembed(request):
    """oEmbed 1.0 for claim pages: a `rich` answer whose html is the card's iframe."""
    response_format = request.GET.get("format", "json")
    if response_format != "json":
        return oembed_error(f"Format “{response_format}” is not supported; use json.", 501)
    form = OEmbedForm(request.GET)
    if not form.is_valid():
        return oembed_error("Invalid parameters.", 400, errors=form.errors.get_json_data())
    width = min(CARD_WIDTH, form.cleaned_data["maxwidth"] or CARD_WIDTH)
    height = min(CARD_HEIGHT, form.cleaned_data["maxheight"] or CARD_HEIGHT)
    pk = claim_pk_from_page_url(form.cleaned_data["url"], request)
    # Cached without the sizes, which each page asking may choose.
    title = (
        None if pk is None else cached(f"oembed:{pk}", claim_tokens(pk), lambda: oembed_title(pk))
    )
    if title is None:
        return oembed_error("That URL is not a published fact check on this site.", 404)
    data = oembed_answer(pk, title, width, height)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = f"public, max-age={EMBED_MAX_AGE}"
    return response
