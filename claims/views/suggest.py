"""“Suggest a claim”: readers see matching published verdicts first, then may
send the claim, which lands as a draft in the editors' queue."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from claims import ratelimit
from claims.forms import SuggestionForm
from claims.matching import match_claims
from claims.models import Claim
from claims.services import claim_suggest

# Suggestions one client may send per hour.
SUGGESTIONS_PER_HOUR = 5
MATCHES_SHOWN = 5


@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request):
    if request.method != "POST":
        return render(request, "claims/suggest.html", {"form": SuggestionForm(), "checked": False})
    form = SuggestionForm(request.POST)
    context = {"form": form, "checked": False}
    if not form.is_valid():
        return render(request, "claims/suggest.html", context, status=400)

    if request.POST.get("action") != "send":
        # First step: what we have already checked, before anything is sent.
        published = Claim.objects.published().select_related("speaker", "verdict__rating")
        context["matches"] = [
            match.claim
            for match in match_claims(form.cleaned_data["text"], published, limit=MATCHES_SHOWN)
        ]
        context["checked"] = True
        return render(request, "claims/suggest.html", context)

    if not ratelimit.allow(
        "suggest", ratelimit.client_key(request), limit=SUGGESTIONS_PER_HOUR, period=3600
    ):
        form.add_error(
            None,
            f"You have sent {SUGGESTIONS_PER_HOUR} suggestions in the last hour, the most we "
            "accept. Nothing was sent; please try again later.",
        )
        context["checked"] = True
        return render(request, "claims/suggest.html", context, status=429)
    try:
        claim_suggest(
            text=form.cleaned_data["text"],
            contact=form.cleaned_data["contact"],
            source_url=form.cleaned_data["source_url"],
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        context["checked"] = True
        return render(request, "claims/suggest.html", context, status=400)
    return redirect("claims:suggest_thanks")


@require_safe
def suggest_thanks(request):
    return render(request, "claims/suggest_thanks.html")
