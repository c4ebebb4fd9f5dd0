"""Check-worthiness: how much a sentence is worth a fact-checker's time, as a
score in [0, 1], with the reasons that pushed it up.

Two stages, trained on CLEF CheckThat! 2024 (`python manage.py
train_checkworthiness`). The first is a logistic regression over TF-IDF word
and character n-grams and the readable cues of `claims.checkworthiness_cues`:
it scores every sentence and gives the reasons. The sentences it leaves
unsure, near the threshold, are read again by the second: a sentence
encoder fine-tuned for the task (the reader, `claims.sentence_encoder`),
whose margin replaces the first stage's. Reading is what costs time, so
only those sentences pay for it. The model lives in
`claims/checkworthiness_model/`: plain JSON and the reader's NumPy arrays,
read once per process (the reader when first needed); `MODEL_CARD.md`
beside it says how it was made and how well it does.

Each stage's margin is shifted so that its operating point, chosen on
training sentences it was not fitted to, falls at THRESHOLD: a score of
0.5 or more means check-worthy.
"""

import json
import math
import re
import threading
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from threadpoolctl import threadpool_limits

from claims.checkworthiness_cues import CUES, FEATURE_NAMES, CueMatches, find_cues
from claims.embedding import encodable
from claims.sentence_encoder import (
    Encoder,
    base_model_dir,
    fine_tuned,
    load_base_weights,
    load_tokenizer,
)

THRESHOLD = 0.5
MODEL_DIR = Path(__file__).with_name("checkworthiness_model")
MODEL_FILE = "model.json"
FORMAT = 4
READER_FILE = "reader.npz"
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
    """One TF-IDF block: the n-grams of a vocabulary, cut and weighted exactly
    as scikit-learn's TfidfVectorizer(sublinear_tf=True, norm="l2") does in
    training (tests/claims/test_checkworthiness.py holds them to it), without
    loading scikit-learn: it takes longer to import than to score a thousand
    sentences."""

    def __init__(self, block: dict):
        self.analyzer = block["analyzer"]
        if self.analyzer not in ("word", "char_wb"):
            raise ValueError(f"unknown n-gram analyzer {self.analyzer!r}")
        self.low, self.high = block["ngram_range"]
        self.lowercase = block["lowercase"]
        self.token = re.compile(block["token_pattern"])
        self.features = block["features"]
        self.index = {feature: index for index, feature in enumerate(self.features)}
        self.idf = block["idf"]
        self.weights = block["weights"]

    def grams(self, text: str) -> list[str]:
        if self.lowercase:
            text = text.lower()
        if self.analyzer == "word":
            tokens = self.token.findall(text)
            return [
                " ".join(tokens[i : i + n])
                for n in range(self.low, self.high + 1)
                for i in range(len(tokens) - n + 1)
            ]
        grams = []
        for word in text.split():
            word = f" {word} "
            for n in range(self.low, self.high + 1):
                if len(word) <= n:
                    # A word no longer than n counts once, whole.
                    grams.append(word)
                    break
                grams.extend(word[i : i + n] for i in range(len(word) - n + 1))
        return grams

    def vector(self, text: str) -> dict[int, float]:
        """{feature index: TF-IDF value} of the known n-grams, L2-normalised."""
        index, idf, values = self.index, self.idf, {}
        for gram, count in Counter(self.grams(text)).items():
            i = index.get(gram)
            if i is not None:
                values[i] = (1.0 + math.log(count)) * idf[i]
        norm = math.hypot(*values.values()) or 1.0
        return {i: v / norm for i, v in values.items()}

    def margin(self, vector: dict[int, float]) -> float:
        return sum(v * self.weights[i] for i, v in vector.items())

    def margin_of(self, text: str) -> float:
        """margin(vector(text)) in one pass, for the block whose values no
        reason reads: the character n-grams are most of the scoring time."""
        index, idf, weights = self.index, self.idf, self.weights
        dot = squares = 0.0
        for gram, count in Counter(self.grams(text)).items():
            i = index.get(gram)
            if i is not None:
                value = idf[i] if count == 1 else (1.0 + math.log(count)) * idf[i]
                dot += value * weights[i]
                squares += value * value
        return dot / math.sqrt(squares) if squares else 0.0

    def indices_of(self, words: str) -> set[int]:
        return {self.index[gram] for gram in self.grams(words) if gram in self.index}


class Rereading:
    """The second stage, for the sentences whose first-stage margin (in
    log-odds, shifted) lies within `band` of the threshold: the fine-tuned
    reader's margin, shifted to its own operating point."""

    def __init__(self, block: dict, directory: Path):
        self.band = float(block["band"])
        self.shift = float(block["shift"])
        self.path = Path(directory) / block["reader"]
        if not self.path.is_file():
            raise ValueError(f"the check-worthiness model's reader {self.path} is missing")
        self._reader = None
        self._lock = threading.Lock()

    def unsure(self, margin: float | None) -> bool:
        return margin is not None and abs(margin) < self.band

    def reader(self) -> "Reader":
        # Built on first need: the base weights take a moment to read.
        with self._lock:
            if self._reader is None:
                self._reader = Reader.load(self.path)
            return self._reader

    def margins(self, texts: list[str], threads: int | None) -> np.ndarray:
        return self.reader().margins(texts, threads=threads) - self.shift


class Reader:
    """The fine-tuned sentence encoder and its logistic head."""

    def __init__(self, encoder: Encoder, head_weight: np.ndarray, head_bias: float):
        self.encoder = encoder
        self.head_weight = head_weight
        self.head_bias = head_bias

    @classmethod
    def load(cls, path: Path) -> "Reader":
        try:
            with np.load(path, allow_pickle=False) as stored:
                learned = {name: stored[name] for name in stored.files}
            return cls.learned(learned)
        # A truncated or foreign file fails deep in NumPy or at a missing or
        # misshapen array: say which file, not only how NumPy tripped.
        except (OSError, EOFError, KeyError, ValueError, zipfile.BadZipFile) as error:
            raise ValueError(
                f"the check-worthiness model's reader {path} is unreadable ({error}); "
                "retrain it with manage.py train_checkworthiness"
            ) from error

    @classmethod
    def learned(cls, learned: dict[str, np.ndarray]) -> "Reader":
        """The base encoder with what fine-tuning learned (float32 at least,
        whatever precision it was stored in)."""
        learned = {name: value.astype(np.float32) for name, value in learned.items()}
        directory = base_model_dir()
        weights = fine_tuned(load_base_weights(directory), learned)
        return cls(
            Encoder(weights, load_tokenizer(directory)),
            learned["head.weight"].astype(np.float64),
            float(learned["head.bias"][0]),
        )

    def margins(self, texts: list[str], *, threads: int | None = None) -> np.ndarray:
        """Each text's log-odds of being check-worthy, by the reader alone."""
        with threadpool_limits(threads or settings.FACTCHECK_EMBEDDING_THREADS):
            vectors = self.encoder.encode([encodable(text) for text in texts])
        return vectors.astype(np.float64) @ self.head_weight + self.head_bias


class Model:
    def __init__(self, data: dict, directory: Path):
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown check-worthiness model format {data.get('format')!r}")
        if data["cues"]["names"] != FEATURE_NAMES:
            raise ValueError("the model was trained on other cues than claims.checkworthiness_cues")
        self.words = NGrams(data["words"])
        self.characters = NGrams(data["characters"])
        self.cue_weights = data["cues"]["weights"]
        self.intercept = float(data["intercept"])
        self.shift = float(data["shift"])
        self.rereading = Rereading(data["rereading"], directory)

    @classmethod
    def load(cls, directory: Path) -> "Model":
        with (Path(directory) / MODEL_FILE).open(encoding="utf-8") as file:
            return cls(json.load(file), directory)

    def score(self, texts: Sequence[str], *, threads: int | None = None) -> list[Scored]:
        """Each text scored; the unsure ones read together, on `threads`
        cores (FACTCHECK_EMBEDDING_THREADS unless given)."""
        firsts = [self.first_stage(text) for text in texts]
        margins = [margin for margin, _ in firsts]
        unsure = [i for i, margin in enumerate(margins) if self.rereading.unsure(margin)]
        if unsure:
            again = self.rereading.margins([texts[i] for i in unsure], threads)
            for i, margin in zip(unsure, again, strict=True):
                margins[i] = float(margin)
        return [
            Scored(text=text, score=0.0 if margin is None else sigmoid(margin), reasons=reasons)
            for text, margin, (_, reasons) in zip(texts, margins, firsts, strict=True)
        ]

    def first_stage(self, text: str) -> tuple[float | None, list[str]]:
        """The shifted margin (None for a blank text) and the reasons."""
        if not text.strip():
            return None, []
        words = self.words.vector(text)
        cues = find_cues(text)
        margin = (
            self.words.margin(words)
            + self.characters.margin_of(text)
            + sum(w * v for w, v in zip(self.cue_weights, cues.vector(), strict=True))
            + self.intercept
        )
        return margin - self.shift, self.reasons(words, cues)

    def reasons(self, value: dict[int, float], cues: CueMatches) -> list[str]:
        """The cues that pushed this sentence's score up, strongest first.

        A cue's push is its own weight plus that of the word n-grams inside
        the words it matched (the n-grams carry much of what the cue means:
        "percent" is a strong word by itself), so the reason names the
        matched words. The n-grams no cue explains make one more reason
        that quotes the strongest of them, ranked with the others."""
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


def score_sentences(texts: Sequence[str], *, threads: int | None = None) -> list[Scored]:
    """Each text's score and reasons, in the order given; an empty or blank
    text scores 0.0 with no reasons."""
    return get_model().score(texts, threads=threads)
