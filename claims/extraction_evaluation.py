"""How well extraction ranks: precision at k over sentences a person labelled
check-worthy or not (tests/fixtures/extraction/ holds such a set)."""

import json
from dataclasses import dataclass
from pathlib import Path

from claims.extraction import ranked_sentences
from claims.sentences import fold_key


class LabelsError(Exception):
    """Why a labels or corpus file cannot be used; str() is one sentence."""


@dataclass(frozen=True)
class Label:
    article: int
    sentence: str
    check_worthy: bool


@dataclass(frozen=True)
class Precision:
    k: int
    relevant: int  # labelled check-worthy among the first k
    unlabelled: int  # among the first k, sentences the labels do not hold

    @property
    def value(self) -> float:
        return self.relevant / self.k if self.k else 0.0


def load_labels(path: str) -> list[Label]:
    """A JSON array of {"article": int, "sentence": str, "check_worthy": bool}."""
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise LabelsError(f"{path} cannot be read: {error.strerror}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LabelsError(f"{path} is not a JSON file: {error}.") from None
    if not isinstance(rows, list) or not rows:
        raise LabelsError(f"{path} must hold a non-empty JSON array of labelled sentences.")
    labels = []
    for index, row in enumerate(rows):
        if not (
            isinstance(row, dict)
            and isinstance(row.get("article"), int)
            and isinstance(row.get("sentence"), str)
            and row["sentence"].strip()
            and isinstance(row.get("check_worthy"), bool)
        ):
            raise LabelsError(
                f"{path}: item {index} must be "
                '{"article": int, "sentence": str, "check_worthy": true|false}.'
            )
        labels.append(Label(row["article"], row["sentence"], row["check_worthy"]))
    return labels


def articles_from_labels(labels: list[Label]) -> dict[int, str]:
    """Each article's text, put together again from its labelled sentences."""
    articles: dict[int, list[str]] = {}
    for label in labels:
        articles.setdefault(label.article, []).append(label.sentence)
    return {number: " ".join(sentences) for number, sentences in articles.items()}


def articles_from_corpus(path: str, numbers: set[int]) -> dict[int, str]:
    """Articles `numbers` of a corpus file where article n is lines 2n-1 (its
    search snippet) and 2n (its text), as in icc-putin-xi-news-2023-03.txt."""
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except OSError as error:
        raise LabelsError(f"{path} cannot be read: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise LabelsError(f"{path} is not UTF-8 text.") from None
    missing = sorted(n for n in numbers if n < 1 or 2 * n > len(lines))
    if missing:
        raise LabelsError(
            f"{path} has no article {missing[0]}: article n is lines 2n-1 and 2n, "
            f"and it has {len(lines)} lines."
        )
    return {n: "\n".join(lines[2 * n - 2 : 2 * n]) for n in sorted(numbers)}


def precision_at(labels: list[Label], articles: dict[int, str], ks: tuple[int, ...]):
    """The ranking of the articles' sentences (all of them together, as one
    long text) and its precision at each k."""
    judged = {fold_key(label.sentence): label.check_worthy for label in labels}
    ranking = ranked_sentences("\n".join(articles[n] for n in sorted(articles)))
    keys = [fold_key(sentence) for sentence, _, _ in ranking]
    results = []
    for k in ks:
        top = keys[:k]
        results.append(
            Precision(
                k=min(k, len(top)),
                relevant=sum(judged.get(key, False) for key in top),
                unlabelled=sum(key not in judged for key in top),
            )
        )
    return ranking, results
