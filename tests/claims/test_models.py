import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Claim, ClaimState, Rating, RatingScale, Speaker
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    CorrectionFactory,
    EvidenceFactory,
    RatingFactory,
    RatingScaleFactory,
    SpeakerFactory,
    TopicFactory,
    VerdictFactory,
    WorkflowEventFactory,
)

pytestmark = pytest.mark.django_db


def test_factories_build_every_model():
    claim = ClaimFactory(topics=[TopicFactory()])
    AppearanceFactory(claim=claim, is_first=True)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    CorrectionFactory(claim=claim)
    WorkflowEventFactory(claim=claim)
    claim.refresh_from_db()
    assert claim.topics.count() == 1
    assert claim.verdict.rating.label == "False"
    assert claim.appearances.get().is_first
    assert claim.evidence.count() == claim.corrections.count() == claim.events.count() == 1


def test_the_claim_state_field_holds_exactly_the_workflow_states():
    assert [value for value, _ in Claim._meta.get_field("state").choices] == [
        "draft",
        "researching",
        "in_review",
        "published",
        "rejected",
        "retracted",
    ]


def test_the_database_rejects_an_unknown_claim_state():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(state="approved")


def test_a_claim_needs_text():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(text="")
    with pytest.raises(ValidationError) as error:
        ClaimFactory.build(text="   ", speaker=None, created_by=None).full_clean()
    assert "text" in error.value.message_dict


@pytest.mark.parametrize("score", [-0.1, 1.5])
def test_checkworthiness_stays_between_zero_and_one(score):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(checkworthiness=score)


def test_a_claim_rejects_a_malformed_language_with_a_message():
    claim = ClaimFactory.build(language="Ukrainian", speaker=None, created_by=None)
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "BCP 47" in error.value.message_dict["language"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(language="Ukrainian")


def test_a_claim_has_one_first_appearance_at_most():
    claim = ClaimFactory()
    AppearanceFactory(claim=claim, is_first=True)
    AppearanceFactory(claim=claim, is_first=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        AppearanceFactory(claim=claim, is_first=True)


def test_a_second_first_appearance_is_a_validation_error_with_a_message():
    first = AppearanceFactory(is_first=True)
    second = AppearanceFactory.build(claim=first.claim, source=first.source, is_first=True)
    second.source = AppearanceFactory().source
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "already has a first appearance" in str(error.value)


def test_a_claim_has_one_verdict_at_most():
    verdict = VerdictFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictFactory(claim=verdict.claim)


def test_a_rating_value_must_lie_within_its_scale():
    scale = RatingScaleFactory(worst_value=1, best_value=3)
    rating = Rating(scale=scale, label="Way off", slug="way-off", description="x", colour="#000000")
    rating.value = 7
    with pytest.raises(ValidationError) as error:
        rating.full_clean()
    assert "runs from 1 to 3; 7 is outside it" in error.value.message_dict["value"][0]
    rating.value = 3
    rating.full_clean()


def test_a_rating_value_is_unique_within_its_scale():
    scale = RatingScaleFactory()
    RatingFactory(scale=scale, slug="a", value=2)
    RatingFactory(scale=scale, slug="b", value=None)
    RatingFactory(scale=scale, slug="c", value=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        RatingFactory(scale=scale, slug="d", value=2)


@pytest.mark.parametrize("colour", ["red", "#FFF", "#12345g", "#1A7F37"])
def test_a_rating_colour_is_six_lower_case_hex_digits(colour):
    with pytest.raises(IntegrityError), transaction.atomic():
        RatingFactory(slug="odd", colour=colour, value=None)


def test_a_scale_runs_from_worst_to_best():
    with pytest.raises(IntegrityError), transaction.atomic():
        RatingScaleFactory(worst_value=5, best_value=1)


def test_only_one_scale_is_the_default():
    with pytest.raises(IntegrityError), transaction.atomic():
        RatingScaleFactory(is_default=True)


def test_the_default_scale_ships_with_the_migrations():
    scale = RatingScale.objects.get(is_default=True)
    ratings = {r.slug: r.value for r in scale.ratings.all()}
    assert ratings == {
        "true": 5,
        "mostly-true": 4,
        "half-true": 3,
        "mostly-false": 2,
        "false": 1,
        "unproven": None,
    }
    assert (scale.worst_value, scale.best_value) == (1, 5)


def test_the_editorial_groups_ship_with_the_migrations():
    researchers = set(
        Group.objects.get(name="Researchers").permissions.values_list("codename", flat=True)
    )
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert "change_claim" in researchers and "publish_claim" not in researchers
    assert researchers < editors and "publish_claim" in editors


@pytest.mark.parametrize("wikidata_id", ["42", "Q", "Q0", "q42x", "P31"])
def test_a_speaker_wikidata_id_is_shaped_like_q123(wikidata_id):
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerFactory(wikidata_id=wikidata_id)


def test_a_malformed_wikidata_id_is_a_validation_error_with_a_message():
    speaker = Speaker(name="Someone", wikidata_id="P31")
    with pytest.raises(ValidationError) as error:
        speaker.full_clean()
    assert "should look like “Q42”" in error.value.message_dict["wikidata_id"][0]


def test_a_wikidata_id_is_normalised_and_unique():
    speaker = Speaker(name="Joe Biden", wikidata_id=" q6279 ")
    speaker.full_clean()
    speaker.save()
    assert speaker.wikidata_id == "Q6279"
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerFactory(wikidata_id="Q6279")


def test_speaker_slugs_are_made_from_the_name_and_kept_unique():
    first = SpeakerFactory(name="Andriy Kostin")
    second = SpeakerFactory(name="Andriy Kostin")
    assert first.slug == "andriy-kostin"
    assert second.slug == "andriy-kostin-2"
    assert first.get_absolute_url() == "/speakers/andriy-kostin/"


def test_claim_urls_and_public_states():
    published = ClaimFactory(state=ClaimState.PUBLISHED)
    retracted = ClaimFactory(state=ClaimState.RETRACTED)
    ClaimFactory(state=ClaimState.IN_REVIEW)
    assert published.get_absolute_url() == f"/claims/{published.pk}/"
    assert set(Claim.objects.public()) == {published, retracted}
    assert published.is_public and retracted.is_public


def test_a_claim_speaker_cannot_be_deleted_while_it_has_claims():
    claim = ClaimFactory()
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError), transaction.atomic():
        claim.speaker.delete()
