import pytest

from claims.matching import similar_claims, similarity
from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_similarity_is_one_for_the_same_text_and_zero_for_nothing_shared():
    assert similarity("The ICC has 123 members", "the icc has 123 members") == 1.0
    assert similarity("abc", "xyz") == 0.0
    assert similarity("", "anything") == 0.0


def test_the_closest_claim_comes_first():
    judges = ClaimFactory(text="The ICC has 18 judges serving nine-year terms.")
    ClaimFactory(text="The ICC has 123 member states.")
    ClaimFactory(text="Xi Jinping will visit Moscow next week.")
    found = similar_claims("the court has eighteen judges with nine year terms", Claim.objects)
    assert found[0][0] == judges
    assert all(0 <= score <= 1 for _, score in found)
    assert [score for _, score in found] == sorted((s for _, s in found), reverse=True)


def test_text_of_stopwords_only_matches_nothing():
    ClaimFactory(text="It is what it is.")
    assert similar_claims("it is the", Claim.objects) == []
