import io
import json
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from claims import checkworthiness
from claims.checkworthiness import THRESHOLD, Model, score_sentences
from claims.checkworthiness_training import metrics, read_labelled
from claims.management.commands.checkworthiness import MAX_BYTES

SAMPLE = Path(__file__).parents[1] / "fixtures" / "checkworthiness"

# What a fact-checker would pick from the news about the ICC warrant for
# Vladimir Putin, and what they would pass over.
CHECK_WORTHY = [
    "More than 16,000 forced deportations of Ukrainian children have been recorded.",
    "The court has 18 judges serving nine-year terms.",
    "It has so far indicted 40 individuals apart from Mr Putin, all from African countries.",
    "Unemployment has risen to 9 percent, the highest rate in 25 years.",
    "Chinese companies shipped more than 1,000 assault rifles to Russia last year.",
]
NOT_CHECK_WORTHY = [
    "Thank you very much, it's a pleasure to be here tonight.",
    "I think we need to do better for our children.",
    "What would you do?",
    "We will see what happens next week.",
]


def run(*args, stdin=None) -> str:
    out = io.StringIO()
    call_command("checkworthiness", *args, stdout=out, stdin=stdin)
    return out.getvalue()


def test_it_scores_check_worthy_sentences_above_the_threshold():
    for scored in score_sentences(CHECK_WORTHY):
        assert scored.score >= THRESHOLD + 0.1, scored


def test_it_scores_chatter_below_the_threshold():
    for scored in score_sentences(NOT_CHECK_WORTHY):
        assert scored.score < THRESHOLD - 0.2, scored


def test_it_gives_the_cues_that_pushed_the_score_with_their_words():
    percentage, party, chatter = score_sentences(
        [
            "Unemployment has risen to 9 percent, the highest rate in 25 years.",
            "Ukraine is not a party to the Rome Statute, and it accepted the court in 2014.",
            "Thank you very much, it's a pleasure to be here tonight.",
        ]
    )
    assert "gives a percentage (9 percent)" in percentage.reasons
    assert "names a statistic (Unemployment, rate)" in percentage.reasons
    assert party.reasons[0].startswith("states a legal status (not a party to the Rome Statute")
    # Nothing in small talk pushes a score up: no reason is made up for it.
    assert chatter.reasons == []


def test_it_never_gives_a_reason_twice_for_the_same_words():
    (scored,) = score_sentences(["More than 16,000 children were deported."])
    assert "gives a number (16,000)" in scored.reasons
    assert not any(r.startswith("gives a large number") for r in scored.reasons)
    assert len(scored.reasons) <= checkworthiness.MAX_REASONS


def test_it_scores_empty_and_blank_texts_zero_and_keeps_the_order():
    texts = ["", CHECK_WORTHY[0], "   \t", NOT_CHECK_WORTHY[0]]
    scored = score_sentences(texts)
    assert [s.text for s in scored] == texts
    assert (scored[0].score, scored[0].reasons) == (0.0, [])
    assert (scored[2].score, scored[2].reasons) == (0.0, [])
    assert scored[1].score > THRESHOLD > scored[3].score
    assert score_sentences([]) == []
    assert all(0.0 <= s.score <= 1.0 for s in scored)


def test_it_scores_a_sentence_the_same_alone_and_in_a_batch():
    alone = [score_sentences([text])[0] for text in CHECK_WORTHY + NOT_CHECK_WORTHY]
    batch = score_sentences(CHECK_WORTHY + NOT_CHECK_WORTHY)
    assert [s.reasons for s in batch] == [s.reasons for s in alone]
    # The unsure ones are read together in a batch, padded to the longest:
    # float32 sums in another order, nothing more.
    assert [s.score for s in batch] == pytest.approx([s.score for s in alone], abs=1e-5)


def committed_data() -> dict:
    return json.loads((checkworthiness.MODEL_DIR / "model.json").read_text(encoding="utf-8"))


def committed_model(**rereading) -> Model:
    data = committed_data()
    return Model(
        {**data, "rereading": {**data["rereading"], **rereading}}, checkworthiness.MODEL_DIR
    )


def test_only_the_sentences_the_first_stage_is_unsure_of_are_read_again():
    dev = read_labelled(SAMPLE / "dev.tsv").texts + CHECK_WORTHY + NOT_CHECK_WORTHY
    model = committed_model()
    firsts = [model.first_stage(text)[0] for text in dev]
    unsure = [abs(margin) < model.rereading.band for margin in firsts]
    assert 0 < sum(unsure) < len(dev)
    scored = model.score(dev)
    alone = committed_model(band=0).score(dev)  # nothing is unsure: the first stage only
    for text, first, is_unsure, s, a in zip(dev, firsts, unsure, scored, alone, strict=True):
        assert a.score == pytest.approx(checkworthiness.sigmoid(first), abs=1e-12)
        assert s.reasons == a.reasons  # the reasons are the first stage's
        if is_unsure:
            assert s.score != pytest.approx(a.score, abs=1e-6), text
        else:
            assert s.score == a.score, text


def test_the_second_stage_reads_what_the_sentence_means():
    # An unsure sentence's score is the reader's margin, shifted to its own
    # operating point, and the reader orders those sentences otherwise than
    # the first stage did.
    model = committed_model()
    dev = read_labelled(SAMPLE / "dev.tsv").texts
    unsure = [t for t in dev if model.rereading.unsure(model.first_stage(t)[0])]
    assert len(unsure) >= 3
    read, firsts = model.score(unsure), committed_model(band=0).score(unsure)
    margins = model.rereading.reader().margins(unsure) - model.rereading.shift
    assert [s.score for s in read] == pytest.approx(
        [checkworthiness.sigmoid(m) for m in margins], abs=1e-6
    )
    order = np.argsort([s.score for s in read])
    assert list(order) != list(np.argsort([s.score for s in firsts]))


def test_the_reader_is_read_once_and_only_when_a_sentence_needs_it(monkeypatch):
    model = committed_model()
    loads = []
    load = checkworthiness.Reader.load
    monkeypatch.setattr(
        checkworthiness.Reader, "load", lambda path: loads.append(path) or load(path)
    )
    model.score(["Thank you very much, it's a pleasure to be here tonight.", ""])
    assert loads == []  # nothing unsure: the first stage is sure of small talk
    dev = read_labelled(SAMPLE / "dev.tsv").texts
    model.score(dev)
    model.score(dev[:5])
    assert loads == [checkworthiness.MODEL_DIR / checkworthiness.READER_FILE]


def test_it_reads_the_model_once_for_all_threads(monkeypatch):
    monkeypatch.setattr(checkworthiness, "_model", None)
    models = []
    threads = [
        threading.Thread(target=lambda: models.append(checkworthiness.get_model()))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(models) == 4 and all(m is models[0] for m in models)


@pytest.mark.parametrize("block", ["words", "characters"])
def test_the_scorer_weighs_n_grams_exactly_as_scikit_learn_does(block):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from claims.checkworthiness_training import CHARACTERS, WORDS

    train = read_labelled(SAMPLE / "train.tsv").texts
    texts = [
        *read_labelled(SAMPLE / "dev.tsv").texts,
        "Ünemployment  rose\tto 9% — “the highest” in 25 years!!",
        "a I x",
        "Tax tax TAX, taxes.",
    ]
    settings = {"words": WORDS, "characters": CHARACTERS}[block]
    vectorizer = TfidfVectorizer(sublinear_tf=True, **settings).fit(train)
    ngrams = checkworthiness.NGrams(
        {
            **settings,
            "token_pattern": vectorizer.token_pattern,
            "features": list(vectorizer.get_feature_names_out()),
            "idf": list(vectorizer.idf_),
            "weights": [(-1) ** i / (i + 1) for i in range(len(vectorizer.idf_))],
        }
    )
    expected = vectorizer.transform(texts).toarray()
    for row, text in enumerate(texts):
        ours = np.zeros(expected.shape[1])
        for index, value in ngrams.vector(text).items():
            ours[index] = value
        assert ours == pytest.approx(expected[row], abs=1e-12), text
        assert ngrams.margin_of(text) == pytest.approx(ngrams.margin(ngrams.vector(text)))


def test_the_committed_model_separates_the_sample_dev_sentences():
    dev = read_labelled(SAMPLE / "dev.tsv")
    scores = [s.score for s in score_sentences(dev.texts)]
    result = metrics(dev.labels, np.array(scores) >= THRESHOLD)
    assert result.f1 >= 0.7


def test_the_command_prints_one_json_object_per_line_in_order(tmp_path):
    path = tmp_path / "sentences.txt"
    path.write_text(f"{CHECK_WORTHY[0]}\n\n{NOT_CHECK_WORTHY[0]}\n", encoding="utf-8")
    answer = json.loads(run(str(path), "--json"))
    assert [list(row) for row in answer] == [["text", "score", "reasons"]] * 3
    assert [row["text"] for row in answer] == [CHECK_WORTHY[0], "", NOT_CHECK_WORTHY[0]]
    assert answer[0]["score"] >= THRESHOLD and "gives a number (16,000)" in answer[0]["reasons"]
    assert answer[1] == {"text": "", "score": 0.0, "reasons": []}
    assert answer[2]["score"] < THRESHOLD


def test_the_command_reads_standard_input_and_prints_a_line_a_sentence():
    text = run("-", stdin=io.StringIO(f"{CHECK_WORTHY[1]}\n{NOT_CHECK_WORTHY[2]}"))
    first, second = text.splitlines()
    assert first.startswith("0.") and CHECK_WORTHY[1] in first and "gives a number" in first
    assert float(second.split()[0]) < THRESHOLD and NOT_CHECK_WORTHY[2] in second


def test_the_command_keeps_crlf_files_and_a_byte_order_mark_out_of_the_text(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + f"{CHECK_WORTHY[0]}\r\n{CHECK_WORTHY[1]}\r\n".encode())
    answer = json.loads(run(str(path), "--json"))
    assert [row["text"] for row in answer] == CHECK_WORTHY[:2]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no text to score"),
        (b"\n \n\t\n", "no text to score"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "looks like a binary file"),
        ("Le cour a 18 juges.".encode("latin-1").replace(b"a", b"\xe0"), "not UTF-8 text"),
    ],
)
def test_the_command_refuses_a_file_it_cannot_score(tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as raised:
        run(str(path))
    assert str(raised.value).startswith(str(path)) and "\n" not in str(raised.value)


def test_the_command_refuses_a_huge_file(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The court has 18 judges.\n" * (MAX_BYTES // 25 + 1))
    with pytest.raises(CommandError, match="larger than 10 MiB"):
        run(str(path), "--json")


def test_the_command_refuses_a_missing_file_and_a_directory(tmp_path):
    with pytest.raises(CommandError, match="No such file or directory"):
        run(str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="is a directory"):
        run(str(tmp_path))


def test_the_command_refuses_empty_standard_input():
    with pytest.raises(CommandError, match="standard input: no text to score"):
        run("-", stdin=io.StringIO(""))


def train(*args) -> str:
    out = io.StringIO()
    call_command("train_checkworthiness", *args, stdout=out)
    return out.getvalue()


def test_training_writes_a_model_that_loads_and_reports_its_dev_figures(tmp_path):
    report = train(
        "--train", str(SAMPLE / "train.tsv"), "--dev", str(SAMPLE / "dev.tsv"),
        "--output", str(tmp_path / "model"),
    )  # fmt: skip
    assert "Trained on 80 sentences (40 check-worthy)" in report
    assert "dev: 30 sentences, 10 check-worthy" in report
    # The operating point comes from folds of the training sentences.
    assert "train, the held-out tenth: F1 " in report
    assert "of the sentences read again by the second)" in report
    f1 = float(report.split("\nF1")[1].split()[0])
    assert 0.0 < f1 <= 1.0
    model = Model.load(tmp_path / "model")
    scored = model.score(["In Georgia alone I got 84 percent of the vote.", ""])
    assert 0.0 < scored[0].score < 1.0 and scored[1].score == 0.0
    assert model.rereading.band > 0
    assert (tmp_path / "model" / checkworthiness.READER_FILE).is_file()
    assert not list((tmp_path / "model").glob("*.partial"))
    # The F1 reported is the written model's on the dev sentences.
    dev = read_labelled(SAMPLE / "dev.tsv")
    predicted = np.array([s.score for s in model.score(dev.texts)])
    assert f"{metrics(dev.labels, predicted >= THRESHOLD).f1:.3f}" in report
    # The committed model is untouched.
    assert checkworthiness.MODEL_DIR != tmp_path / "model"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "expected the tab-separated columns Sentence_id, Text, class_label"),
        (b"id\ttext\tlabel\n1\tA.\tYes\n", "missing Sentence_id, Text, class_label"),
        (b"Sentence_id\tText\tclass_label\n", "no sentences"),
        (b"Sentence_id\tText\tclass_label\n1\tA.\tMaybe\n", "line 2: class_label must be Yes"),
        (b"Sentence_id\tText\tclass_label\n1\tA.\n", "line 2: class_label must be Yes"),
        (b"Sentence_id\tText\tclass_label\n1\t\xe0 18.\tYes\n", "can't decode byte 0xe0"),
    ],
)
def test_training_refuses_a_bad_file(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as raised:
        train("--train", str(path), "--dev", str(SAMPLE / "dev.tsv"), "--output", str(tmp_path))
    assert "\n" not in str(raised.value)
    assert not (tmp_path / "model.json").exists()


def test_training_refuses_one_class_missing_files_and_a_file_as_output(tmp_path):
    yes_only = tmp_path / "yes.tsv"
    yes_only.write_text("Sentence_id\tText\tclass_label\n1\tWe cut taxes.\tYes\n")
    dev = str(SAMPLE / "dev.tsv")
    with pytest.raises(CommandError, match="--train: needs sentences labelled both Yes and No"):
        train("--train", str(yes_only), "--dev", dev, "--output", str(tmp_path / "m"))
    one_yes = tmp_path / "one-yes.tsv"
    one_yes.write_text(
        "Sentence_id\tText\tclass_label\n1\tWe cut taxes.\tYes\n"
        + "".join(f"{i}\tWe cut taxes?\tNo\n" for i in range(2, 6))
    )
    with pytest.raises(CommandError, match="--train: needs at least 2 sentences labelled Yes"):
        train("--train", str(one_yes), "--dev", dev, "--output", str(tmp_path / "m"))
    with pytest.raises(CommandError, match="No such file or directory"):
        train("--train", str(tmp_path / "none.tsv"), "--dev", dev)
    with pytest.raises(CommandError, match="not a directory"):
        train("--train", str(SAMPLE / "train.tsv"), "--dev", dev, "--output", str(yes_only))
    assert not (tmp_path / "m").exists()


def test_training_copes_with_the_fewest_sentences_it_accepts(tmp_path):
    # Two of each label: two folds for the first stage, one of each held out.
    few = tmp_path / "few.tsv"
    few.write_text(
        "Sentence_id\tText\tclass_label\n1\tWe cut taxes by 9 percent.\tYes\n"
        "2\tThank you all.\tNo\n3\tCrime fell 20 percent in 2019.\tYes\n4\tWhat now?\tNo\n"
    )
    report = train(
        "--train", str(few), "--dev", str(SAMPLE / "dev.tsv"), "--output", str(tmp_path / "m")
    )
    assert "Trained on 4 sentences (2 check-worthy)" in report
    assert Model.load(tmp_path / "m").score(["Crime fell 20 percent."])[0].score > 0.0


@pytest.mark.parametrize("epochs", ["0", "-1", "101", "two", "nan"])
def test_training_refuses_a_bad_number_of_passes(tmp_path, epochs):
    with pytest.raises(CommandError, match=f"--epochs: expected a number of passes .*'{epochs}'"):
        train(
            "--train", str(SAMPLE / "train.tsv"), "--dev", str(SAMPLE / "dev.tsv"),
            "--output", str(tmp_path / "m"), "--epochs", epochs,
        )  # fmt: skip
    assert not (tmp_path / "m").exists()


def test_training_without_pytorch_says_how_to_get_it_and_writes_nothing(tmp_path, monkeypatch):
    # As if torch were not installed: Python raises ImportError for a module
    # whose sys.modules entry is None.
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(CommandError, match=r"needs PyTorch: pip install -r requirements-train.txt"):
        train(
            "--train", str(SAMPLE / "train.tsv"), "--dev", str(SAMPLE / "dev.tsv"),
            "--output", str(tmp_path / "m"),
        )  # fmt: skip
    assert not (tmp_path / "m").exists()


def test_links_in_pasted_text_give_no_reasons():
    (scored,) = score_sentences(
        ["[The UN said](https://www.bbc.com/news/world-europe-64985009) 16,000 were deported."]
    )
    assert "gives a number (16,000)" in scored.reasons
    assert not any("64985009" in reason for reason in scored.reasons)


def test_a_model_of_another_format_or_other_cues_or_without_its_reader_is_refused(tmp_path):
    data = committed_data()
    directory = checkworthiness.MODEL_DIR
    with pytest.raises(ValueError, match="unknown check-worthiness model format 3"):
        Model({**data, "format": 3}, directory)
    cues = {**data["cues"], "names": data["cues"]["names"][1:]}
    with pytest.raises(ValueError, match="trained on other cues"):
        Model({**data, "cues": cues}, directory)
    with pytest.raises(ValueError, match="reader .*reader.npz is missing"):
        Model(data, tmp_path)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "without its head"])
def test_a_damaged_reader_is_refused_with_its_path(tmp_path, damage):
    data = committed_data()
    # Every sentence unsure, so the reader is needed at once.
    data["rereading"]["band"] = 1000.0
    (tmp_path / "model.json").write_text(json.dumps(data), encoding="utf-8")
    stored = (checkworthiness.MODEL_DIR / "reader.npz").read_bytes()
    if damage == "garbage":
        (tmp_path / "reader.npz").write_bytes(b"not a NumPy archive\n" * 50)
    elif damage == "truncated":
        (tmp_path / "reader.npz").write_bytes(stored[: len(stored) // 2])
    else:
        with np.load(checkworthiness.MODEL_DIR / "reader.npz") as arrays:
            kept = {name: arrays[name] for name in arrays.files if not name.startswith("head.")}
        np.savez(tmp_path / "reader.npz", **kept)
    model = Model.load(tmp_path)
    with pytest.raises(ValueError, match=r"reader .*reader\.npz is unreadable"):
        model.score(["Unemployment fell to 3.5 percent last year."])
