from django import forms

from claims.models import Claim, Correction, Rating, Verdict
from claims.versioning import claim_lock
from claims.workflow import TRANSITIONS, desk_members, rating_change_errors, verdict_date_errors


class ClaimAdminForm(forms.ModelForm):
    """Carries the version the claim was loaded at, so a save based on a
    stale copy is refused instead of overwriting someone else's edit."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = ["text", "speaker", "said_on", "language", "topics", "assignee", "checkworthiness"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # The admin runs the whole request in one transaction, so this
            # lock holds until the save is done: nobody can slip in between.
            # No version sent counts as a stale one.
            claim_lock(self.instance, expected_version=cleaned.get("loaded_version") or 0)
        return cleaned


class VerdictAdminForm(forms.ModelForm):
    # VerdictInline names the fields it shows; these are the ones checked here.
    # It also sets `user`, the desk member saving, for the rating rules.
    user = None

    class Meta:
        model = Verdict
        fields = ["as_of", "recheck_on"]
        widgets = {
            "as_of": forms.DateInput(attrs={"type": "date"}),
            "recheck_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        # Only dates being changed: a re-check date that has come since it was
        # set is what puts the verdict in the queue, not an error.
        changed = {
            name: cleaned.get(name) for name in ("as_of", "recheck_on") if name in self.changed_data
        }
        for field, messages in verdict_date_errors(**changed).items():
            self.add_error(field, messages)
        if "rating" in self.changed_data:
            # The same rules as every other door (the API's verdict writes):
            # the verdict's own scale, and no change once published. Until
            # _post_clean, self.instance still holds the stored rating.
            claim = self.instance.claim if self.instance.claim_id else Claim()
            rating = cleaned.get("rating")
            for message in rating_change_errors(self.user, claim, self.instance, rating):
                self.add_error("rating", message)
        return cleaned


class TransitionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 60}), required=False)

    def __init__(self, *args, transition, claim, confirm_quotes=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        field = self.fields["comment"]
        field.label = transition.comment_label
        field.required = transition.needs_comment
        if transition.name == "correct":
            self.fields["kind"] = forms.ChoiceField(choices=Correction.Kind.choices)
            scale = claim.verdict.rating.scale_id if claim.verdict.rating_id else None
            self.fields["rating"] = forms.ModelChoiceField(
                Rating.objects.filter(scale_id=scale),
                required=False,
                label="New rating",
                help_text="Leave empty to keep the current rating.",
            )
        if transition.name in ("recheck", "correct"):
            keeps = "clears it" if transition.name == "recheck" else "keeps the current one"
            self.fields["recheck_on"] = forms.DateField(
                required=False,
                label="Next re-check on",
                widget=forms.DateInput(attrs={"type": "date"}),
                initial=None,
                help_text=f"For a verdict the facts may overtake; leaving it empty {keeps}.",
            )
        if confirm_quotes:
            # Not required here: claims.workflow refuses without it and says why.
            self.fields["confirm_unverified_quotes"] = forms.BooleanField(
                required=False,
                label="Publish anyway",
                help_text="I have checked the quotes listed above against their sources.",
            )


class BulkTransitionForm(forms.Form):
    transition = forms.ChoiceField(choices=[(t.name, t.label) for t in TRANSITIONS.values()])
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        required=False,
        help_text="Required to send back, reject or retract; recorded on every claim.",
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        desk_members(),
        required=False,
        empty_label="Nobody (unassign)",
    )
