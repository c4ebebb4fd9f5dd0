"""Find claims: a source's sentences most worth checking, ranked, and one click
from a candidate to a draft claim with its appearance in the source.

The views hang under the claim admin's URLs (sources must not import claims);
the source's change page links to them from its template.
"""

from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from claims.checkworthiness import score_sentences
from claims.extraction import extract_candidates, matched_claims, text_of_source
from claims.models import Speaker
from claims.sentences import clean
from claims.services import claim_create_from_source
from claims.workflow import RESEARCH, has_role
from sources.models import Source


class CandidateClaimForm(forms.Form):
    sentence = forms.CharField(max_length=5000)
    speaker = forms.ModelChoiceField(Speaker.objects.all(), required=False)
    # Set by the warning page: the editor has seen the matching verdicts.
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, source_text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.source_text = " ".join(clean(source_text).split())

    def clean_sentence(self):
        sentence = self.cleaned_data["sentence"]
        # The quote must be the source's words, or its quote check would fail.
        if " ".join(sentence.split()) not in self.source_text:
            raise ValidationError(
                "This sentence is not in the source's text; it may have changed since the "
                "candidates were listed."
            )
        return sentence


def urls(model_admin):
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}"
    site = model_admin.admin_site
    return [
        path(
            "find-claims/<int:source_id>/",
            site.admin_view(partial(find_claims_view, model_admin)),
            name=f"{prefix}_find_claims",
        ),
        path(
            "find-claims/<int:source_id>/create/",
            site.admin_view(partial(create_view, model_admin)),
            name=f"{prefix}_create_from_source",
        ),
    ]


def source_for(request, source_id: int) -> Source:
    if not has_role(request.user, RESEARCH):
        raise PermissionDenied("Only researchers and editors may capture claims.")
    return get_object_or_404(Source.objects.with_outlet(), pk=source_id)


def base_context(model_admin, request, source: Source, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "source": source,
        "source_url": reverse("admin:sources_source_change", args=[source.pk]),
        "find_url": reverse("admin:claims_claim_find_claims", args=[source.pk]),
        "create_url": reverse("admin:claims_claim_create_from_source", args=[source.pk]),
    }


def find_claims_view(model_admin, request, source_id: int):
    source = source_for(request, source_id)
    text, origin = text_of_source(source)
    candidates = extract_candidates(text) if text else []
    context = base_context(model_admin, request, source, f"Find claims: {source}")
    context |= {"text": text, "origin": origin, "candidates": candidates}
    return TemplateResponse(request, "admin/claims/claim/find_claims.html", context)


def create_view(model_admin, request, source_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    source = source_for(request, source_id)
    find_url = reverse("admin:claims_claim_find_claims", args=[source.pk])
    form = CandidateClaimForm(request.POST, source_text=text_of_source(source)[0])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                model_admin.message_user(request, error, messages.ERROR)
        return HttpResponseRedirect(find_url)
    sentence, speaker = form.cleaned_data["sentence"], form.cleaned_data["speaker"]
    if not form.cleaned_data["confirmed"] and (matches := matched_claims(sentence)):
        context = base_context(model_admin, request, source, "This may have been checked already")
        context |= {"sentence": sentence, "speaker": speaker, "matches": matches}
        return TemplateResponse(request, "admin/claims/claim/find_claims_confirm.html", context)
    try:
        claim = claim_create_from_source(
            by=request.user,
            source=source,
            sentence=sentence,
            speaker=speaker,
            checkworthiness=score_sentences([sentence])[0].score,
        )
    except ValidationError as error:
        for message in error.messages:
            model_admin.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(find_url)
    model_admin.message_user(request, f"Draft claim created: “{claim}”.", messages.SUCCESS)
    return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
