"""The editorial workflow: every state change of a claim, and who may make it.

Every door — admin buttons and actions, the API, management commands —
calls `claim_transition()` (or the named functions it dispatches to), so
the rules below hold whichever door is used. Each transition locks the
claim row, checks permissions and rules, writes, and records a
WorkflowEvent, all in one transaction.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import Truncator

from claims.models import (
    Claim,
    ClaimState,
    Correction,
    Rating,
    SignOff,
    Verdict,
    WorkflowEvent,
)
from claims.models.quote import UNVERIFIED_QUOTE
from claims.quotes import link_trouble

S = ClaimState
RESEARCH = "research"  # capture, research, edit drafts, submit
EDIT = "edit"  # the Editors' rights: send back, sign off, publish, retract, correct


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    role: str
    # What the person taking it must say; the admin and API ask for these.
    needs_comment: bool = False
    comment_label: str = "Comment"
    # How refusals name it ("Only editors may <verb>."); the label by default.
    verb: str = ""

    @property
    def action(self) -> str:
        return self.verb or self.label.lower()


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("start_research", "Start research", (S.DRAFT,), S.RESEARCHING, RESEARCH),
        Transition("submit", "Submit for review", (S.RESEARCHING,), S.IN_REVIEW, RESEARCH),
        Transition(
            "send_back",
            "Send back to research",
            (S.IN_REVIEW,),
            S.RESEARCHING,
            EDIT,
            needs_comment=True,
            comment_label="What needs more work",
        ),
        Transition("sign_off", "Sign off on the rating", (S.IN_REVIEW,), S.IN_REVIEW, EDIT),
        Transition("publish", "Publish", (S.IN_REVIEW,), S.PUBLISHED, EDIT),
        Transition(
            "reject",
            "Reject as not check-worthy",
            (S.DRAFT,),
            S.REJECTED,
            EDIT,
            needs_comment=True,
            comment_label="Why it is not check-worthy",
        ),
        Transition(
            "retract",
            "Retract the verdict",
            (S.PUBLISHED,),
            S.RETRACTED,
            EDIT,
            needs_comment=True,
            comment_label="Public retraction notice",
        ),
        Transition(
            "correct",
            "Correct the verdict",
            (S.PUBLISHED,),
            S.PUBLISHED,
            EDIT,
            needs_comment=True,
            comment_label="Public correction note",
        ),
        # The facts were checked again and the verdict stands: it is now true
        # as of today. When they changed, "correct" updates the rating instead.
        Transition(
            "recheck",
            "Re-checked: still accurate",
            (S.PUBLISHED,),
            S.PUBLISHED,
            EDIT,
            needs_comment=True,
            comment_label="What you checked (for the desk's record)",
            verb="record a re-check",
        ),
    ]
}


# --- Who may do what: the one place permissions are decided -----------------


def has_role(user, role: str) -> bool:
    if not (user and user.is_active and user.is_staff):
        return False
    if role == RESEARCH:
        return user.has_perm("claims.change_claim")
    return user.has_perm("claims.publish_claim")


def can_edit(user, claim: Claim) -> bool:
    """Researchers edit claims before review; later edits are the editors'."""
    if claim.state in (S.DRAFT, S.RESEARCHING):
        return has_role(user, RESEARCH)
    return has_role(user, EDIT)


def can_change_rating(user, claim: Claim) -> bool:
    """A public verdict's rating changes only through a logged correction."""
    return not claim.is_public and can_edit(user, claim)


def can_delete(user, claim: Claim) -> bool:
    """Public verdicts are retracted, never deleted."""
    return not claim.is_public and has_role(user, EDIT)


def submitter_ids(claim: Claim) -> set[int]:
    """Everyone who ever submitted this claim for review."""
    return set(
        claim.events.filter(to_state=S.IN_REVIEW, from_state=S.RESEARCHING)
        .exclude(actor=None)
        .values_list("actor_id", flat=True)
    )


def transition_errors(claim: Claim, name: str, user) -> list[str]:
    """Why `user` may not take transition `name` on `claim` now; empty if they may.

    Checks everything that does not depend on what the user types (a
    comment, a new rating), so the admin can offer exactly the transitions
    that would succeed.
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        return [f"“{name}” is not a workflow transition."]
    if not has_role(user, transition.role):
        who = "researchers and editors" if transition.role == RESEARCH else "editors"
        return [f"Only {who} may {transition.action}."]
    if claim.state not in transition.sources:
        return [
            f"A claim that is {claim.get_state_display().lower()} cannot be "
            f"moved by “{transition.label}”."
        ]
    if name not in ("sign_off", "publish"):
        return []
    errors = []
    if user.pk in submitter_ids(claim):
        errors.append(
            "You submitted this claim for review; an editor who did not research it "
            f"must {'sign off' if name == 'sign_off' else 'publish it'}."
        )
    verdict = _verdict(claim)
    errors += _verdict_errors(claim, verdict)
    if errors:
        return errors
    endorsed = _current_sign_offs(claim, verdict)
    if name == "sign_off" and endorsed.filter(editor=user).exists():
        errors.append("You have already signed off on this rating.")
    if name == "publish":
        errors += _quorum_errors(endorsed, user)
    return errors


def available_transitions(claim: Claim, user) -> list[Transition]:
    """The transitions `user` may take now. Publish is offered even with
    unverified quotes: confirming them is a step of publishing, not a refusal."""
    return [t for t in TRANSITIONS.values() if not transition_errors(claim, t.name, user)]


# --- Verified quotes ---------------------------------------------------------------


@dataclass(frozen=True)
class UnverifiedQuote:
    part: str  # "Appearance" or "Evidence"
    source: str
    excerpt: str
    status: str
    link_status: str  # empty unless the link is broken or unreachable


def unverified_quotes(claim: Claim) -> list[UnverifiedQuote]:
    """The claim's quotes that were not found in their source or not checked
    yet (claims.quotes); publishing with any asks the editor to confirm."""
    parts = [
        ("Appearance", claim.appearances.filter(UNVERIFIED_QUOTE)),
        ("Evidence", claim.evidence.filter(UNVERIFIED_QUOTE)),
    ]
    return [
        UnverifiedQuote(
            part=part,
            source=row.source.title,
            excerpt=Truncator(" ".join(row.quote.split())).chars(80),
            status=row.get_quote_check_display(),
            link_status=link_trouble(row.source),
        )
        for part, rows in parts
        for row in rows.select_related("source").order_by("pk")
    ]


def unverified_quotes_message(quotes: list[UnverifiedQuote]) -> str:
    listed = "; ".join(f"“{q.source}”: “{q.excerpt}” ({q.status.lower()})" for q in quotes)
    return (
        f"{len(quotes)} {'quote is' if len(quotes) == 1 else 'quotes are'} not verified "
        f"against {'its source' if len(quotes) == 1 else 'their sources'}: {listed}. "
        "Publishing needs your confirmation that you have checked them."
    )


# --- Rules about the verdict ---------------------------------------------------


def _verdict(claim: Claim) -> Verdict | None:
    return Verdict.objects.filter(claim=claim).select_related("rating").first()


def _verdict_errors(claim: Claim, verdict: Verdict | None) -> list[str]:
    errors = []
    if verdict is None or verdict.rating_id is None:
        errors.append("The verdict needs a rating.")
    if verdict is None or not verdict.summary.strip():
        errors.append("The verdict needs a summary.")
    if not claim.evidence.exists():
        errors.append("The claim needs at least one evidence link.")
    if verdict is not None and verdict.recheck_on is not None:
        if verdict.recheck_on <= timezone.localdate():
            errors.append(
                f"The verdict's re-check date ({verdict.recheck_on.isoformat()}) has come; "
                "set a later one or clear it."
            )
    return errors


def verdict_date_errors(*, as_of: date | None = None, recheck_on: date | None = None) -> dict:
    """What is wrong with the dates someone gives a verdict, by field: a verdict
    is not judged as of a day still to come, and a new re-check date lies
    ahead (one that has come would put the verdict in the queue at once).
    Check only dates being changed: a re-check date that has since come is
    what puts a verdict in the queue."""
    today = timezone.localdate()
    errors = {}
    if as_of is not None and as_of > today:
        errors["as_of"] = [
            f"A verdict cannot be judged as of a day after today ({today.isoformat()})."
        ]
    if recheck_on is not None and recheck_on <= today:
        errors["recheck_on"] = [
            f"The re-check date must be after today ({today.isoformat()}); "
            f"{recheck_on.isoformat()} is not."
        ]
    return errors


def _current_sign_offs(claim: Claim, verdict: Verdict | None):
    """The sign-offs that still count: on the verdict's current rating, not voided."""
    if verdict is None or verdict.rating_id is None:
        return SignOff.objects.none()
    return claim.sign_offs.filter(
        rating_id=verdict.rating_id, rating_revision=verdict.rating_revision, voided_at=None
    )


def _quorum_errors(endorsed, publisher) -> list[str]:
    quorum = settings.FACTCHECK_SIGNOFF_QUORUM
    editors = set(endorsed.values_list("editor_id", flat=True))
    editors.add(publisher.pk)  # publishing is the publisher's own sign-off
    if len(editors) < quorum:
        missing = quorum - len(editors)
        return [
            f"This desk needs {quorum} editors to sign off on the rating before it is "
            f"published; {missing} more {'is' if missing == 1 else 'are'} needed."
        ]
    return []


# --- Doing it ------------------------------------------------------------------


def _lock(claim: Claim, expected_version: int | None) -> Claim:
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(conflict_message(locked))
    return locked


def conflict_message(current: Claim) -> str:
    who = current.updated_by.get_username() if current.updated_by else "someone"
    when = timezone.localtime(current.updated_at).strftime("%d %b %Y at %H:%M:%S %Z")
    return (
        f"This claim was changed by {who} on {when} after you opened it. "
        "Nothing was saved; reload it to see their changes, then make yours again."
    )


def _record(claim: Claim, to_state: str, by, comment: str = "") -> WorkflowEvent:
    event = WorkflowEvent.objects.create(
        claim=claim, from_state=claim.state, to_state=to_state, actor=by, comment=comment
    )
    Claim.objects.filter(pk=claim.pk).touch(by=by, state=to_state)
    claim.refresh_from_db()
    return event


def _sign_off(claim: Claim, by, comment: str = "") -> SignOff:
    verdict = _verdict(claim)
    return SignOff.objects.get_or_create(
        claim=claim,
        editor=by,
        rating_revision=verdict.rating_revision,
        voided_at=None,
        defaults={"rating": verdict.rating, "comment": comment},
    )[0]


@transaction.atomic
def claim_transition(
    *,
    claim: Claim,
    name: str,
    by,
    comment: str = "",
    expected_version: int | None = None,
    correction_kind: str = Correction.Kind.CORRECTION,
    new_rating: Rating | None = None,
    confirm_unverified_quotes: bool = False,
    recheck_on: date | None = None,
) -> Claim:
    """Take transition `name` on `claim` as user `by`; raise ValidationError if not allowed.

    `expected_version` is the claim version the user saw; a newer one refuses the
    transition. `correction_kind` and `new_rating` only apply to "correct".
    `recheck_on` is the next re-check date that "recheck" sets (None clears it)
    and "correct" may set (None keeps it, unless the correction served it).
    Publishing a claim with unverified quotes needs `confirm_unverified_quotes`;
    without it the ValidationError is on that field and names the quotes.
    """
    claim = _lock(claim, expected_version)
    errors = transition_errors(claim, name, by)
    transition = TRANSITIONS.get(name)
    comment = comment.strip()
    if transition and transition.needs_comment and not comment:
        errors.append(f"{transition.comment_label} is required.")
    if name == "correct":
        errors += _correction_errors(claim, correction_kind, new_rating)
    field_errors = verdict_date_errors(recheck_on=recheck_on)
    if recheck_on is not None and name not in ("recheck", "correct"):
        field_errors["recheck_on"] = [
            f"Only “{TRANSITIONS['recheck'].label}” and “{TRANSITIONS['correct'].label}” "
            "set a re-check date."
        ]
    if field_errors:
        raise ValidationError(
            {NON_FIELD_ERRORS: errors, **field_errors} if errors else field_errors
        )
    if errors:
        raise ValidationError(errors)
    if name == "publish":
        unverified = unverified_quotes(claim)
        if unverified and not confirm_unverified_quotes:
            raise ValidationError(
                {"confirm_unverified_quotes": unverified_quotes_message(unverified)}
            )
        if unverified:
            # The record says the editor published knowing it.
            confirmed = f"Published with {len(unverified)} unverified quote(s), confirmed."
            comment = f"{comment} ({confirmed})" if comment else confirmed

    if name == "sign_off":
        _sign_off(claim, by, comment)
        _record(claim, S.IN_REVIEW, by, f"Signed off on “{_verdict(claim).rating}”. {comment}")
    elif name == "publish":
        _sign_off(claim, by)
        now = timezone.now()
        # A verdict is judged as of the day it is published unless it says otherwise.
        Verdict.objects.filter(claim=claim).update(
            published_at=Coalesce("published_at", Value(now)),
            as_of=Coalesce("as_of", Value(timezone.localdate(now))),
        )
        _record(claim, S.PUBLISHED, by, comment)
    elif name == "send_back":
        # A reviewer's objection reopens the question: earlier sign-offs lapse.
        claim.sign_offs.filter(voided_at=None).update(voided_at=timezone.now())
        _record(claim, S.RESEARCHING, by, comment)
    elif name == "retract":
        Claim.objects.filter(pk=claim.pk).update(retraction_note=comment)
        _record(claim, S.RETRACTED, by, comment)
    elif name == "correct":
        _correct(claim, by, comment, correction_kind, new_rating, recheck_on)
    elif name == "recheck":
        _recheck(claim, by, comment, recheck_on)
    else:
        _record(claim, transition.target, by, comment)
    return claim


def _correction_errors(claim, kind, new_rating) -> list[str]:
    errors = []
    if kind not in Correction.Kind.values:
        choices = ", ".join(Correction.Kind.values)
        errors.append(f"“{kind}” is not a kind of correction; choose one of {choices}.")
    verdict = _verdict(claim)
    if new_rating is not None and verdict and verdict.rating:
        if new_rating.scale_id != verdict.rating.scale_id:
            errors.append("The new rating must come from the same scale as the old one.")
    return errors


def _correct(claim, by, note, kind, new_rating, recheck_on):
    verdict = Verdict.objects.select_for_update().get(claim=claim)
    before = verdict.rating
    changed = False
    if new_rating is not None and new_rating != before:
        verdict.rating = new_rating
        changed = True
    today = timezone.localdate()
    if changed or kind == Correction.Kind.UPDATE:
        # The corrected verdict is judged as of today; an earlier "still
        # accurate" vouched for what it said before.
        verdict.as_of, verdict.rechecked_on = today, None
        if recheck_on is None and verdict.recheck_on and verdict.recheck_on <= today:
            verdict.recheck_on = None  # this update is the re-check that was due
        changed = True
    if recheck_on is not None:
        verdict.recheck_on = recheck_on
        changed = True
    if changed:
        verdict._history_user = by
        verdict.save()
    Correction.objects.create(
        claim=claim,
        kind=kind,
        note=note,
        rating_before=before,
        rating_after=verdict.rating,
        created_by=by,
    )
    _record(claim, S.PUBLISHED, by, f"{Correction.Kind(kind).label}: {note}")


def _recheck(claim, by, comment, recheck_on):
    verdict = Verdict.objects.select_for_update().get(claim=claim)
    today = timezone.localdate()
    verdict.as_of = verdict.rechecked_on = today
    verdict.recheck_on = recheck_on
    verdict._history_user = by
    verdict.save()  # moves updated_at, the ClaimReview's dateModified
    after = f" Next re-check on {recheck_on.isoformat()}." if recheck_on else ""
    _record(claim, S.PUBLISHED, by, f"Still accurate as of {today.isoformat()}.{after} {comment}")
