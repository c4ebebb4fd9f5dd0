"""Verified quotes: is an appearance's or evidence's quote what its source says?

A quote is checked against the text of its source's latest successful
snapshot or, when there is no snapshot text, the text an editor pasted into
the source. Both sides are normalised first, forgiving what typesetting
changes and words do not: Unicode compatibility forms, curly or straight
quotes and apostrophes, the kind of dash and the spaces around it, the
ellipsis character, runs of whitespace (non-breaking spaces and line breaks
included), letter case, quotation marks around the whole quote and a final
full stop or comma. An ellipsis inside the quote marks words left out: the
parts must then occur in order. Nothing else is forgiven: a changed word, a
different number or a word cut short is "not found".

Results are written with QuerySet.update(): the check is derived from the
source, not an edit, so it makes no history rows and no new claim version.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from claims.models import Appearance, Evidence, QuoteCheck
from sources.models import BROKEN_LINK_STATUSES, Source, SourceSnapshot

# Characters that are typesetting, not words: dropped.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′ʼ‹›`´", "'"),
        **dict.fromkeys("“”„‟″«»〝〞", '"'),
        # Hyphens, dashes and the minus sign.
        **dict.fromkeys("‐‑‒–—―−﹘﹣", "-"),
        **_INVISIBLE,
    }
)
_WHITESPACE = re.compile(r"\s+")
_SPACED_DASH = re.compile(r" ?- ?")
# "[...]" and "(...)" mark words left out, as "..." does.
_BRACKETED_ELLIPSIS = re.compile(r"[\[(] ?\.\.\. ?[\])]")
_ELLIPSIS = re.compile(r"\.{3,}")
# Stripped from each end of a quote: the marks around it and a final stop or comma.
_QUOTE_ENDS = " \"'.,;:"


def normalise(text: str) -> str:
    """`text` as the check compares it."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    text = _WHITESPACE.sub(" ", text)
    # "twice – in 2014" and "twice—in 2014" are set differently, not worded so.
    return _SPACED_DASH.sub("-", text).strip()


def quote_parts(quote: str) -> list[str]:
    """The normalised pieces of `quote` that must occur in order: one, unless
    an ellipsis marks words left out."""
    quote = _BRACKETED_ELLIPSIS.sub("...", normalise(quote))
    parts = (part.strip(_QUOTE_ENDS) for part in _ELLIPSIS.split(quote))
    return [part for part in parts if part]


def _wordish(char: str) -> bool:
    return char.isalnum() or char == "_"


def _find(part: str, text: str, start: int) -> int:
    """Where `part` ends in `text` at or after `start`, or -1. A part that
    starts or ends with a letter or digit must start or end on a word
    boundary of the text: "18 judg" is not in "18 judges", nor "23" in "123"."""
    at = text.find(part, start)
    while at != -1:
        end = at + len(part)
        clean_start = not _wordish(part[0]) or at == 0 or not _wordish(text[at - 1])
        clean_end = not _wordish(part[-1]) or end == len(text) or not _wordish(text[end])
        if clean_start and clean_end:
            return end
        at = text.find(part, at + 1)
    return -1


def occurs(quote: str, normalised_text: str) -> bool:
    """Whether `quote` is in `normalised_text` (already normalised)."""
    parts = quote_parts(quote)
    if not parts:
        return False
    position = 0
    for part in parts:
        position = _find(part, normalised_text, position)
        if position == -1:
            return False
    return True


def verdict_on(quote: str, normalised_text: str | None) -> str:
    """The QuoteCheck of `quote` against a source's normalised text (None: no text)."""
    if not quote.strip() or normalised_text is None:
        return QuoteCheck.UNCHECKED
    return QuoteCheck.FOUND if occurs(quote, normalised_text) else QuoteCheck.NOT_FOUND


# --- The text a source is checked against ----------------------------------------


def source_texts(source_ids: Iterable[int]) -> dict[int, str]:
    """{source id: normalised text to check its quotes against}, for the sources
    that have one: their latest successful snapshot's text, else their own.
    One query, however many sources."""
    latest = SourceSnapshot.objects.successful().filter(source=OuterRef("pk")).values("text")[:1]
    rows = (
        Source.objects.filter(pk__in=set(source_ids))
        .annotate(snapshot_text=Subquery(latest))
        .values_list("pk", "snapshot_text", "text")
    )
    texts = {}
    for pk, snapshot_text, own_text in rows:
        text = snapshot_text if (snapshot_text or "").strip() else own_text
        if text.strip():
            texts[pk] = normalise(text)
    return texts


def link_trouble(source: Source) -> str:
    """What is wrong with the source's link, shown beside its quotes; empty if nothing."""
    if source.link_status in BROKEN_LINK_STATUSES:
        return source.get_link_status_display()
    return ""


# --- Checking and storing ----------------------------------------------------------


def check_quote(obj) -> str:
    """Check one appearance's or evidence's quote now and store the result."""
    text = source_texts([obj.source_id]).get(obj.source_id)
    obj.quote_check = verdict_on(obj.quote, text)
    obj.quote_checked_at = None if obj.quote_check == QuoteCheck.UNCHECKED else timezone.now()
    type(obj).objects.filter(pk=obj.pk).update(
        quote_check=obj.quote_check, quote_checked_at=obj.quote_checked_at
    )
    return obj.quote_check


def recheck_sources(source_ids: Iterable[int]) -> int:
    """Re-check every quote taken from these sources; the number of quotes checked.

    Each source's text is read and normalised once, however many claims
    quote it; the results are stored with one UPDATE per outcome and model.
    """
    source_ids = set(source_ids)
    if not source_ids:
        return 0
    texts = source_texts(source_ids)
    now = timezone.now()
    checked = 0
    for model in (Appearance, Evidence):
        outcomes = defaultdict(list)
        rows = model.objects.filter(source__in=source_ids).values_list("pk", "source_id", "quote")
        for pk, source_id, quote in rows.iterator(chunk_size=2000):
            outcomes[verdict_on(quote, texts.get(source_id))].append(pk)
            checked += 1
        for outcome, pks in outcomes.items():
            checked_at = None if outcome == QuoteCheck.UNCHECKED else now
            for start in range(0, len(pks), 1000):
                model.objects.filter(pk__in=pks[start : start + 1000]).update(
                    quote_check=outcome, quote_checked_at=checked_at
                )
    return checked


def recheck_source(source: Source) -> int:
    return recheck_sources([source.pk])


# --- When: receivers connected in claims.apps ----------------------------------------


def snapshot_taken(sender, *, source, snapshot, **kwargs):
    # A failed fetch leaves the latest successful snapshot, and so every check, as it was.
    if snapshot.is_success:
        recheck_source(source)


def source_saved(sender, *, instance, created, update_fields=None, raw=False, **kwargs):
    # A new source is quoted by nothing yet; a save that left the text alone
    # (a link check, say) changes nothing to check; a restore (raw) brings
    # the checks along.
    if created or raw or (update_fields is not None and "text" not in update_fields):
        return
    recheck_source(instance)
