"""Writes that touch several rows, shared by the API and anything else that
captures claims. State changes are not here: they are claims.workflow's."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from claims.models import Appearance, Claim, ClaimState, Evidence
from claims.workflow import RESEARCH, can_edit, has_role
from sources.models import Source


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
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if not can_edit(by, claim):
        raise PermissionDenied(
            f"You may not edit a claim that is {claim.get_state_display().lower()}."
        )
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
    Claim.objects.filter(pk=claim.pk).touch(by=by)
    return evidence


@transaction.atomic
def claim_assign(*, claim: Claim, assignee, by) -> Claim:
    """Give the claim to `assignee` (None: nobody), if `by` may edit it now."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if not can_edit(by, claim):
        raise PermissionDenied(
            f"You may not edit a claim that is {claim.get_state_display().lower()}."
        )
    claim.assignee = assignee
    claim.version += 1
    claim.updated_by = by
    # A save, not an update(), so the history keeps who assigned it, also
    # outside a request (where simple-history's middleware is not there to say).
    claim._history_user = by
    claim.save(update_fields=["assignee", "version", "updated_by", "updated_at"])
    return claim


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
