import django_filters
from django import forms
from django.db.models import F, Q
from django_filters.fields import BaseCSVField
from drf_spectacular.utils import extend_schema_field

from claims.models import Appearance, Claim, ClaimState, Rating, Speaker
from claims.search import search_claims
from sources.models import Source

MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.Filter):
    """A row id: a whole number the database can hold, or a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


class FilterForm(forms.Form):
    """Refuses a typed parameter given empty (`?said_on_before=`): the schema
    says it is a date, a number or a choice, and an empty value is none of
    them. Text parameters and lists (`ordering`) may be empty and then filter
    or order nothing."""

    def clean(self):
        cleaned = super().clean()
        for key, value in self.data.items():
            name = key if key in self.fields else key.rpartition("_")[0]
            field = self.fields.get(name)
            typed = not isinstance(field, BaseCSVField) and type(field) is not forms.CharField
            if value == "" and field is not None and typed:
                self.add_error(name, f"“{key}” is empty: give a value or leave it out.")
        return cleaned


class StrictFilterSet(django_filters.FilterSet):
    class Meta:
        form = FilterForm


def language_q(field: str, code: str) -> Q:
    """`en` matches en, en-GB and en-US; `en-GB` only itself."""
    return Q(**{f"{field}__iexact": code}) | Q(**{f"{field}__istartswith": f"{code}-"})


class ClaimOrderingFilter(django_filters.OrderingFilter):
    """`-published_at` is the public lists' own order (Claim.latest_first):
    newest verdict first, claims without one last, on every database."""

    def filter(self, qs, value):
        if value and "-published_at" in value:
            before = value[: value.index("-published_at")]
            # It ends with the claim's id: whatever follows could not change the order.
            return qs.latest_first(*map(self.get_ordering_value, before))
        return super().filter(qs, value)

    def get_ordering_value(self, param):
        if param == "published_at":
            return F("verdict_published_at").asc(nulls_last=True)
        return super().get_ordering_value(param)


class ClaimFilter(StrictFilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        help_text="Full-text search in the claim, its speaker, and its verdict's headline "
        "and summary.",
    )
    rating = django_filters.CharFilter(
        field_name="verdict__rating__slug", help_text="Rating slug, e.g. `false`."
    )
    speaker = django_filters.CharFilter(field_name="speaker__slug", help_text="Speaker slug.")
    topic = django_filters.CharFilter(field_name="topics__slug", help_text="Topic slug.")
    language = django_filters.CharFilter(
        method="filter_language", help_text="BCP 47 tag; `en` also matches `en-GB`."
    )
    outlet = IdFilter(method="filter_outlet", help_text="Id of an outlet the claim appeared in.")
    said_on = django_filters.DateFromToRangeFilter(
        help_text="When the claim was made: `said_on_after`, `said_on_before` (YYYY-MM-DD)."
    )
    published = django_filters.DateFromToRangeFilter(
        field_name="verdict__published_at",
        help_text="When the verdict was published: `published_after`, `published_before`.",
    )
    state = django_filters.ChoiceFilter(
        choices=ClaimState.choices,
        help_text="Workflow state; anonymous clients only ever see published and retracted.",
    )
    ordering = ClaimOrderingFilter(
        fields=(
            ("said_on", "said_on"),
            ("verdict_published_at", "published_at"),
            ("created_at", "created_at"),
            ("id", "id"),
        ),
        help_text="Sort by a field; prefix with - for descending.",
    )

    class Meta(StrictFilterSet.Meta):
        model = Claim
        fields = []

    def filter_search(self, queryset, name, value):
        language = self.form.cleaned_data.get("language") or ""
        return search_claims(queryset, value, language=language, ranked=False)

    def filter_language(self, queryset, name, value):
        return queryset.filter(language_q("language", value))

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(
            pk__in=Appearance.objects.filter(source__outlet_id=value).values("claim_id")
        )


class SpeakerFilter(StrictFilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", help_text="Part of the name.")

    class Meta(StrictFilterSet.Meta):
        model = Speaker
        fields = ["name", "kind", "country"]


class SourceFilter(StrictFilterSet):
    outlet = IdFilter(field_name="outlet_id", help_text="Outlet id.")
    language = django_filters.CharFilter(method="filter_language", help_text="BCP 47 tag.")

    class Meta(StrictFilterSet.Meta):
        model = Source
        fields = ["outlet", "kind", "language"]

    def filter_language(self, queryset, name, value):
        return queryset.filter(language_q("language", value))


class RatingFilter(StrictFilterSet):
    scale = django_filters.CharFilter(field_name="scale__slug", help_text="Scale slug.")

    class Meta(StrictFilterSet.Meta):
        model = Rating
        fields = ["scale"]
