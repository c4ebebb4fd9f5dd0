"""Lexical claim matching: the claims sharing a text's words, with a score in
[0, 1]; one of the two retrievers of claims.matching.

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

import re
import time
from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connections
from django.db.models import Case, F, FloatField, IntegerField, Q, Subquery, Value, When
from django.db.models.functions import Cast, Greatest, Least

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
