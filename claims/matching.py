"""Claim matching: given any text, the most similar claims with a score in [0, 1].

Used by the admin to warn of duplicates when a claim is captured, and by
the API to answer "has this been checked already?".

This portable path narrows candidates with an indexed-free `icontains` on
the text's most distinctive words, then ranks them by trigram similarity
computed the way PostgreSQL's pg_trgm does (shared trigrams of padded
words over all trigrams).
"""

import re
from functools import reduce
from operator import or_

from django.db.models import Q

WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his i in is it its
    of on or our she so that the their them there they this to was we were will with
    would you not no than then""".split()
)
CANDIDATE_WORDS = 6
CANDIDATE_LIMIT = 300


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
    narrowed = queryset.filter(reduce(or_, (Q(text__icontains=w) for w in distinctive)))
    scored = [
        (claim, round(similarity(text, claim.text), 4)) for claim in narrowed[:CANDIDATE_LIMIT]
    ]
    scored = [pair for pair in scored if pair[1] >= threshold]
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]
