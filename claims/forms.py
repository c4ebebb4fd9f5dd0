"""Forms of the public site: the claim list's filters, the suggestion form and
the oEmbed query. Each turns bad input into a message the reader can act on."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info

from claims.caching import LISTS, SITE, cached
from claims.models import Claim, Rating, Speaker, Topic

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class SuggestingInput(forms.TextInput):
    """A text box with the known values to pick from in a <datalist>: a desk's
    thousands of speakers would make a <select> too long to render or use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = []

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-suggestions"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}">{}</option>', self.suggestions)
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


def language_name(tag: str) -> str:
    """“English (en)” for a BCP 47 tag, or the tag itself when Django does not know it."""
    for code in (tag.lower(), tag.split("-")[0].lower()):
        try:
            return f"{get_language_info(code)['name']} ({tag})"
        except KeyError:
            continue
    return tag


class ClaimFilterForm(forms.Form):
    """The query string of /claims/. Choices list only what public claims use."""

    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    rating = forms.ModelChoiceField(
        queryset=Rating.objects.none(), to_field_name="slug", required=False, empty_label="Any"
    )
    speaker = forms.ModelChoiceField(
        queryset=Speaker.objects.none(),
        to_field_name="slug",
        required=False,
        widget=SuggestingInput(attrs={"placeholder": "Anyone", "autocomplete": "off"}),
        error_messages={"invalid_choice": "No speaker with public fact checks has this id."},
    )
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.none(), to_field_name="slug", required=False, empty_label="Any"
    )
    language = forms.ChoiceField(required=False)
    date_from = forms.DateField(
        label="Said on or after",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date as YYYY-MM-DD."},
    )
    date_to = forms.DateField(
        label="Said on or before",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date as YYYY-MM-DD."},
    )
    page_size = forms.IntegerField(
        label="Per page", required=False, min_value=1, max_value=MAX_PAGE_SIZE
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        public = Claim.objects.public()
        self.fields["rating"].queryset = Rating.objects.filter(scale__is_default=True)
        # EXISTS probes an index per speaker or topic; a join with DISTINCT would
        # read every public claim. Validation asks for the one value given; the
        # lists to pick from are read from the cache.
        self.fields["speaker"].queryset = Speaker.objects.filter(
            Exists(public.filter(speaker=OuterRef("pk")))
        )
        self.fields["topic"].queryset = Topic.objects.filter(
            Exists(public.filter(topics=OuterRef("pk")))
        )
        choices = cached("claim-list-choices", [SITE, LISTS], self.choices_in_use)
        self.fields["speaker"].widget.suggestions = choices["speakers"]
        self.fields["topic"].widget.choices = [("", "Any"), *choices["topics"]]
        self.fields["language"].choices = [("", "Any"), *choices["languages"]]

    def choices_in_use(self) -> dict:
        """What public claims use, as the filters offer it."""
        languages = Claim.objects.public().order_by("language").values_list("language", flat=True)
        return {
            "speakers": list(self.fields["speaker"].queryset.values_list("slug", "name")),
            "topics": list(self.fields["topic"].queryset.values_list("slug", "name")),
            "languages": [(tag, language_name(tag)) for tag in languages.distinct()],
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "This date is before the “said on or after” date.")
        return data

    def filter(self, queryset):
        data = self.cleaned_data
        if data["rating"]:
            queryset = queryset.filter(verdict__rating=data["rating"])
        if data["speaker"]:
            queryset = queryset.filter(speaker=data["speaker"])
        if data["topic"]:
            queryset = queryset.filter(topics=data["topic"])
        if data["language"]:
            queryset = queryset.filter(language=data["language"])
        if data["date_from"]:
            queryset = queryset.filter(said_on__gte=data["date_from"])
        if data["date_to"]:
            queryset = queryset.filter(said_on__lte=data["date_to"])
        return queryset


class SuggestionForm(forms.Form):
    text = forms.CharField(
        label="The claim",
        min_length=15,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Quote it as exactly as you can.",
    )
    source_url = forms.URLField(
        label="Where did you see it? (optional)",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="A link to the article, video or post.",
    )
    contact = forms.EmailField(
        label="Your email (optional)",
        required=False,
        max_length=254,
        help_text="Only if you would like to hear from us about this claim.",
    )
    # The honeypot: hidden from people by the stylesheet, filled in by bots.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(
                "This field must stay empty; your suggestion was not sent.", code="honeypot"
            )
        return ""


class OEmbedForm(forms.Form):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    maxwidth = forms.IntegerField(required=False, min_value=1)
    maxheight = forms.IntegerField(required=False, min_value=1)
