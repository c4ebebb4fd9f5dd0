"""Writes that touch several rows, shared by the API and anything else that
captures claims. State changes are not here: they are claims.workflow's."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from claims.models import Appearance, Claim, ClaimState, Evidence, Verdict
from claims.versioning import claim_lock, claim_new_version
from claims.workflow import (
    RESEARCH,
    can_edit,
    has_role,
    rating_change_errors,
    verdict_date_errors,
)
from sources.models import Source

# What claim_update() and verdict_update() may change: the rest is the
# workflow's (state, publication) or bookkeeping.
CLAIM_FIELDS = ("text", "speaker", "said_on", "language", "topics", "assignee")
VERDICT_FIELDS = (
    "rating",
    "headline",
    "summary",
    "explanation",
    "authors",
    "as_of",
    "recheck_on",
)


def source_for(*, source: Source | None, url: str = "", title: str = "") -> Source:
    """`source`, or a new one for `url` with `title`."""
    if source is not None:
        return source
    source = Source(url=url, title=title.strip())
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def claim_create(
    *,
    by,
    text: str,
    speaker=None,
    said_on=None,
    language: str = "en",
    topics=(),
    checkworthiness: float | None = None,
    appearances: list[dict] = (),
) -> Claim:
    """A new draft claim with where it appeared. `appearances` are dicts with
    `source` (or `url` and `title` for a new source), `quote`, `appeared_on`, `is_first`."""
    if not has_role(by, RESEARCH):
        raise PermissionDenied("Only researchers and editors may capture claims.")
    claim = Claim(
        text=text,
        speaker=speaker,
        said_on=said_on,
        language=language,
        checkworthiness=checkworthiness,
        created_by=by,
        updated_by=by,
    )
    claim.full_clean()
    claim.save()
    claim.topics.set(topics)
    for spec in appearances:
        appearance = Appearance(
            claim=claim,
            source=source_for(
                source=spec.get("source"), url=spec.get("url", ""), title=spec.get("title", "")
            ),
            quote=spec.get("quote", ""),
            appeared_on=spec.get("appeared_on"),
            is_first=spec.get("is_first", False),
        )
        appearance.full_clean()
        appearance.save()
    return claim


def claim_suggest(*, text: str, contact: str = "", source_url: str = "") -> Claim:
    """A reader's suggestion, as a draft in the editors' queue; never public until
    it has gone through the workflow."""
    claim = Claim(
        text=text,
        state=ClaimState.DRAFT,
        suggested_by_contact=contact,
        suggested_from_url=source_url,
    )
    claim.full_clean()
    claim.save()
    return claim


@transaction.atomic
def evidence_attach(
    *,
    claim: Claim,
    by,
    stance: str,
    source: Source | None = None,
    url: str = "",
    title: str = "",
    quote: str = "",
    note: str = "",
    order: int = 0,
) -> Evidence:
    claim = claim_lock(claim)
    _check_may_edit(by, claim)
    evidence = Evidence(
        claim=claim,
        source=source_for(source=source, url=url, title=title),
        stance=stance,
        quote=quote,
        note=note,
        order=order,
    )
    evidence.full_clean()
    evidence.save()
    # The claim changed: a client holding the old version must not overwrite it.
    claim_new_version(claim, by=by)
    return evidence


def _check_may_edit(by, claim: Claim) -> None:
    if not can_edit(by, claim):
        raise PermissionDenied(
            f"You may not edit a claim that is {claim.get_state_display().lower()}."
        )


def _check_known(fields, known: tuple[str, ...]) -> None:
    if unknown := set(fields) - set(known):
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}.")


@transaction.atomic
def claim_update(*, claim: Claim, by, expected_version: int, **changes) -> Claim:
    """Change any of CLAIM_FIELDS of `claim` as `by`: refused if the claim has
    changed since `expected_version` or `by` may not edit it in its state."""
    _check_known(changes, CLAIM_FIELDS)
    claim = claim_lock(claim, expected_version)
    _check_may_edit(by, claim)
    topics = changes.pop("topics", None)
    for name, value in changes.items():
        setattr(claim, name, value)
    # Only what changed: the row's other columns are as the database has them.
    untouched = [f.name for f in Claim._meta.concrete_fields if f.name not in changes]
    claim.full_clean(exclude=untouched)
    claim_new_version(claim, by=by, fields=list(changes))
    if topics is not None:
        claim.topics.set(topics)
    return claim


@transaction.atomic
def verdict_update(*, claim: Claim, by, expected_version: int, **changes) -> Verdict:
    """Write any of VERDICT_FIELDS of the claim's verdict (made if it has none)
    as `by`, under the rules of claim_update(); a rating only as the workflow
    allows (a published one changes by a correction)."""
    _check_known(changes, VERDICT_FIELDS)
    claim = claim_lock(claim, expected_version)
    _check_may_edit(by, claim)
    verdict = Verdict.objects.select_for_update().filter(claim=claim).first() or Verdict(
        claim=claim
    )
    authors = changes.pop("authors", None)
    if "rating" in changes:
        if errors := rating_change_errors(by, claim, verdict, changes["rating"]):
            raise ValidationError({"rating": errors})
    dates = {f: changes[f] for f in ("as_of", "recheck_on") if f in changes}
    dates = {f: day for f, day in dates.items() if day != getattr(verdict, f)}
    if "as_of" in dates and claim.is_public:
        moved_only = "A public verdict's date moves only by a re-check or a correction."
        raise ValidationError({"as_of": [moved_only]})
    if errors := verdict_date_errors(**dates):
        raise ValidationError(errors)
    for name, value in changes.items():
        setattr(verdict, name, value)
    verdict.full_clean()
    verdict._history_user = by
    verdict.save()
    if authors is not None:
        verdict.authors.set(authors)
    claim_new_version(claim, by=by)
    return verdict


@transaction.atomic
def claim_assign(*, claim: Claim, assignee, by) -> Claim:
    """Give the claim to `assignee` (None: nobody), if `by` may edit it now."""
    claim = claim_lock(claim)
    _check_may_edit(by, claim)
    claim.assignee = assignee
    return claim_new_version(claim, by=by, fields=["assignee"])


def claim_create_from_source(
    *, by, source: Source, sentence: str, speaker=None, checkworthiness: float | None = None
) -> Claim:
    """A draft claim of a sentence found in `source` (the admin's Find claims),
    with its appearance there: the sentence as its quote, the source's date
    and language."""
    return claim_create(
        by=by,
        text=sentence,
        speaker=speaker,
        said_on=source.published_on,
        language=source.language,
        checkworthiness=checkworthiness,
        appearances=[{"source": source, "quote": sentence, "appeared_on": source.published_on}],
    )
