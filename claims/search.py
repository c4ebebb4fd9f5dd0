"""Full-text search over claim text, for the API's `?search=` and `claims:search`.

On PostgreSQL a `websearch_to_tsquery` against `to_tsvector('simple', text)`,
served by the GIN index of migration 0006. The `simple` configuration neither
stems nor drops stop words, so it treats every language alike. Elsewhere
(SQLite) every word of the query must occur in the text.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections

from claims.matching import WORD

CONFIG = "simple"


def text_vector() -> SearchVector:
    # Must match the indexed expression in claims/migrations/0006.
    return SearchVector("text", config=CONFIG)


def search_claims(queryset, query: str):
    """`queryset` narrowed to claims whose text matches `query`."""
    words = WORD.findall(query)
    if not words:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return queryset.annotate(search_vector=text_vector()).filter(
            search_vector=SearchQuery(query, config=CONFIG, search_type="websearch")
        )
    for word in words:
        queryset = queryset.filter(text__icontains=word)
    return queryset
