"""The claim desk: where researchers and editors work all day.

State changes go through claims.workflow; edits are refused when based on
a stale version; every change is kept by django-simple-history.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.timesince import timesince
from simple_history.admin import SimpleHistoryAdmin

from claims.admin import find_claims
from claims.admin.filters import (
    AssignmentFilter,
    BrokenLinksFilter,
    RecheckFilter,
    ReviewQueueFilter,
    UnverifiedQuotesFilter,
)
from claims.admin.forms import (
    AssignForm,
    BulkTransitionForm,
    ClaimAdminForm,
    TransitionForm,
    VerdictAdminForm,
)
from claims.admin.reference import rating_badge
from claims.history import claim_changes
from claims.matching import match_claims
from claims.models import Appearance, Claim, Correction, Evidence, SignOff, Verdict
from claims.quotes import link_trouble
from claims.services import claim_assign
from claims.versioning import claim_new_version
from claims.workflow import (
    TRANSITIONS,
    available_transitions,
    can_change_rating,
    can_delete,
    can_edit,
    claim_transition,
    transition_errors,
    unverified_quotes,
)

# A correction and a re-check are each an editor's judgement of one verdict.
BULK_TRANSITIONS = [t for t in TRANSITIONS.values() if t.name not in ("correct", "recheck")]


class ClaimPartInline:
    """Appearances, evidence and the verdict are edited with their claim, and
    only by those who may edit the claim in its current state."""

    def has_add_permission(self, request, obj=None):
        return (obj is None or can_edit(request.user, obj)) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return (obj is None or can_edit(request.user, obj)) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return (obj is None or can_edit(request.user, obj)) and super().has_delete_permission(
            request, obj
        )


class QuoteCheckInline(ClaimPartInline):
    """Beside each quote: was it found in its source (claims.quotes)?"""

    readonly_fields = ["quote_status"]

    def get_queryset(self, request):
        # The status column reads the source, and the row title its claim.
        return super().get_queryset(request).select_related("source", "claim")

    @admin.display(description="Quote check")
    def quote_status(self, obj):
        if obj is None or obj.pk is None:
            return "Checked when saved."
        if not obj.quote:
            return "No quote."
        status = format_html(
            '<span class="fc-quote fc-quote-{}">{}</span>',
            obj.quote_check,
            obj.get_quote_check_display(),
        )
        if trouble := link_trouble(obj.source):
            status = format_html(
                '{} <span class="fc-link-{}" title="{}">Source link: {}</span>',
                status,
                obj.source.link_status,
                obj.source.link_note,
                trouble.lower(),
            )
        return status


class AppearanceInline(QuoteCheckInline, admin.TabularInline):
    model = Appearance
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "quote", "quote_status", "appeared_on", "is_first"]


class VerdictInline(ClaimPartInline, admin.StackedInline):
    model = Verdict
    form = VerdictAdminForm
    formfield_overrides = {models.CharField: {"widget": forms.Textarea(attrs={"rows": 2})}}
    extra = 1
    max_num = 1
    autocomplete_fields = ["rating", "authors"]
    fields = [
        "rating",
        "headline",
        "summary",
        "explanation",
        "authors",
        ("as_of", "recheck_on", "rechecked_on"),
        "published_at",
        "publisher",
        "review_url",
    ]
    # Set by the ClaimReview importer for other fact-checkers' reviews, and by
    # "Re-checked: still accurate".
    readonly_fields = ["rechecked_on", "published_at", "publisher", "review_url"]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = type(self.form.__name__, (self.form,), {"user": request.user})
        return super().get_formset(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not can_change_rating(request.user, obj):
            # A public verdict's rating and date move only by a correction or
            # a re-check; its next re-check date stays the editors' to plan.
            return [*self.readonly_fields, "rating", "as_of"]
        return self.readonly_fields


class EvidenceInline(QuoteCheckInline, admin.StackedInline):
    model = Evidence
    extra = 0
    autocomplete_fields = ["source"]
    fields = [("source", "stance", "order"), "quote", "quote_status", "note"]


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["created_at", "kind", "note", "rating_before", "rating_after", "created_by"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "corrections (made with “Correct the verdict”)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    form = ClaimAdminForm
    change_form_template = "admin/claims/claim/change_form.html"
    list_display = ["short_text", "state_badge", "rating", "speaker", "assignee", "last_change"]
    list_filter = [
        AssignmentFilter,
        ReviewQueueFilter,
        UnverifiedQuotesFilter,
        RecheckFilter,
        BrokenLinksFilter,
        "state",
        ("verdict__rating", admin.RelatedOnlyFieldListFilter),
        ("speaker", admin.RelatedOnlyFieldListFilter),
        ("appearances__source__outlet", admin.RelatedOnlyFieldListFilter),
        "topics",
        "language",
    ]
    list_select_related = ["speaker", "assignee", "updated_by", "verdict__rating"]
    search_fields = ["text", "appearances__quote", "speaker__name"]
    autocomplete_fields = ["speaker", "assignee", "topics"]
    readonly_fields = [
        "state",
        "version",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
        # What a reader sent with a suggestion, kept as they sent it.
        "suggested_by_contact",
        "suggested_from_url",
    ]
    fieldsets = [
        ("Claim", {"fields": ["text", "speaker", "said_on", "language", "topics"]}),
        ("Desk", {"fields": ["assignee", "checkworthiness", "loaded_version"]}),
        (
            "Record",
            {
                "fields": ["state", "version", "created_by", "created_at", "updated_by"],
                "classes": ["collapse"],
            },
        ),
    ]
    date_hierarchy = "said_on"
    # What an editor reads first (the verdict, then the workflow panel the
    # change form puts after it) above what they consult.
    inlines = [VerdictInline, AppearanceInline, EvidenceInline, CorrectionInline]
    actions = ["assign_to_me", "assign_to", "apply_transition"]

    class Media:
        css = {"all": ["claims/admin.css"]}
        js = ["claims/admin.js"]

    # --- list columns ---------------------------------------------------------

    @admin.display(description="Claim", ordering="text")
    def short_text(self, obj):
        return str(obj)

    @admin.display(description="State", ordering="state")
    def state_badge(self, obj):
        return format_html(
            '<span class="fc-state fc-state-{}">{}</span>', obj.state, obj.get_state_display()
        )

    @admin.display(description="Rating", ordering="verdict__rating__value")
    def rating(self, obj):
        verdict = getattr(obj, "verdict", None)
        return rating_badge(verdict.rating if verdict else None)

    @admin.display(description="Last change", ordering="updated_at")
    def last_change(self, obj):
        who = obj.updated_by.get_username() if obj.updated_by else "—"
        return format_html(
            '<span title="{}">{} ago by {}</span>',
            obj.updated_at.isoformat(),
            timesince(obj.updated_at),
            who,
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj and (obj.suggested_by_contact or obj.suggested_from_url):
            suggested = ["suggested_by_contact", "suggested_from_url"]
            fieldsets = [*fieldsets, ("Suggested by a reader", {"fields": suggested})]
        return fieldsets

    # --- permissions ------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if obj is not None and not can_edit(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not can_delete(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    # --- saving -------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change:
            # ClaimAdminForm.clean() locked the row and checked loaded_version.
            claim_new_version(obj, by=request.user, fields=None)
            return
        obj.created_by = obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    # --- the change form's panels -------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context |= self._workflow_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _workflow_context(self, request, claim):
        # A list: the workflow panel shows the last step, the history all of them.
        events = list(claim.events.select_related("actor"))
        sign_offs = SignOff.objects.filter(claim=claim).select_related("editor", "rating")
        duplicates = match_claims(claim.text, Claim.objects.exclude(pk=claim.pk))
        return {
            "transitions": available_transitions(claim, request.user),
            "workflow_events": events,
            "sign_offs": sign_offs,
            "duplicates": duplicates,
            "changes": claim_changes(claim, limit=30),
        }

    # --- extra views ------------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "similar/",
                self.admin_site.admin_view(self.similar_view),
                name=f"{prefix}_similar",
            ),
            path(
                "<path:object_id>/transition/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{prefix}_transition",
            ),
            *find_claims.urls(self),
            *super().get_urls(),
        ]

    def similar_view(self, request):
        """Possible duplicates of the text being captured, for the add form."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        text = request.GET.get("text", "")[:2000]
        exclude = request.GET.get("exclude", "")
        queryset = Claim.objects.all()
        if exclude.isdigit():
            queryset = queryset.exclude(pk=exclude)
        found = match_claims(text, queryset) if len(text.strip()) >= 12 else []
        return JsonResponse(
            {
                "results": [
                    {
                        "text": match.claim.text,
                        "state": match.claim.get_state_display(),
                        "score": match.score,
                        "evidence": match.evidence,
                        "url": reverse("admin:claims_claim_change", args=[match.claim.pk]),
                    }
                    for match in found
                ]
            }
        )

    def transition_view(self, request, object_id, name):
        claim = self.get_object(request, object_id)
        if claim is None or not self.has_view_or_change_permission(request, claim):
            raise Http404("No such claim.")
        transition = TRANSITIONS.get(name)
        if transition is None:
            raise Http404("No such transition.")
        change_url = reverse("admin:claims_claim_change", args=[claim.pk])
        # Publishing with unverified quotes is a step: list them, ask to confirm.
        unverified = unverified_quotes(claim) if name == "publish" else []
        form = TransitionForm(
            request.POST or None,
            transition=transition,
            claim=claim,
            confirm_quotes=bool(unverified),
            initial={"expected_version": claim.version},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                claim_transition(
                    claim=claim,
                    name=name,
                    by=request.user,
                    comment=data["comment"],
                    expected_version=data["expected_version"],
                    correction_kind=data.get("kind", Correction.Kind.CORRECTION),
                    new_rating=data.get("rating"),
                    confirm_unverified_quotes=data.get("confirm_unverified_quotes", False),
                    recheck_on=data.get("recheck_on"),
                )
            except ValidationError as error:
                by_field = (
                    error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
                )
                for field, errors in by_field.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                self.message_user(request, f"{transition.label}: done.", messages.SUCCESS)
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{transition.label}: {claim}",
            "claim": claim,
            "transition": transition,
            "form": form,
            "unverified_quotes": unverified,
            "blockers": []
            if request.method == "POST"
            else transition_errors(claim, name, request.user),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/claims/claim/transition.html", context)

    # --- bulk actions -----------------------------------------------------------------

    @admin.action(description="Assign selected claims to me")
    def assign_to_me(self, request, queryset):
        self._assign(request, queryset, request.user)

    @admin.action(description="Assign selected claims to…")
    def assign_to(self, request, queryset):
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._assign(request, queryset, form.cleaned_data["assignee"])
            return None
        return self._intermediate(request, queryset, form, "Assign claims", "assign_to")

    def _assign(self, request, queryset, assignee):
        done, skipped = [], []
        for claim in queryset:
            try:
                claim_assign(claim=claim, assignee=assignee, by=request.user)
            except PermissionDenied:
                skipped.append(str(claim))
            else:
                done.append(str(claim))
        who = assignee.get_username() if assignee else "nobody"
        if done:
            self.message_user(request, f"Assigned {len(done)} to {who}.", messages.SUCCESS)
        for text in skipped:
            self.message_user(
                request, f"Not assigned, you may not edit it now: “{text}”", messages.WARNING
            )

    @admin.action(description="Move selected claims through the workflow…")
    def apply_transition(self, request, queryset):
        form = BulkTransitionForm(request.POST if "apply" in request.POST else None)
        form.fields["transition"].choices = [(t.name, t.label) for t in BULK_TRANSITIONS]
        if not form.is_valid():
            return self._intermediate(
                request, queryset, form, "Move claims through the workflow", "apply_transition"
            )
        name, comment = form.cleaned_data["transition"], form.cleaned_data["comment"]
        label = TRANSITIONS[name].label
        done = 0
        # Each claim on its own: one refusal does not undo the others.
        for claim in queryset.order_by("pk"):
            try:
                claim_transition(claim=claim, name=name, by=request.user, comment=comment)
            except ValidationError as error:
                reasons = " ".join(error.messages)
                self.message_user(
                    request, f"{label} refused for “{claim}”: {reasons}", messages.ERROR
                )
            else:
                done += 1
        if done:
            self.message_user(
                request, f"{label}: done for {done} of {queryset.count()}.", messages.SUCCESS
            )
        return None

    def _intermediate(self, request, queryset, form, title, action):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "claims": queryset,
            "form": form,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/claim/bulk_action.html", context)
