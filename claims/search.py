"""Full-text search over claims: one function for the readers' search box,
the API's `?search=` and `claims:search`.

On PostgreSQL it reads the stored `search_vector` (migration 0009: the claim,
its speaker, its verdict's headline and summary, weighted in that order, each
stemmed in the claim's language and unstemmed) through its GIN index. A query
is read the way a search box is (`websearch_to_tsquery`: quoted phrases, `or`,
`-word`), stemmed as English, stemmed in the language the reader filters by,
and word for word, so "deported" finds "deportations", "deportado" finds
"deportados" among Spanish claims, and any exact word is found in any language.

Elsewhere (SQLite) every word must occur in the claim, headline, summary or
speaker's name, in no ranked order.
"""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, Func, Q, Value

from claims.lexical_matching import STOPWORDS, WORD

FIELDS = ("text", "verdict__headline", "verdict__summary", "speaker__name")
STEMMED_CONFIG = "english"
# A query word made only of stop words would match nearly every claim word for
# word; the stemmed half of the query drops those words already.
STOPWORD_TOKEN = re.compile(
    r"(?<![\w\"-])(?:" + "|".join(sorted(STOPWORDS)) + r")(?![\w\"])", re.IGNORECASE
)


def language_config(language: str) -> Func:
    # The mapping lives in the database function that indexes the claims too.
    return Func(Value(language), function="claims_search_config")


def search_query(text: str, language: str = "") -> SearchQuery:
    query = SearchQuery(text, config=STEMMED_CONFIG, search_type="websearch")
    if language:
        query |= SearchQuery(text, config=language_config(language), search_type="websearch")
    literal = STOPWORD_TOKEN.sub(" ", text)
    if WORD.search(literal):
        query |= SearchQuery(literal, config="simple", search_type="websearch")
    return query


def search_claims(queryset, text: str, *, language: str = "", ranked: bool = True):
    """`queryset` narrowed to claims matching `text`; best matches first when
    `ranked`, otherwise in the queryset's own order. `language` (BCP 47) adds
    that language's stemming to the query."""
    if not WORD.search(text):
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        query = search_query(text, language)
        queryset = queryset.filter(search_vector=query)
        if not ranked:
            return queryset
        return queryset.annotate(rank=SearchRank(F("search_vector"), query)).latest_first("-rank")
    return queryset.filter(
        reduce(
            and_,
            (
                reduce(or_, (Q(**{f"{f}__icontains": w}) for f in FIELDS))
                for w in WORD.findall(text)
            ),
        )
    )
