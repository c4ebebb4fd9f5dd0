import random

import pytest
from django.db import connection

from claims.lexical_matching import (
    forget_word_frequencies,
    similar_claims,
    similarity,
    word_frequencies,
)
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


def generated_claims(count: int, seed: int) -> list[str]:
    """Claim-like sentences over a vocabulary whose word use follows Zipf's law,
    as a real desk's does: a few words in nearly every claim, most in a handful."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ster", "va", "den", "ru", "pol", "is", "an", "tor", "es"]
    vocabulary = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(6000)})
    rng.shuffle(vocabulary)
    weights = [1 / rank for rank in range(1, len(vocabulary) + 1)]
    glue = ["the", "of", "in", "has", "was", "more", "than", "every", "said", "were"]
    texts = []
    for _ in range(count):
        words = rng.choices(vocabulary, weights, k=rng.randint(8, 16))
        words[rng.randrange(len(words))] = str(rng.randint(2, 90_000))
        for _ in range(4):
            words.insert(rng.randrange(len(words)), rng.choice(glue))
        texts.append(" ".join(words).capitalize() + ".")
    return texts


def test_near_duplicates_rank_first_among_10000_claims():
    texts = generated_claims(10_000, seed=8)
    Claim.objects.bulk_create(Claim(text=text) for text in texts)
    if connection.vendor == "postgresql":
        # As autovacuum would after such a load: the statistics that tell
        # matching which words are too common to narrow by.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
        forget_word_frequencies()
        rows, frequencies = word_frequencies(connection.alias)
        assert rows == 10_000 and len(frequencies) > 1000
    rng = random.Random(9)
    by_text = dict(Claim.objects.values_list("text", "pk"))
    first = 0
    checked = texts[::100]
    for text in checked:
        words = text.split()
        del words[rng.randrange(1, len(words))]
        found = similar_claims(" ".join(words), Claim.objects.all(), limit=1)
        first += bool(found) and found[0][0].pk == by_text[text]
    assert first == len(checked)
