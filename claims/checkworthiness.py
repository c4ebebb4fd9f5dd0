"""Check-worthiness: how much a sentence is worth a fact-checker's time, as a
score in [0, 1], with the reasons that pushed it up.

The model is a logistic regression over TF-IDF word and character n-grams and
the readable cues of `claims.checkworthiness_cues`, trained on CLEF
CheckThat! 2024 (`python manage.py train_checkworthiness`). It lives in
`claims/checkworthiness_model/` as plain JSON (vocabularies, IDF, weights),
read once per process; `MODEL_CARD.md` beside it says how it was made and how
well it does.

The score is the model's probability shifted so that the operating point
chosen on the development set falls at THRESHOLD: a score of 0.5 or more
means check-worthy.
"""

import json
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from claims.checkworthiness_cues import CUES, FEATURE_NAMES, find_cues

THRESHOLD = 0.5
MODEL_DIR = Path(__file__).with_name("checkworthiness_model")
MODEL_FILE = "model.json"
FORMAT = 1
MAX_REASONS = 4
# A reason must have pushed the margin up by this much (in log-odds): the
# faint pushes of common words explain nothing.
MIN_PUSH = 0.25
# How many words of the n-gram reason are quoted.
QUOTED_WORDS = 3


@dataclass(frozen=True)
class Scored:
    text: str
    score: float  # probability in [0, 1]; >= THRESHOLD means check-worthy
    reasons: list[str]  # short readable phrases, strongest first


class NGrams:
    """One TF-IDF block: the n-grams of a vocabulary, weighted as
    scikit-learn's TfidfVectorizer(sublinear_tf=True, norm="l2") weighs them."""

    def __init__(self, block: dict):
        features = block["features"]
        self.features = features
        self.counter = CountVectorizer(
            analyzer=block["analyzer"],
            ngram_range=tuple(block["ngram_range"]),
            lowercase=block["lowercase"],
            vocabulary={feature: index for index, feature in enumerate(features)},
            dtype=np.float64,
        )
        self.analyze = self.counter.build_analyzer()
        self.index = self.counter.vocabulary
        self.idf = np.asarray(block["idf"], dtype=np.float64)
        self.weights = np.asarray(block["weights"], dtype=np.float64)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        counts = self.counter.transform(texts).tocsr()
        counts.data = 1.0 + np.log(counts.data)
        weighted = counts.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted)

    def indices_of(self, words: str) -> set[int]:
        return {self.index[gram] for gram in self.analyze(words) if gram in self.index}


class Model:
    def __init__(self, data: dict):
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown check-worthiness model format {data.get('format')!r}")
        if data["cues"]["names"] != FEATURE_NAMES:
            raise ValueError("the model was trained on other cues than claims.checkworthiness_cues")
        self.words = NGrams(data["words"])
        self.characters = NGrams(data["characters"])
        self.cue_weights = np.asarray(data["cues"]["weights"], dtype=np.float64)
        self.intercept = float(data["intercept"])
        self.shift = float(data["shift"])

    @classmethod
    def load(cls, directory: Path) -> "Model":
        with (Path(directory) / MODEL_FILE).open(encoding="utf-8") as file:
            return cls(json.load(file))

    def margins(self, texts: Sequence[str]) -> tuple[np.ndarray, sparse.csr_matrix, list]:
        """The logistic regression's margin of each text (before the shift),
        with the word block and the cues, which the reasons read."""
        words = self.words.transform(texts)
        characters = self.characters.transform(texts)
        cues = [find_cues(text) for text in texts]
        cue_matrix = np.array([c.vector() for c in cues], dtype=np.float64).reshape(
            len(texts), len(FEATURE_NAMES)
        )
        margins = (
            words @ self.words.weights
            + characters @ self.characters.weights
            + cue_matrix @ self.cue_weights
            + self.intercept
        )
        return np.asarray(margins).ravel(), words, cues

    def score(self, texts: Sequence[str]) -> list[Scored]:
        texts = list(texts)
        present = [i for i, text in enumerate(texts) if text.strip()]
        scored = [Scored(text=text, score=0.0, reasons=[]) for text in texts]
        if not present:
            return scored
        margins, words, cues = self.margins([texts[i] for i in present])
        for row, i in enumerate(present):
            scored[i] = Scored(
                text=texts[i],
                score=sigmoid(margins[row] - self.shift),
                reasons=self.reasons(words.getrow(row), cues[row]),
            )
        return scored

    def reasons(self, words: sparse.csr_matrix, cues) -> list[str]:
        """The cues that pushed this sentence's score up, strongest first.

        A cue's push is its own weight plus that of the word n-grams inside
        the words it matched (the n-grams carry much of what the cue means:
        "percent" is a strong word by itself), so the reason names the
        matched words. The n-grams no cue explains make one more reason
        that quotes the strongest of them, ranked with the others."""
        value = dict(zip(words.indices, words.data, strict=True))
        explained: set[int] = set()
        pushes = []
        vector = cues.vector()
        for position, (c, found) in enumerate(zip(CUES, cues.matches, strict=True)):
            if not found:
                continue
            indices = set().union(*(self.words.indices_of(text) for text in found)) & value.keys()
            push = self.cue_weights[position] * vector[position] + sum(
                value[j] * self.words.weights[j] for j in indices
            )
            explained |= indices
            if push >= MIN_PUSH:
                pushes.append((push, c.reason, tuple(dict.fromkeys(found))))
        unexplained = sorted(
            (value[j] * self.words.weights[j], self.words.features[j])
            for j in value.keys() - explained
            if self.words.weights[j] > 0
        )[::-1][:QUOTED_WORDS]
        unexplained = [(p, gram) for p, gram in unexplained if p >= MIN_PUSH / QUOTED_WORDS]
        push = sum(p for p, _ in unexplained)
        if push >= MIN_PUSH:
            quoted = tuple(f"“{gram}”" for _, gram in unexplained)
            pushes.append((push, "uses words typical of checked claims", quoted))
        pushes.sort(key=lambda item: -item[0])
        reasons, shown = [], set()
        for _, reason, found in pushes:
            # "gives a large number (16,000)" says nothing once "gives a
            # number (16,000)" has been said.
            if set(found) <= shown:
                continue
            shown |= set(found)
            reasons.append(f"{reason} ({', '.join(found[:3])})")
        return reasons[:MAX_REASONS]


def sigmoid(margin: float) -> float:
    return 1.0 / (1.0 + math.exp(-margin)) if margin > -500 else 0.0


_model: Model | None = None
_lock = threading.Lock()


def get_model() -> Model:
    """The committed model, read on first use, once per process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = Model.load(MODEL_DIR)
    return _model


def score_sentences(texts: Sequence[str]) -> list[Scored]:
    """Each text's score and reasons, in the order given; an empty or blank
    text scores 0.0 with no reasons."""
    return get_model().score(texts)
