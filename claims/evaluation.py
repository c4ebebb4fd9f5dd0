"""Reading CLEF CheckThat! 2020 Task 2 style data and scoring rankings, for
`evaluate_matching`.

verified_claims.tsv: vclaim_id, vclaim, title (a header row first);
*.queries.tsv: query id, text (a header row first);
*.qrels: TREC qrels, "query id, 0, vclaim id, 1" separated by whitespace.
"""

import csv
import itertools
import math
from pathlib import Path

from claims.claimreview_parsing import Record


class Unreadable(Exception):
    pass


def _rows(path: Path, columns: int) -> list[list[str]]:
    csv.field_size_limit(1 << 24)
    try:
        with path.open(newline="", encoding="utf-8") as file:
            rows = list(csv.reader(file, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise Unreadable(f"{path}: {error}") from None
    if not rows:
        raise Unreadable(f"{path}: the file is empty.")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) < columns or not row[0].strip():
            raise Unreadable(
                f"{path}, line {number}: expected {columns} tab-separated columns, "
                f"found {len(row)}."
            )
    return rows[1:]


def read_verified_claims(path: Path) -> dict[str, tuple[str, str]]:
    """{vclaim id: (claim text, title)}"""
    return {row[0].strip(): (row[1].strip(), row[2].strip()) for row in _rows(path, 3)}


def read_queries(path: Path) -> dict[str, str]:
    return {row[0].strip(): row[1] for row in _rows(path, 2)}


def read_qrels(path: Path) -> dict[str, set[str]]:
    """{query id: {relevant vclaim ids}}"""
    relevant: dict[str, set[str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise Unreadable(f"{path}: {error}") from None
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4 or fields[3] not in ("0", "1"):
            raise Unreadable(
                f"{path}, line {number}: expected 'query 0 vclaim relevance', found {line!r}."
            )
        if fields[3] == "1":
            relevant.setdefault(fields[0], set()).add(fields[2])
    if not relevant:
        raise Unreadable(f"{path}: no relevant judgements.")
    return relevant


def average_precision(ranked: list[set[str]], wanted: set[str]) -> float:
    """Average precision of a ranking cut where it ends, as CheckThat! scores
    MAP@k: each item is the set of judged ids the ranked claim stands for."""
    return precision_of([bool(ids & wanted) for ids in ranked], len(wanted))


def precision_of(hits: list[bool], relevant: int) -> float:
    """Average precision of a ranking given as relevant-or-not, cut where it
    ends, with `relevant` claims to find."""
    found = total = 0.0
    for position, hit in enumerate(hits, start=1):
        if hit:
            found += 1
            total += found / position
    return total / min(relevant, len(hits)) if hits and relevant else 0.0


def review_url(vid: str) -> str:
    """Where the evaluation's ClaimReview of a verified claim says it was published."""
    return f"https://checkthat.example.org/2020/task2/vclaim/{vid}"


def verified_claim_reviews(verified: dict[str, tuple[str, str]]):
    """The verified claims as ClaimReview records, as a fact-checker's feed gives them."""
    for index, (vid, (text, title)) in enumerate(verified.items()):
        node = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": review_url(vid),
            "claimReviewed": text,
            "name": title,
            "inLanguage": "en",
            "author": {"@type": "Organization", "name": "Snopes", "url": "https://www.snopes.com/"},
            "reviewRating": {"@type": "Rating", "alternateName": "Fact-checked"},
        }
        yield Record(index=index, location=f"vclaim {vid}", node=node)


def fit_ranking(queries, cutoff: int = 5) -> list[float]:
    """[bias, cosine weight, *lexical weights] of the semantic model: the
    lexical features' weights relative to the cosine that rank the candidates
    best (MAP@cutoff, on a grid), then scaled to probabilities by a logistic
    fit of the combined score (Platt scaling). `queries` are (number of
    relevant claims, [(features, relevant?) of each candidate])."""
    steps = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)
    width = len(queries[0][1][0][0]) - 1

    def combined(features, weights):
        return features[0] + sum(w * f for w, f in zip(weights, features[1:], strict=True))

    def mean_precision(weights):
        total = 0.0
        for wanted, found in queries:
            ranked = sorted(found, key=lambda row: -combined(row[0], weights))[:cutoff]
            total += precision_of([y for _, y in ranked], wanted)
        return total / len(queries)

    best = max(itertools.product(steps, repeat=width), key=mean_precision)
    rows = [(f, y) for _, found in queries for f, y in found if f[0] is not None]
    bias, scale = fit_logistic([(combined(f, best),) for f, _ in rows], [y for _, y in rows])
    return [bias, scale, *(scale * w for w in best)]


def fit_logistic(features: list[tuple[float, ...]], labels: list[bool]) -> list[float]:
    """[bias, *weights] of a logistic regression, by Newton's method with a
    small ridge penalty (the data are a few thousand candidates)."""
    import numpy as np

    x = np.column_stack([np.ones(len(features)), np.asarray(features, dtype=float)])
    y = np.asarray(labels, dtype=float)
    weights = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ weights)))
        gradient = x.T @ (p - y) + 1e-3 * weights
        hessian = (x * (p * (1 - p))[:, None]).T @ x + 1e-3 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if math.sqrt(float(step @ step)) < 1e-8:
            break
    return [float(w) for w in weights]
