"""One timeline of every recorded change to a claim and the rows edited with
it (verdict, evidence, appearances), from django-simple-history's tables."""

from dataclasses import dataclass
from datetime import datetime

from claims.models import Appearance, Claim, Evidence, Verdict

KINDS = {"+": "created", "~": "changed", "-": "deleted"}
# Columns every historical row has that say nothing about the edit itself.
IGNORED = {"id", "updated_at", "created_at", "version", "rating_revision", "updated_by"}


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    kind: str
    what: str
    fields: tuple[str, ...]


def _rows(model, **lookup):
    return list(
        model.history.filter(**lookup).select_related("history_user").order_by("history_id")
    )


def _label(model, row) -> str:
    name = model._meta.verbose_name.capitalize()
    return name if model is Claim or model is Verdict else f"{name} #{row.id}"


def _changes(model, rows) -> list[Change]:
    tracked = [f.attname for f in model.history.model._meta.fields if f.attname not in IGNORED]
    tracked = [f for f in tracked if not f.startswith("history_")]
    previous, changes = {}, []
    for row in rows:
        before = previous.get(row.id)
        changed = ()
        if before is not None and row.history_type == "~":
            changed = tuple(f for f in tracked if getattr(row, f) != getattr(before, f))
            if not changed:
                previous[row.id] = row
                continue
        previous[row.id] = row
        changes.append(
            Change(
                when=row.history_date,
                who=row.history_user.get_username() if row.history_user else "system",
                kind=KINDS[row.history_type],
                what=_label(model, row),
                fields=tuple(f.removesuffix("_id") for f in changed),
            )
        )
    return changes


def claim_changes(claim: Claim, limit: int = 100) -> list[Change]:
    """Newest first: who changed what, and which fields, for a claim and its parts."""
    changes = (
        _changes(Claim, _rows(Claim, id=claim.pk))
        + _changes(Verdict, _rows(Verdict, claim_id=claim.pk))
        + _changes(Evidence, _rows(Evidence, claim_id=claim.pk))
        + _changes(Appearance, _rows(Appearance, claim_id=claim.pk))
    )
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes[:limit]
