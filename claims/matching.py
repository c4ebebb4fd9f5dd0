"""Claim matching: given any text, the most similar claims with a score in [0, 1].

Used by the admin to warn of duplicates when a claim is captured, by the
suggest form, and by the API to answer "has this been checked already?".

On PostgreSQL the candidates come from the GIN index on the stored search
vector (migration 0009), narrowed by the text's *rare* words: a word shared
by more claims than we would rank (PostgreSQL's own statistics say which) is
left out of the narrowing, since ranking every claim that says "president"
is what gets slow on a large table, and unordered it would let the best
claim fall out of the candidates. The candidates are ordered by full-text
rank over all the text's words, and the best few are scored by trigram
similarity combined with that rank. A text made only of common words must
share all of them.

The portable path (SQLite) narrows candidates with an index-free `icontains`
on the text's most distinctive words, orders them by how many of those words
they share, then scores them by trigram similarity computed the way
PostgreSQL's pg_trgm does (shared trigrams of padded words over all trigrams).
"""

import math
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_

import numpy as np
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connections
from django.db.models import Case, F, FloatField, IntegerField, Q, Subquery, Value, When
from django.db.models.functions import Cast, Greatest, Least

from claims import embedding, vectors
from claims.claimreview_parsing import UNDETERMINED_LANGUAGE as UNDETERMINED

WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his i in is it its
    of on or our she so that the their them there they this to was we were will with
    would you not no than then""".split()
)
CANDIDATE_WORDS = 6
NARROWING_WORDS = 12
CANDIDATE_LIMIT = 300
# How long a web process trusts the word statistics it read: they move only
# when PostgreSQL re-analyses the table.
STATISTICS_TTL = 300
_statistics: dict[str, tuple[float, float, dict[str, float]]] = {}


def words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS]


def trigrams(text: str) -> set[str]:
    grams = set()
    for word in WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str | set, b: str) -> float:
    """pg_trgm's similarity of two texts; `a` may be given as its trigrams."""
    ta, tb = (a if isinstance(a, set) else trigrams(a)), trigrams(b)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return shared / (len(ta) + len(tb) - shared)


def similar_claims(
    text: str,
    queryset,
    *,
    limit: int = 5,
    threshold: float = 0.1,
    candidates: int = CANDIDATE_LIMIT,
):
    """[(claim, score)] from `queryset`, best first, scores >= threshold, of
    the best `candidates` by full-text rank (or shared words)."""
    if connections[queryset.db].vendor == "postgresql":
        return _similar_claims_postgres(text, queryset, limit, threshold, candidates)
    distinctive = sorted(set(words(text)), key=len, reverse=True)[:CANDIDATE_WORDS]
    if not distinctive:
        return []
    shared = sum(
        Case(When(text__icontains=w, then=Value(1)), default=Value(0), output_field=IntegerField())
        for w in distinctive
    )
    narrowed = (
        queryset.filter(reduce(or_, (Q(text__icontains=w) for w in distinctive)))
        .alias(shared=shared)
        .order_by("-shared", "pk")
    )
    scored = [(claim, round(similarity(text, claim.text), 4)) for claim in narrowed[:candidates]]
    scored = [pair for pair in scored if pair[1] >= threshold]
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]


def word_frequencies(using: str) -> tuple[float, dict[str, float]]:
    """(rows in the claim table, {lexeme: share of claims holding it}) for the
    most common lexemes of the search vector, from PostgreSQL's statistics;
    (0, {}) before the table was first analysed."""
    now = time.monotonic()
    cached = _statistics.get(using)
    if cached and cached[0] > now:
        return cached[1], cached[2]
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs "
            "FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() "
            "AND s.tablename = c.relname AND s.attname = 'search_vector' "
            "WHERE c.oid = 'claims_claim'::regclass"
        )
        rows, lexemes, shares = cursor.fetchone()
    # reltuples is -1 before the first ANALYZE; the shares list ends with 3 extras.
    rows, frequencies = max(rows, 0), dict(zip(lexemes or (), shares or (), strict=False))
    _statistics[using] = (now + STATISTICS_TTL, rows, frequencies)
    return rows, frequencies


def forget_word_frequencies():
    _statistics.clear()


def refresh_word_frequencies(using: str = "default") -> None:
    """After a bulk load: PostgreSQL's statistics describe the new claims at
    once, not when autovacuum next passes, so matching narrows by the right
    words (and the planner plans for the rows there are)."""
    if connections[using].vendor == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    forget_word_frequencies()


def lexemes(text: str, using: str) -> list[str]:
    """The text's words as the `simple` search configuration indexes them, stop
    words left out, in order of first appearance."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, positions[1] FROM unnest(to_tsvector('simple', %s))",
            [text],
        )
        # A tsvector holds each lexeme once, in its own order.
        found = sorted(cursor.fetchall(), key=lambda row: row[1])
    return [lexeme for lexeme, _ in found if lexeme not in STOPWORDS]


def tsquery(terms, operator: str) -> SearchQuery:
    # Quoted, so that a lexeme is never read as tsquery syntax.
    quoted = ("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in terms)
    return SearchQuery(f" {operator} ".join(quoted), config="simple", search_type="raw")


def _similar_claims_postgres(text, queryset, limit, threshold, candidates):
    terms = lexemes(text, queryset.db)
    if not terms:
        return []
    rows, frequencies = word_frequencies(queryset.db)
    # A long text (a post, a transcript) narrows by its rarest words only.
    rare = sorted(
        (t for t in terms if frequencies.get(t, 0) * rows <= candidates),
        key=lambda t: (frequencies.get(t, 0), -len(t)),
    )[:NARROWING_WORDS]
    narrowing = tsquery(rare, "|") if rare else tsquery(terms, "&")
    every_word = tsquery(terms, "|")
    candidates = (
        queryset.filter(search_vector=narrowing)
        .order_by(SearchRank(F("search_vector"), every_word).desc(), "pk")
        .values("pk")[:candidates]
    )
    # ts_rank with normalisation 32 is rank / (rank + 1), in [0, 1). It lifts a
    # claim sharing the words that matter into the room trigram similarity leaves,
    # so the same text still scores 1.
    rank = SearchRank(SearchVector("text", config="simple"), every_word, normalization=Value(32))
    trigram = TrigramSimilarity("text", text)
    score = Cast(trigram + (Value(1.0) - trigram) * rank, FloatField())
    ranked = (
        queryset.filter(pk__in=Subquery(candidates))
        .annotate(match_score=Least(Greatest(score, Value(0.0)), Value(1.0)))
        .filter(match_score__gte=threshold)
        .order_by("-match_score", "pk")[:limit]
    )
    return [(claim, round(claim.match_score, 4)) for claim in ranked]


# --- Hybrid: lexical and semantic evidence in one calibrated score ---------------

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
# the cosine of the embeddings, the trigram similarity of the texts, and the
# share of the claim's words the text holds; the lexical model (no cosine)
# serves claims not embedded yet. Scores are probabilities, so a threshold
# means the same for every request.
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

    Candidates come from both retrievers: full-text and trigram matching
    (similar_claims above) and nearest embeddings (claims.vectors); each is
    scored by the calibrated model above. Claims not embedded yet still match
    lexically. The one matching function of the API, the admin's possible
    duplicates, the suggest form and `claims:search`."""
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
