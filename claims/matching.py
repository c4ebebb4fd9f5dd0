"""Claim matching: given any text, the most similar claims with a score in [0, 1].

Used by the admin to warn of duplicates when a claim is captured, and by
the API to answer "has this been checked already?".

On PostgreSQL the candidates come from the GIN indexes of migration 0008
(pg_trgm word similarity, or any distinctive word in the full-text vector)
and only those few are ranked by trigram similarity combined with full-text
rank: ranking every row is what gets slow on a large table.

The portable path (SQLite) narrows candidates with an index-free `icontains`
on the text's most distinctive words, then ranks them by trigram similarity
computed the way PostgreSQL's pg_trgm does (shared trigrams of padded words
over all trigrams).
"""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connections, transaction
from django.db.models import FloatField, Q, Subquery, Value
from django.db.models.functions import Cast, Greatest, Least

WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his i in is it its
    of on or our she so that the their them there they this to was we were will with
    would you not no than then""".split()
)
CANDIDATE_WORDS = 6
CANDIDATE_LIMIT = 300
# pg_trgm's default word-similarity threshold (0.6) misses paraphrases; this
# one still lets the trigram index discard nearly every row.
WORD_SIMILARITY_THRESHOLD = 0.3


def words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS]


def trigrams(text: str) -> set[str]:
    grams = set()
    for word in WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def similar_claims(text: str, queryset, *, limit: int = 5, threshold: float = 0.1):
    """[(claim, score)] from `queryset`, best first, scores >= threshold."""
    distinctive = sorted(set(words(text)), key=len, reverse=True)[:CANDIDATE_WORDS]
    if not distinctive:
        return []
    if connections[queryset.db].vendor == "postgresql":
        return _similar_claims_postgres(text, distinctive, queryset, limit, threshold)
    narrowed = queryset.filter(reduce(or_, (Q(text__icontains=w) for w in distinctive)))
    scored = [
        (claim, round(similarity(text, claim.text), 4)) for claim in narrowed[:CANDIDATE_LIMIT]
    ]
    scored = [pair for pair in scored if pair[1] >= threshold]
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]


def _similar_claims_postgres(text, distinctive, queryset, limit, threshold):
    # Same expression as the full-text index in migration 0008.
    vector = SearchVector("text", config="simple")
    # \w+ words hold none of tsquery's operators, so joining them is safe.
    any_word = SearchQuery(" | ".join(distinctive), config="simple", search_type="raw")
    candidates = (
        queryset.annotate(match_vector=vector)
        .filter(Q(match_vector=any_word) | Q(text__trigram_word_similar=text))
        .order_by()
        .values("pk")[:CANDIDATE_LIMIT]
    )
    # ts_rank with normalisation 32 is rank / (rank + 1), in [0, 1). It lifts a
    # claim sharing the words that matter into the room trigram similarity leaves,
    # so the same text still scores 1.
    rank = SearchRank(vector, any_word, normalization=Value(32))
    trigram = TrigramSimilarity("text", text)
    score = Cast(trigram + (Value(1.0) - trigram) * rank, FloatField())
    ranked = (
        queryset.filter(pk__in=Subquery(candidates))
        .annotate(match_score=Least(Greatest(score, Value(0.0)), Value(1.0)))
        .filter(match_score__gte=threshold)
        .order_by("-match_score", "pk")[:limit]
    )
    with transaction.atomic(using=queryset.db):
        # Local to this transaction: the threshold the %> operator uses.
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                [str(WORD_SIMILARITY_THRESHOLD)],
            )
        return [(claim, round(claim.match_score, 4)) for claim in ranked]
