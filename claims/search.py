"""Full-text search over public claims for the reader's search box.

PostgreSQL ranks matches with its text search (stemmed, so "deported" finds
"deportations"); elsewhere every word must appear in the claim, its verdict's
headline or summary, or the speaker's name.
"""

from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q

SEARCH_CONFIG = "english"
FIELDS = ("text", "verdict__headline", "verdict__summary", "speaker__name")


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
