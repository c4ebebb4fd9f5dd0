"""A claim's version: the optimistic lock, the ETag and the cache key.

Every door that changes a claim — the admin's save, assignment, evidence,
the workflow's transitions, the API's edits — locks it with claim_lock()
and writes the change with claim_new_version(), the one place the version
moves: exactly once per change, whichever door it came through.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from claims.models import Claim

# Written with every version; not an edit of their own.
BOOKKEEPING = {"version", "updated_by", "updated_at"}


def claim_lock(claim: Claim, expected_version: int | None = None) -> Claim:
    """The claim's row, locked until the transaction ends. With `expected_version`
    (the version the user saw), a claim changed since is refused: nothing is saved."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(conflict_message(locked), code="stale_version")
    return locked


def conflict_message(current: Claim) -> str:
    who = current.updated_by.get_username() if current.updated_by else "someone"
    when = timezone.localtime(current.updated_at).strftime("%d %b %Y at %H:%M:%S %Z")
    return (
        f"This claim was changed by {who} on {when} after you opened it. "
        "Nothing was saved; reload it to see their changes, then make yours again."
    )


def claim_new_version(claim: Claim, *, by, fields: Iterable[str] | None = ()) -> Claim:
    """Save `claim`, locked in this transaction, as its next version, changed by `by`.

    `fields` are the claim's own columns set on `claim` to save with it (None:
    all of them, as the admin's form does); the history keeps them under `by`.
    Without any, what changed is a part of the claim (its verdict, evidence or
    a workflow event, each recorded on its own) and the claim's history is
    left alone. The save's receivers replace the cached answers and, if the
    text changed, embed the claim again.
    """
    # Counted by the database, so an instance read before the lock was taken
    # (the admin's) still moves the row on by exactly one.
    claim.version = F("version") + 1
    claim.updated_by = by
    claim._history_user = by
    if fields is not None:
        fields = {*fields, *BOOKKEEPING}
        if fields == BOOKKEEPING:
            claim.skip_history_when_saving = True
    try:
        claim.save(update_fields=fields)
    finally:
        claim.__dict__.pop("skip_history_when_saving", None)
    claim.refresh_from_db(fields=["version"])
    return claim
