"""Claim matching: has this been checked already? Given any text, in any
language, the claims that most probably make the claim it makes.

The one matching function (`match_claims`) of the API's `claims/match/` and
`claims:search`, the admin's possible duplicates and the readers' suggest
form. Two retrievers find candidates: the claims sharing the text's words
(claims.lexical_matching) and the claims nearest in meaning by sentence
embeddings (claims.embedding, claims.vectors). Each candidate is scored by a
logistic model calibrated on CLEF CheckThat! 2020 Task 2, so a score is the
probability of a match and a threshold means the same in every request.
"""

import math
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from claims import embedding, vectors
from claims.claimreview_parsing import UNDETERMINED_LANGUAGE as UNDETERMINED
from claims.lexical_matching import WORD, similar_claims, similarity, trigrams, words

# Below this probability a claim is not worth showing as a possible match.
# Cross-lingual matches score lower than others (the model was calibrated
# on English), so this stays low enough to show them.
MATCH_THRESHOLD = 0.1
LEXICAL_CANDIDATES = 20
# Full-text candidates the lexical retriever scores: fewer than it scores
# alone, as the semantic retriever finds what full-text rank misses.
LEXICAL_POOL = 50
SEMANTIC_CANDIDATES = 50
# Embedding time grows with the text (about 1 ms a token on one core); a claim
# is made in the first few sentences of a message.
EMBEDDED_CHARACTERS = 300
URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
# Logistic models of "this candidate is the claim the text makes", fitted on
# CheckThat! 2020 Task 2 train by `evaluate_matching --calibrate`. Features:
# the cosine of the embeddings, how far it stands out from the text's usual
# cosine, the trigram similarity of the texts, and the share of the claim's
# words the text holds; the lexical model (no cosines) serves claims not
# embedded yet.
SEMANTIC_WEIGHTS = (-45.357, 43.67, 21.835, 13.101, 4.367)
LEXICAL_WEIGHTS = (-9.576, 21.397, 8.759)
# A text and a claim in different languages share no words, which says
# nothing, and their cosine runs lower than within one language: they are
# scored by how far the claim stands out from the text's usual cosine.
CROSS_LINGUAL_WEIGHTS = (-13.603, 110.808)
# Below this probability a text's language is left unknown (short texts).
LANGUAGE_CONFIDENCE = 0.9


_embedder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed-query")


@dataclass(frozen=True)
class Match:
    claim: object
    score: float
    # Which retrievers put the claim among the candidates: "lexical", "semantic".
    evidence: tuple[str, ...]
    # (cosine or None, its excess over the text's usual cosine or None,
    # trigram similarity, share of the claim's words in the text)
    features: tuple


def query_text(text: str) -> str:
    """The text without links."""
    return " ".join(URL.sub(" ", text).split())


def probability(features: tuple, *, across_languages: bool = False) -> float:
    cosine, standout, *lexical = features
    if cosine is None:
        bias, *weights = LEXICAL_WEIGHTS
        values = lexical
    elif across_languages:
        bias, *weights = CROSS_LINGUAL_WEIGHTS
        values = [standout]
    else:
        bias, *weights = SEMANTIC_WEIGHTS
        values = [cosine, standout, *lexical]
    z = bias + sum(w * v for w, v in zip(weights, values, strict=True))
    return round(1 / (1 + math.exp(-max(min(z, 50.0), -50.0))), 4)


# Claims about anything, in several languages (our own): how close a text
# comes to them is how close it comes to claims in general. Cosines differ
# from text to text and run lower across languages; how far a claim stands
# out from this background does not.
BACKGROUND = (
    "The government will raise taxes on fuel next year.",
    "Unemployment fell to its lowest level in a decade.",
    "The new vaccine was approved without clinical trials.",
    "The mayor spent public money on a private holiday.",
    "Crime rose by half after the police budget was cut.",
    "El presidente prometió construir diez mil viviendas.",
    "La inflación se duplicó durante el último año.",
    "O ministro disse que o desmatamento caiu pela metade.",
    "A vacina causa efeitos graves em crianças.",
    "Le gouvernement a supprimé les aides aux agriculteurs.",
    "Die Regierung hat die Renten um zehn Prozent gekürzt.",
    "सरकार ने किसानों का कर्ज माफ कर दिया है।",
    "الحكومة رفعت أسعار الخبز مرتين هذا العام.",
    "Китай построил крупнейшую в мире электростанцию.",
)


@lru_cache(maxsize=4)
def _background(model: str):
    return embedding.embed_claims(list(BACKGROUND))


def usual_cosine(query) -> float:
    """The mean of the lower half of the text's cosines to the background: a
    text comes closer to anything in its own language, so the upper half says
    more of the text's language than of its claim."""
    cosines = np.sort(_background(embedding.model_name()) @ query)
    return float(cosines[: len(cosines) // 2].mean())


@lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def text_language(text: str, among: set[str]) -> str | None:
    """The text's language (ISO 639-1) told apart from the languages `among`
    (its candidates'), or None when unsure: a short text is told apart from a
    few languages more surely than from all 97."""
    ranked = _language_identifier().rank(text)
    likely = [(language, p) for language, p in ranked if language in among or p == ranked[0][1]]
    total = sum(p for _, p in likely)
    language, p = max(likely, key=lambda pair: pair[1])
    return language if total and p / total >= LANGUAGE_CONFIDENCE else None


def features_of(text_trigrams: set, text_words: set, claim_text: str, cosine, usual) -> tuple:
    claim_words = set(words(claim_text))
    shared = len(claim_words & text_words) / len(claim_words) if claim_words else 0.0
    standout = None if cosine is None else round(cosine - usual, 4)
    return (cosine, standout, round(similarity(text_trigrams, claim_text), 4), round(shared, 4))


def match_claims(
    text: str, queryset, *, limit: int = 5, threshold: float = MATCH_THRESHOLD
) -> list[Match]:
    """The claims of `queryset` that most probably make the claim `text` makes,
    in any language, best first, each scoring at least `threshold`.

    Candidates come from both retrievers; each is scored by the calibrated
    models above. Claims not embedded yet still match lexically."""
    text = query_text(text)
    if not WORD.search(text):
        return []
    # The text is embedded (C code, without the GIL) while the database finds
    # the lexical candidates.
    embedded = _embedder.submit(embedding.embed_query, text[:EMBEDDED_CHARACTERS])
    lexical = {
        claim.pk: claim
        for claim, _ in similar_claims(
            text, queryset, limit=LEXICAL_CANDIDATES, threshold=0, candidates=LEXICAL_POOL
        )
    }
    query = embedded.result()
    index = vectors.index_for(queryset.db)
    index.refresh()
    near = dict(index.nearest(query, SEMANTIC_CANDIDATES))
    # The claims' words as they are embedded: with the verdict's headline.
    texts = {
        pk: (f"{claim_text} {headline or ''}", language.split("-")[0].lower())
        for pk, claim_text, headline, language in queryset.filter(
            pk__in=near.keys() | lexical.keys()
        )
        .order_by()
        .values_list("pk", "text", "verdict__headline", "language")
    }
    language = text_language(text, {language for _, language in texts.values()})
    cosines = {**index.cosines(query, lexical.keys() - near.keys()), **near}
    text_trigrams, text_words = trigrams(text), set(words(text))
    usual = usual_cosine(query)
    scored = []
    for pk, (claim_text, claim_language) in texts.items():
        features = features_of(text_trigrams, text_words, claim_text, cosines.get(pk), usual)
        across = bool(language) and claim_language not in (language, UNDETERMINED)
        score = probability(features, across_languages=across)
        if score >= threshold:
            evidence = tuple(
                name for name, found in (("lexical", lexical), ("semantic", near)) if pk in found
            )
            scored.append((score, pk, evidence, features))
    scored.sort(key=lambda row: (-row[0], row[1]))
    scored = scored[:limit]
    # Whole claims (as the caller's queryset reads them) for those shown only.
    wanted = [pk for _, pk, *_ in scored if pk not in lexical]
    claims = lexical | (queryset.in_bulk(wanted) if wanted else {})
    return [
        Match(claims[pk], score, evidence, features)
        for score, pk, evidence, features in scored
        if pk in claims
    ]
