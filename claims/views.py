from django.shortcuts import get_object_or_404, render

from claims.models import Claim, Speaker


def home(request):
    claims = (
        Claim.objects.public()
        .select_related("speaker", "verdict__rating")
        .order_by("-verdict__published_at")[:20]
    )
    return render(request, "claims/home.html", {"claims": claims})


def claim_detail(request, pk):
    claim = get_object_or_404(
        Claim.objects.public().select_related("speaker", "verdict__rating"), pk=pk
    )
    return render(request, "claims/claim_detail.html", {"claim": claim})


def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    claims = speaker.claims.public().select_related("verdict__rating")
    return render(request, "claims/speaker_detail.html", {"speaker": speaker, "claims": claims})
