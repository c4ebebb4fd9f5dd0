"""Read shapes (nested, as consumers want them) and write shapes (flat, as staff
tools send them). Reads need the querysets of views.py to stay at a fixed
number of queries."""

from collections.abc import Mapping

from django.db.models import Q
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.claimreview import absolute_url
from claims.matching import MATCH_THRESHOLD
from claims.models import (
    Appearance,
    Claim,
    Correction,
    Evidence,
    Rating,
    RatingScale,
    Speaker,
    Topic,
    Verdict,
)
from claims.workflow import TRANSITIONS, desk_members
from sources.models import Outlet, Source

# --- Reading -------------------------------------------------------------------


def optional_url(help_text: str):
    # A URLField that may be blank: "" is no URI, so the schema must not say "format: uri".
    return serializers.CharField(read_only=True, help_text=f"{help_text} Empty when unknown.")


class OutletSerializer(serializers.ModelSerializer):
    homepage = optional_url("The outlet's home page.")

    class Meta:
        model = Outlet
        fields = ["id", "name", "domain", "homepage"]


class SourceSerializer(serializers.ModelSerializer):
    outlet = OutletSerializer(allow_null=True)
    url = optional_url("Where the source is.")
    archived_url = optional_url("A snapshot of it in a web archive.")

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "title",
            "outlet",
            "kind",
            "published_on",
            "language",
            "author",
            "archived_url",
        ]


class SpeakerSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The speaker's public page.")

    class Meta:
        model = Speaker
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "role",
            "affiliation",
            "country",
            "wikidata_id",
            "description",
            "url",
        ]

    def get_url(self, speaker) -> str:
        return absolute_url(speaker.get_absolute_url())


class RatingScaleSerializer(serializers.ModelSerializer):
    class Meta:
        model = RatingScale
        fields = ["id", "name", "slug", "worst_value", "best_value"]


class RatingSerializer(serializers.ModelSerializer):
    scale = RatingScaleSerializer()

    class Meta:
        model = Rating
        fields = ["id", "label", "slug", "description", "colour", "value", "scale"]


class RatingBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["id", "label", "slug", "value"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["name", "slug"]


class DeskOnlyFieldsMixin:
    """Leaves the fields named in DESK_ONLY out unless the context says the
    reader is on the desk (a researcher or editor): who works on a claim is
    the newsroom's business, and the public answers are cached for everyone.
    The schema marks them optional (claims.api.schema.desk_only_fields)."""

    DESK_ONLY: tuple[str, ...] = ()

    @property
    def _readable_fields(self):
        # What to_representation() reads: the fields stay declared (for the
        # schema) but are neither looked up nor shown off the desk.
        desk = self.context.get("desk")
        for field in super()._readable_fields:
            if desk or field.field_name not in self.DESK_ONLY:
                yield field


def desk_users_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="username", read_only=True, **kwargs)


class VerdictSerializer(DeskOnlyFieldsMixin, serializers.ModelSerializer):
    DESK_ONLY = ("authors",)

    rating = RatingSerializer(allow_null=True)
    publisher = OutletSerializer(
        allow_null=True, help_text="Who published an imported review; null for our own."
    )
    review_url = optional_url("The publisher's page for an imported review.")
    authors = desk_users_field(
        many=True, help_text="Researchers and editors only: the verdict's authors' usernames."
    )

    class Meta:
        model = Verdict
        fields = [
            "rating",
            "headline",
            "summary",
            "explanation",
            "published_at",
            "as_of",
            "recheck_on",
            "rechecked_on",
            "updated_at",
            "publisher",
            "review_url",
            "authors",
        ]
        extra_kwargs = {
            "as_of": {"help_text": "The date the verdict is true as of; null until published."},
            "recheck_on": {
                "help_text": "When the desk means to check a time-sensitive verdict again; "
                "null if not planned."
            },
            "rechecked_on": {
                "help_text": "The newest date the desk checked the verdict again and found it "
                "still accurate; null if never."
            },
        }


class AppearanceSerializer(serializers.ModelSerializer):
    source = SourceSerializer()

    class Meta:
        model = Appearance
        fields = ["source", "quote", "appeared_on", "is_first"]


class EvidenceSerializer(serializers.ModelSerializer):
    source = SourceSerializer()

    class Meta:
        model = Evidence
        fields = ["id", "source", "stance", "quote", "note", "order"]


class CorrectionSerializer(serializers.ModelSerializer):
    rating_before = RatingBriefSerializer(allow_null=True)
    rating_after = RatingBriefSerializer(allow_null=True)

    class Meta:
        model = Correction
        fields = ["kind", "note", "created_at", "rating_before", "rating_after"]


class ClaimSerializer(DeskOnlyFieldsMixin, serializers.ModelSerializer):
    DESK_ONLY = ("assignee",)

    url = serializers.SerializerMethodField(help_text="The claim's public page.")
    assignee = desk_users_field(
        allow_null=True,
        help_text="Researchers and editors only: the username of whoever the claim is "
        "assigned to; null if nobody.",
    )
    speaker = SpeakerSerializer(allow_null=True)
    topics = TopicSerializer(many=True)
    verdict = serializers.SerializerMethodField()
    appearances = AppearanceSerializer(many=True)
    evidence = EvidenceSerializer(many=True)
    corrections = CorrectionSerializer(many=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "text",
            "speaker",
            "said_on",
            "language",
            "topics",
            "state",
            "assignee",
            "verdict",
            "appearances",
            "evidence",
            "corrections",
            "retraction_note",
            "version",
            "created_at",
            "updated_at",
        ]

    def get_url(self, claim) -> str:
        return absolute_url(claim.get_absolute_url())

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_verdict(self, claim):
        # A missing reverse one-to-one raises an AttributeError subclass on access.
        verdict = getattr(claim, "verdict", None)
        return VerdictSerializer(verdict, context=self.context).data if verdict else None


class MatchSerializer(serializers.Serializer):
    score = serializers.FloatField(
        min_value=0, max_value=1, help_text="Probability that this claim is the text's claim."
    )
    evidence = serializers.ListField(
        child=serializers.ChoiceField(choices=["lexical", "semantic"]),
        help_text="What found the claim: shared words (`lexical`), closeness in meaning "
        "(`semantic`), or both.",
    )
    claim = ClaimSerializer()


class MatchListSerializer(serializers.Serializer):
    results = MatchSerializer(many=True)


class MatchQuerySerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000, help_text="The text to look for.")
    limit = serializers.IntegerField(
        min_value=1, max_value=20, default=5, help_text="At most this many matches."
    )
    threshold = serializers.FloatField(
        min_value=0,
        max_value=1,
        default=MATCH_THRESHOLD,
        help_text="Leave out matches less probable than this.",
    )


# --- Writing -------------------------------------------------------------------


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class IdOrSlugField(serializers.CharField):
    """A row named by its id (a number, or its digits) or by its slug."""

    def to_internal_value(self, data):
        return super().to_internal_value(data if isinstance(data, str) else str(data))


# The JSON types the schema gives each kind of field. DRF is laxer: a CharField
# takes 0 as "0", an IntegerField "3", a BooleanField 1 or "true", a
# ManyRelatedField any iterable ({} as an empty list). What the schema calls
# invalid is refused here, so a client generator and the server agree.
JSON_TYPES = [
    (IdOrSlugField, (int, str), "an id or a slug"),
    (serializers.BooleanField, (bool,), "a boolean"),
    (serializers.IntegerField, (int,), "a whole number"),
    (serializers.FloatField, (int, float), "a number"),
    (serializers.PrimaryKeyRelatedField, (int,), "an id (a whole number)"),
    (serializers.ManyRelatedField, (list,), "a list"),
    (serializers.ListField, (list,), "a list"),
    (serializers.CharField, (str,), "a string"),
    (serializers.ChoiceField, (str,), "a string"),
    (serializers.DateField, (str,), "a date written YYYY-MM-DD"),
    (serializers.SlugRelatedField, (str,), "a string"),
]


def json_type_error(field: serializers.Field, value) -> str | None:
    for kind, types, name in JSON_TYPES:
        if isinstance(field, kind):
            wrong = isinstance(value, bool) and bool not in types
            if wrong or not isinstance(value, types):
                return f"Must be {name}, not {type(value).__name__}."
            return None
    return None


class JsonBodySerializer(serializers.Serializer):
    """A write's JSON body, each field of the JSON type the schema gives it."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {
                name: [error]
                for name, field in self.fields.items()
                if name in data
                and not field.read_only
                and data[name] is not None
                and (error := json_type_error(field, data[name]))
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class SourceReferenceSerializer(JsonBodySerializer):
    """A source given by id, or by URL (an existing one, or a new one with a title)."""

    source = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, help_text="Id of an existing source."
    )
    url = serializers.URLField(
        max_length=2000, required=False, help_text="URL of an existing or a new source."
    )
    title = serializers.CharField(
        max_length=500, required=False, help_text="Title of a new source."
    )

    def validate(self, attrs):
        if "source" in attrs and "url" in attrs:
            raise serializers.ValidationError(
                {"source": ["Give either the id of a source or its url, not both."]}
            )
        if "source" not in attrs and "url" not in attrs:
            raise serializers.ValidationError({"source": ["Give the id of a source, or its url."]})
        if "url" in attrs:
            found = Source.objects.filter(url=attrs["url"]).first()
            if found is None and not attrs.get("title", "").strip():
                raise serializers.ValidationError(
                    {"title": ["No source has this URL yet; give a title to create it."]}
                )
            attrs["source"] = found
        return attrs


class AppearanceWriteSerializer(SourceReferenceSerializer):
    quote = serializers.CharField(required=False, allow_blank=True, default="")
    appeared_on = serializers.DateField(required=False, allow_null=True, default=None)
    is_first = serializers.BooleanField(required=False, default=False)


class ClaimCreateSerializer(JsonBodySerializer):
    text = serializers.CharField(help_text="The statement as made.")
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), required=False, allow_null=True, default=None
    )
    said_on = serializers.DateField(required=False, allow_null=True, default=None)
    language = serializers.CharField(max_length=35, required=False, default="en")
    topics = serializers.ManyRelatedField(
        child_relation=serializers.SlugRelatedField(
            slug_field="slug", queryset=Topic.objects.all()
        ),
        required=False,
        default=list,
    )
    checkworthiness = serializers.FloatField(
        min_value=0, max_value=1, required=False, allow_null=True, default=None
    )
    appearances = AppearanceWriteSerializer(many=True, required=False, default=list)

    def validate_appearances(self, appearances):
        if sum(a["is_first"] for a in appearances) > 1:
            raise serializers.ValidationError("Only one appearance can be the first.")
        keys = [a["source"].pk if a["source"] else a["url"] for a in appearances]
        if len(keys) != len(set(keys)):
            raise serializers.ValidationError("Each source can appear only once.")
        return appearances


class EvidenceWriteSerializer(SourceReferenceSerializer):
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices)
    quote = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    order = serializers.IntegerField(min_value=0, max_value=32767, required=False, default=0)


class TransitionSerializer(JsonBodySerializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required to send back, reject, retract (the public notice) and correct "
        "(the public note).",
    )
    expected_version = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text="The claim version you saw; if someone changed the claim since, nothing "
        "happens and the answer is 400.",
    )
    kind = serializers.ChoiceField(
        choices=Correction.Kind.choices,
        required=False,
        default=Correction.Kind.CORRECTION,
        help_text="Only for `correct`.",
    )
    rating = IdOrSlugField(
        required=False,
        allow_blank=False,
        help_text="Only for `correct`: the new rating, by id or slug, on the verdict's scale.",
    )
    confirm_unverified_quotes = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Only for `publish`: true to publish although a quote was not found in its "
        "source or not checked yet. Without it such a claim is refused with a 400 whose "
        "`confirm_unverified_quotes` error lists the quotes.",
    )
    recheck_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Only for `recheck` and `correct`: the next re-check date (YYYY-MM-DD, after "
        "today). `recheck` without it clears the date; `correct` without it keeps it, unless "
        "the update was the re-check that was due.",
    )

    def rating_for(self, claim) -> Rating | None:
        """The rating named by `rating`, looked up on the claim's own scale."""
        value = self.validated_data.get("rating")
        if value is None:
            return None
        verdict = Verdict.objects.filter(claim=claim).select_related("rating").first()
        ratings = Rating.objects.all()
        if verdict and verdict.rating:
            ratings = ratings.filter(scale_id=verdict.rating.scale_id)
        lookup = Q(slug=value) | (Q(pk=int(value)) if value.isdecimal() else Q())
        rating = ratings.filter(lookup).first()
        if rating is None:
            raise serializers.ValidationError(
                {"rating": [f"No rating “{value}” on this verdict's scale."]}
            )
        return rating


class RefuseUnknownFieldsMixin:
    """A field the endpoint does not know is refused, not ignored: a misspelt
    field must not look like an edit that was saved."""

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, Mapping) else []
        errors = {name: ["No such field here."] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({**error.detail, **errors}) from error
        if errors:
            raise serializers.ValidationError(errors)
        return value


def expected_version_field():
    return serializers.IntegerField(
        min_value=1,
        help_text="The claim version you saw (`version` of the claim); if someone changed "
        "the claim since, nothing is saved and the answer is 400.",
    )


def desk_user_field(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="username", queryset=desk_members(), required=False, **kwargs
    )


class ClaimUpdateSerializer(RefuseUnknownFieldsMixin, JsonBodySerializer):
    """The fields given change; the others stay as they are."""

    expected_version = expected_version_field()
    text = serializers.CharField(required=False, help_text="The statement as made.")
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of a speaker; null for none.",
    )
    said_on = serializers.DateField(
        required=False, allow_null=True, help_text="The date the claim was made."
    )
    language = serializers.CharField(max_length=35, required=False, help_text="BCP 47 tag.")
    topics = serializers.ManyRelatedField(
        child_relation=serializers.SlugRelatedField(
            slug_field="slug", queryset=Topic.objects.all()
        ),
        required=False,
        help_text="Slugs of the topics; replaces the claim's topics.",
    )
    assignee = desk_user_field(
        allow_null=True, help_text="Username of the staff member to work on it; null for nobody."
    )

    def validate(self, attrs):
        return something_to_change(self, attrs)


def something_to_change(serializer, attrs):
    if set(attrs) == {"expected_version"}:
        fields = ", ".join(f for f in serializer.fields if f != "expected_version")
        raise serializers.ValidationError(f"Nothing to change: give any of {fields}.")
    return attrs


class VerdictWriteSerializer(RefuseUnknownFieldsMixin, JsonBodySerializer):
    """With `replace` in the context (PUT), a field not given is emptied;
    otherwise (PATCH) only the fields given change."""

    expected_version = expected_version_field()
    rating = IdOrSlugField(
        required=False,
        allow_null=True,
        help_text="By id or slug, on the verdict's scale (the default scale for a first "
        "rating); null for none. A published verdict's rating changes only through "
        "`correct`.",
    )
    headline = serializers.CharField(max_length=300, required=False, allow_blank=True)
    summary = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="One line: the verdict in plain words. Needed to publish.",
    )
    explanation = serializers.CharField(required=False, allow_blank=True, help_text="Markdown.")
    authors = serializers.ManyRelatedField(
        child_relation=desk_user_field(),
        required=False,
        help_text="Usernames of the staff who wrote it.",
    )
    as_of = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The date the verdict is judged as of; set when it is published, and "
        "after that moved only by `recheck` or `correct`. PUT leaves it as it is.",
    )
    recheck_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="When a time-sensitive verdict should be checked again (after today); "
        "null for never.",
    )

    # What PUT leaves in a field it was not given.
    EMPTY = {
        "rating": None,
        "headline": "",
        "summary": "",
        "explanation": "",
        "authors": [],
        "recheck_on": None,
    }

    def validate_rating(self, value):
        return None if value is None else rating_named(value, self.context["claim"])

    def validate(self, attrs):
        if self.context.get("replace"):
            return self.EMPTY | attrs
        return something_to_change(self, attrs)


def rating_named(value: str, claim) -> Rating:
    """The rating `value` names, by id or by slug on the claim's verdict's scale
    (the default scale while the verdict has no rating)."""
    if value.isdecimal():
        rating = Rating.objects.select_related("scale").filter(pk=int(value)).first()
    else:
        verdict = Verdict.objects.filter(claim=claim).select_related("rating__scale").first()
        if verdict and verdict.rating:
            scale = verdict.rating.scale
        else:
            scale = RatingScale.objects.filter(is_default=True).first()
        rating = Rating.objects.select_related("scale").filter(scale=scale, slug=value).first()
    if rating is None:
        where = "" if value.isdecimal() else " on this verdict's scale"
        raise serializers.ValidationError(f"No rating “{value}”{where}.")
    return rating


TRANSITION_NAMES = list(TRANSITIONS)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
