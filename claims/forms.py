"""Forms of the public site: the claim list's filters, the suggestion form and
the oEmbed query. Each turns bad input into a message the reader can act on."""

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info

from claims.models import Claim, Rating, Speaker, Topic
from claims.models.claim import PUBLIC_STATES
from sources.validators import validate_language_tag

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# A desk's thousands of speakers would make the page too long to load or use.
SPEAKERS_SUGGESTED = 200
CHOICES_KEY = "claim-list-choices"
CHOICES_TIMEOUT = 300


class SuggestingInput(forms.TextInput):
    """A text box with values to pick from in a <datalist>, for a field whose
    values are too many for a <select>."""

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
    language = forms.CharField(
        required=False, max_length=35, validators=[validate_language_tag], widget=forms.Select
    )
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
        # Validation asks the database about the one value given (EXISTS probes
        # an index); the lists to pick from are suggestions, counted over every
        # public claim, so they are kept for a few minutes.
        self.fields["speaker"].queryset = Speaker.objects.filter(
            Exists(public.filter(speaker=OuterRef("pk")))
        )
        self.fields["topic"].queryset = Topic.objects.filter(
            Exists(public.filter(topics=OuterRef("pk")))
        )
        choices = cache.get_or_set(CHOICES_KEY, self.choices_in_use, CHOICES_TIMEOUT)
        self.fields["speaker"].widget.suggestions = choices["speakers"]
        self.fields["topic"].widget.choices = [("", "Any"), *choices["topics"]]
        languages = choices["languages"]
        asked = self.data.get("language", "")
        if asked and asked not in dict(languages):
            # A tag no public claim uses (yet): shown as asked, finding nothing.
            languages = [*languages, (asked, language_name(asked))]
        self.fields["language"].widget.choices = [("", "Any"), *languages]

    def choices_in_use(self) -> dict:
        """What public claims use, as the filters offer it: every topic and
        language, and the speakers with the most public fact checks (any other
        is found by its page's link, or typed)."""
        public = Q(claims__state__in=PUBLIC_STATES)
        speakers = (
            Speaker.objects.annotate(checked=Count("claims", filter=public))
            .filter(checked__gt=0)
            .order_by("-checked", "name")
            .values_list("slug", "name")[:SPEAKERS_SUGGESTED]
        )
        languages = Claim.objects.public().order_by("language").values_list("language", flat=True)
        return {
            "speakers": sorted(speakers, key=lambda pair: pair[1]),
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
