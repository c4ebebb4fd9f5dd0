import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

LABELS = Path(__file__).parent.parent / "fixtures" / "extraction" / "labels.json"


def evaluate(*args) -> str:
    out = io.StringIO()
    call_command("evaluate_extraction", *args, stdout=out)
    return out.getvalue()


def test_it_reports_precision_at_20_and_40_on_the_labelled_corpus():
    out = evaluate("--labels", str(LABELS))
    labels = json.loads(LABELS.read_text())
    worthy = sum(label["check_worthy"] for label in labels)
    assert f"{worthy} of {len(labels)} labelled sentences are check-worthy" in out
    precision = {int(k): float(v) for k, v in re.findall(r"precision@(\d+): ([0-9.]+)", out)}
    assert set(precision) == {20, 40}
    # Ranking must do far better than picking sentences at random (44% are check-worthy).
    assert precision[20] >= 0.8 and precision[40] >= 0.75


def test_it_reads_the_articles_from_a_corpus_file(tmp_path):
    labels = [
        {
            "article": 1,
            "sentence": "The court has 18 judges serving nine-year terms.",
            "check_worthy": True,
        },
        {
            "article": 1,
            "sentence": "It was a sunny morning in The Hague today.",
            "check_worthy": False,
        },
    ]
    (tmp_path / "labels.json").write_text(json.dumps(labels))
    (tmp_path / "corpus.txt").write_text(
        "A snippet about the court and its judges in The Hague.\n"
        "It was a sunny morning in The Hague today. The court has 18 judges serving nine-year "
        "terms.\n"
    )
    out = evaluate(
        "--labels", str(tmp_path / "labels.json"), "--corpus", str(tmp_path / "corpus.txt")
    )
    assert "3 sentences ranked from 1 articles" in out
    assert "precision@3: 0.333 (1 of 3 check-worthy, 1 not in the labels)" in out


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "is not a JSON file"),
        ("[]", "non-empty JSON array"),
        ('{"article": 1}', "non-empty JSON array"),
        ('[{"article": "one", "sentence": "x", "check_worthy": true}]', "item 0 must be"),
        ('[{"article": 1, "sentence": " ", "check_worthy": true}]', "item 0 must be"),
        ('[{"article": 1, "sentence": "x", "check_worthy": "yes"}]', "item 0 must be"),
    ],
)
def test_bad_labels_are_refused(tmp_path, content, message):
    path = tmp_path / "labels.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        evaluate("--labels", str(path))


def test_a_missing_labels_file_or_article_is_refused(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        evaluate("--labels", str(tmp_path / "nothing.json"))
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("only one line\n")
    with pytest.raises(CommandError, match="has no article 2: "):
        evaluate("--labels", str(LABELS), "--corpus", str(corpus))
