"""Hypothesis strategies for the property tests: text of every kind, and
JSON shaped like ClaimReview but broken in every way a feed can break it."""

from hypothesis import strategies as st

# Any character a JSON file or a query string can carry: lone surrogates
# cannot be encoded as UTF-8, so no client can send them.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)

# Strings the importer reads specially: URLs, dates, rating numbers, types.
tricky_text = st.one_of(
    any_text,
    st.sampled_from(
        [
            "",
            " ",
            "https://example.org/review/1",
            "http://example.org/a b",
            "/relative/review",
            "javascript:alert(1)",
            "2023-03-17",
            "2023-02-30",
            "17/03/2023",
            "2023-03-17T25:61:00Z",
            "-1",
            "1e309",
            "NaN",
            "ClaimReview",
            "Rating",
            "Organization",
            "Person",
            "\x00",
            "<script>alert(1)</script>",
        ]
    ),
)

json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    tricky_text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(tricky_text, inner, max_size=4)
    ),
    max_leaves=12,
)


def _node(keys: list[str], type_name: str | None):
    fields = st.fixed_dictionaries(
        {}, optional={key: st.one_of(json_value, _nested(key)) for key in keys}
    )
    if type_name is None:
        return fields
    return fields.map(lambda d: {"@type": type_name, **d})


def _nested(key: str):
    if key == "reviewRating":
        return _node(
            ["ratingValue", "bestRating", "worstRating", "alternateName", "name"], "Rating"
        )
    if key in ("author", "publisher"):
        return _node(["name", "url", "sameAs", "@type"], "Organization")
    if key == "itemReviewed":
        return _node(["author", "datePublished", "appearance", "firstAppearance", "name"], "Claim")
    return st.nothing()


REVIEW_KEYS = [
    "@context",
    "@type",
    "url",
    "claimReviewed",
    "reviewRating",
    "itemReviewed",
    "author",
    "datePublished",
    "dateModified",
    "inLanguage",
    "headline",
    "name",
]

claim_reviews = _node(REVIEW_KEYS, "ClaimReview")
# What a file holds: one review, a list of them, a DataFeed, or anything at all.
feeds = st.one_of(
    claim_reviews,
    st.lists(claim_reviews, max_size=4),
    st.lists(claim_reviews, max_size=3).map(
        lambda items: {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "dataFeedElement": [{"@type": "DataFeedItem", "item": [i]} for i in items],
        }
    ),
    json_value,
)
