""" "Waiting for my review": the workflow module's own answer, for one claim
(available_transitions) and for a whole list (waiting_for_review) alike."""

import pytest

from claims.models import Claim, ClaimState
from claims.workflow import available_transitions, claim_transition, waiting_for_review
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    RatingFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def in_review(researcher, **kwargs):
    claim = ClaimFactory(state=ClaimState.RESEARCHING, **kwargs)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    return claim_transition(claim=claim, name="submit", by=researcher)


def rerate(claim, slug):
    verdict = claim.verdict
    verdict.rating = RatingFactory(slug=slug, value=5 if slug == "true" else 1)
    verdict.save()


def signed_off(claim, editor, **_):
    claim_transition(claim=claim, name="sign_off", by=editor)


def signed_off_then_rerated(claim, editor, **_):
    claim_transition(claim=claim, name="sign_off", by=editor)
    rerate(claim, "true")


def signed_off_then_rerated_and_back(claim, editor, **_):
    # The same rating as signed, but a new revision: the sign-off lapsed.
    claim_transition(claim=claim, name="sign_off", by=editor)
    rerate(claim, "true")
    rerate(claim, "false")


def signed_off_then_sent_back(claim, editor, researcher, **_):
    claim_transition(claim=claim, name="sign_off", by=editor)
    claim_transition(claim=claim, name="send_back", by=editor, comment="More sources")
    claim_transition(claim=claim, name="submit", by=researcher)


def other_editor_signed_off(claim, second_editor, **_):
    claim_transition(claim=claim, name="sign_off", by=second_editor)


def resubmitted_by_editor(claim, editor, researcher, **_):
    # Having submitted it once bars them for good, whoever submits it later.
    claim_transition(claim=claim, name="send_back", by=editor, comment="More sources")
    claim_transition(claim=claim, name="submit", by=editor)
    claim_transition(claim=claim, name="send_back", by=editor, comment="Still more")
    claim_transition(claim=claim, name="submit", by=researcher)


def sent_back(claim, editor, **_):
    claim_transition(claim=claim, name="send_back", by=editor, comment="More sources")


def published_by_other(claim, second_editor, **_):
    claim_transition(claim=claim, name="publish", by=second_editor)


def untouched(claim, **_):
    pass


# (what happened, quorum) -> (in the queue, sign off offered, publish offered)
CASES = {
    "fresh": (untouched, 1, (True, True, True)),
    "signed off": (signed_off, 1, (False, False, True)),
    "signed off, rating changed": (signed_off_then_rerated, 1, (True, True, True)),
    "signed off, rating changed and back": (
        signed_off_then_rerated_and_back,
        1,
        (True, True, True),
    ),
    "signed off, sent back, resubmitted": (signed_off_then_sent_back, 1, (True, True, True)),
    "another editor signed off": (other_editor_signed_off, 1, (True, True, True)),
    "once submitted by them": (resubmitted_by_editor, 1, (False, False, False)),
    "sent back": (sent_back, 1, (False, False, False)),
    "published": (published_by_other, 1, (False, False, False)),
    "quorum 2, fresh": (untouched, 2, (True, True, False)),
    "quorum 2, another editor signed off": (other_editor_signed_off, 2, (True, True, True)),
    "quorum 2, signed off": (signed_off, 2, (False, False, False)),
    "quorum 2, signed off, rating changed": (signed_off_then_rerated, 2, (True, True, False)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_queue_agrees_with_the_transitions_offered(
    case, settings, researcher, editor, second_editor
):
    happened, quorum, (queued, may_sign_off, may_publish) = CASES[case]
    settings.FACTCHECK_SIGNOFF_QUORUM = quorum
    claim = in_review(researcher)
    happened(claim, editor=editor, second_editor=second_editor, researcher=researcher)
    claim.refresh_from_db()

    offered = {t.name for t in available_transitions(claim, editor)}
    assert ("sign_off" in offered) is may_sign_off
    assert ("publish" in offered) is may_publish
    assert waiting_for_review(editor).filter(pk=claim.pk).exists() is queued


def test_a_rating_change_puts_the_claim_back_in_the_queue(researcher, editor):
    claim = in_review(researcher, text="Rated, then re-rated")
    claim_transition(claim=claim, name="sign_off", by=editor)
    assert not waiting_for_review(editor).exists()
    rerate(claim, "true")
    assert list(waiting_for_review(editor)) == [claim]


def test_a_claim_whose_verdict_is_not_ready_waits_for_review_to_be_sent_back(researcher, editor):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    claim = claim_transition(claim=claim, name="submit", by=researcher)
    offered = {t.name for t in available_transitions(claim, editor)}
    assert offered == {"send_back"}
    assert list(waiting_for_review(editor)) == [claim]


def test_only_editors_have_a_review_queue(researcher, outsider):
    in_review(UserFactory(username="another-researcher", groups=["Researchers"]))
    bare_staff = UserFactory(username="bare-staff")
    for user in (researcher, outsider, bare_staff):
        assert not waiting_for_review(user).exists()


def test_the_queue_narrows_the_queryset_it_is_given(researcher, editor):
    first = in_review(researcher, text="First")
    in_review(researcher, text="Second")
    assert list(waiting_for_review(editor, Claim.objects.filter(text="First"))) == [first]


def test_the_queue_is_one_query_however_many_claims(
    researcher, editor, second_editor, django_assert_num_queries
):
    def count():
        # 1. the count, with both rules as subqueries
        with django_assert_num_queries(1):
            return waiting_for_review(editor).count()

    claim = in_review(researcher)
    editor.has_perm("claims.publish_claim")  # the role, read once per request
    assert count() == 1
    for _ in range(5):
        claim = in_review(researcher)
        claim_transition(claim=claim, name="sign_off", by=second_editor)
    claim_transition(claim=claim, name="sign_off", by=editor)
    assert count() == 5
