"""Full-text search over claims.

`search_claims` serves the reader's search box: on PostgreSQL it ranks matches
with stemmed text search over the claim, its verdict's headline and summary
and the speaker's name; elsewhere every word must appear in one of them.

`search_claim_text` serves the API (`?search=`, `claims:search`), where any
client may send any query against the whole table, so it must be indexed: a
`websearch_to_tsquery` against `to_tsvector('simple', text)`, the GIN index
of the claim text search migration. The `simple` configuration neither stems
nor drops stop words, so it treats every language alike. Elsewhere (SQLite)
every word of the query must occur in the text.
"""

from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, connections
from django.db.models import F, Q

from claims.matching import WORD

SEARCH_CONFIG = "english"
FIELDS = ("text", "verdict__headline", "verdict__summary", "speaker__name")
TEXT_CONFIG = "simple"


def search_claims(queryset, text: str):
    """`queryset` narrowed to claims matching `text`, best matches first."""
    if connection.vendor == "postgresql":
        vector = SearchVector("text", weight="A", config=SEARCH_CONFIG) + SearchVector(
            *FIELDS[1:], weight="B", config=SEARCH_CONFIG
        )
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", F("verdict__published_at").desc(nulls_last=True), "-pk")
        )
    words = text.split()
    if not words:
        return queryset
    return queryset.filter(
        reduce(
            and_, (reduce(Q.__or__, (Q(**{f"{f}__icontains": w}) for f in FIELDS)) for w in words)
        )
    )


def text_vector() -> SearchVector:
    # Must match the indexed expression in the claim text search migration.
    return SearchVector("text", config=TEXT_CONFIG)


def search_claim_text(queryset, query: str):
    """`queryset` narrowed to claims whose text matches `query`, using the index."""
    words = WORD.findall(query)
    if not words:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return queryset.annotate(search_vector=text_vector()).filter(
            search_vector=SearchQuery(query, config=TEXT_CONFIG, search_type="websearch")
        )
    for word in words:
        queryset = queryset.filter(text__icontains=word)
    return queryset
