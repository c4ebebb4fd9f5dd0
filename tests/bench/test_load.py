"""The load test's bookkeeping and its checker (bench/load.py), without the load."""

import pytest

from bench.load import (
    Answer,
    LoadResult,
    Tally,
    Write,
    answer_problems,
    call,
    check,
    claim_problems,
    expected_claims,
    reader_paths,
    report,
)
from claims.models import Claim, ClaimState
from claims.workflow import claim_transition
from tests.factories import ClaimFactory, RatingFactory, VerdictFactory


def test_the_last_write_decides_and_every_correction_is_kept():
    writes = [
        Write(7, "correct", 12, "published", "true", "True", "Second fix"),
        Write(7, "publish", 10, "published", "false", "False"),
        Write(8, "publish", 3, "published", "false", "False"),
        Write(7, "retract", 13, "retracted", "true", "True", "Withdrawn"),
        Write(7, "correct", 11, "published", "half-true", "Half true", "First fix"),
    ]
    seven, eight = expected_claims(writes)[7], expected_claims(writes)[8]
    assert (seven.version, seven.state, seven.rating, seven.label) == (
        13,
        "retracted",
        "true",
        "True",
    )
    assert seven.corrections == ["First fix", "Second fix"]
    assert seven.retraction_note == "Withdrawn"
    assert (eight.version, eight.state, eight.corrections, eight.retraction_note) == (
        3,
        "published",
        [],
        "",
    )


def test_readers_ask_for_every_kind_of_page_and_for_the_claims_being_written():
    plan = [
        ("floor", ["/bench/floor/"]),
        ("embed card", ["/embed/claims/1/", "/embed/claims/2/"]),
        ("API detail", ["/api/v1/claims/1/"]),
        ("claims:search", ["/api/v1/claims:search?query=trees"]),
        ("home page", ["/"]),
        ("readers' search", ["/claims/?q=trees"]),
    ]
    paths = reader_paths(plan, "http://127.0.0.1:8000", [5, 6])

    assert paths == {
        "site": ([["/"], ["/claims/?q=trees"]], [["/claims/5/", "/claims/6/"]]),
        "api": (
            [["/api/v1/claims/1/"], ["/api/v1/claims:search?query=trees"]],
            [
                ["/api/v1/claims/5/", "/api/v1/claims/6/"],
                ["/api/v1/claims/5/claimreview/", "/api/v1/claims/6/claimreview/"],
            ],
        ),
        "embed": (
            [["/static/embed.js"], ["/embed/claims/1/", "/embed/claims/2/"]],
            [
                ["/embed/claims/5/", "/embed/claims/6/"],
                [
                    "/oembed/?url=http%3A%2F%2F127.0.0.1%3A8000%2Fclaims%2F5%2F",
                    "/oembed/?url=http%3A%2F%2F127.0.0.1%3A8000%2Fclaims%2F6%2F",
                ],
            ],
        ),
    }


def shown(**changes) -> dict:
    return {
        "state": "published",
        "version": 11,
        "verdict": {"rating": {"slug": "half-true"}},
        "corrections": [{"note": "First fix"}],
        "retraction_note": "",
    } | changes


def test_a_claim_shown_as_written_has_no_problems_and_any_difference_is_named():
    writes = [
        Write(7, "publish", 10, "published", "false", "False"),
        Write(7, "correct", 11, "published", "half-true", "Half true", "First fix"),
    ]
    expected = expected_claims(writes)[7]
    assert claim_problems(expected, shown(), "in the API") == []
    assert claim_problems(expected, shown(verdict={"rating": {"slug": "false"}}), "x") == [
        "claim 7 x: rating 'false', not 'half-true'"
    ]
    assert claim_problems(expected, shown(version=10, corrections=[]), "in the API") == [
        "claim 7 in the API: version 10, not 11",
        "claim 7 in the API: corrections missing: ['First fix']",
    ]
    assert claim_problems(expected, shown(state="retracted", verdict=None), "y") == [
        "claim 7 y: state 'retracted', not 'published'",
        "claim 7 y: rating None, not 'half-true'",
    ]


def written(claim: Claim, action: str, note: str = "") -> Write:
    claim = Claim.objects.select_related("verdict__rating").get(pk=claim.pk)
    rating = claim.verdict.rating
    return Write(claim.pk, action, claim.version, claim.state, rating.slug, rating.label, note)


@pytest.mark.django_db(transaction=True)
def test_the_checker_passes_what_the_site_shows_after_real_writes_and_catches_stale_ones(
    installation_rows, live_server, redis_cache, editor
):
    corrected = VerdictFactory(published=True).claim
    retracted = VerdictFactory(published=True).claim
    in_review = VerdictFactory(claim__state=ClaimState.IN_REVIEW).claim
    for claim in (corrected, retracted):  # readers' copies in the cache first
        for path in (f"/embed/claims/{claim.pk}/", f"/api/v1/claims/{claim.pk}/"):
            assert call(live_server.url, "GET", path).status == 200
    before = [written(corrected, "publish"), written(retracted, "publish")]
    claim_transition(
        claim=corrected,
        name="correct",
        by=editor,
        comment="It was half true.",
        new_rating=RatingFactory(slug="half-true", value=3),
    )
    claim_transition(claim=retracted, name="retract", by=editor, comment="Withdrawn.")
    writes = [
        *before,
        written(corrected, "correct", "It was half true."),
        written(retracted, "retract", "Withdrawn."),
    ]
    prepared = [corrected.pk, retracted.pk, in_review.pk]

    assert check(live_server.url, prepared, writes) == []

    stale = check(live_server.url, prepared, before)
    for where in ("in the database", "in the API"):
        assert f"claim {corrected.pk} {where}: rating 'half-true', not 'false'" in stale
        assert f"claim {retracted.pk} {where}: state 'retracted', not 'published'" in stale
    assert f"claim {corrected.pk} embed card: shows 'Half true', not 'False'" in stale
    assert f"claim {retracted.pk} page: shows 'Retracted', not 'False'" in stale
    assert f"claim {retracted.pk}: its ClaimReview answered 410 when published" in stale


@pytest.mark.django_db(transaction=True)
def test_the_checker_reports_an_unwritten_claim_that_readers_can_see(
    installation_rows, live_server
):
    leaked = ClaimFactory(state=ClaimState.PUBLISHED)
    VerdictFactory(claim=leaked)

    assert check(live_server.url, [leaked.pk], []) == [
        f"claim {leaked.pk} in review: /api/v1/claims/{leaked.pk}/ answered 200, not 404",
        f"claim {leaked.pk} in review: /embed/claims/{leaked.pk}/ answered 200, not 404",
        f"claim {leaked.pk} in review: /claims/{leaked.pk}/ answered 200, not 404",
    ]


def test_server_errors_silence_and_refused_writes_fail_the_test_and_are_reported():
    tally = Tally()
    for kind, status in [("site", 200), ("site", 404), ("api", 410), ("editor", 400)]:
        tally.count(kind, Answer(status, b"", 0.1))
    assert answer_problems(tally) == []
    tally.count("api", Answer(502, b"", 0.1))
    tally.count("api", Answer(502, b"", 0.1))
    tally.count("embed", Answer(None, b"", 120.0))
    tally.refusals.append("publish on 4: 403 b'Only editors may publish.'")
    tally.writes.append(Write(4, "publish", 9, "published", "false", "False"))

    problems = answer_problems(tally)

    assert problems == [
        "2 answer(s) 502 to api requests",
        "1 answer(s) missing to embed requests",
        "refused: publish on 4: 403 b'Only editors may publish.'",
    ]
    text = report(LoadResult(10.0, 8, 4, 4, 30, 5.0, tally, problems))
    assert "| api | 0.3 | 100 | 100 | 410: 1, 502: 2 |" in text
    assert "| embed | 0.1 | 120,000 | 120,000 | none: 1 |" in text
    assert "Writes accepted: 1 (1 published, 0 corrected, 0 retracted)" in text
    assert "3 FAILED:\n- 2 answer(s) 502 to api requests\n" in text
