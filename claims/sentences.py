"""An article's text cut into sentences worth scoring, for claims.extraction.

pysbd finds the sentence boundaries. It keeps quoted speech whole, which
goes wrong on real copy: one stray quotation mark (a snippet that starts
mid-quote) and it glues the rest of the paragraph into one "sentence". So
the quotation marks are hidden from it, and who said a quote is worked out
over the paragraph afterwards (claims.attribution).
"""

import re
import unicodedata
from functools import lru_cache

import pysbd

QUOTES = '"“”„«»'
QUOTE = re.compile(f"[{QUOTES}]")
# Stands in for a quotation mark while pysbd reads the text: one character, so
# offsets stay the same, and neither punctuation nor a letter to pysbd.
HIDDEN_QUOTE = "\u2063"
CLOSING_AFTER_STOP = re.compile(f"([.!?]){HIDDEN_QUOTE}")
# Markdown links ("[the court said](https://…)") keep their words only.
MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
# The end of a link whose start a snippet cut off: "investigation](https://…)".
LINK_TAIL = re.compile(r"\]\((?:https?://|/)(?:[^()\s]|\([^()\s]*\))*\)")
# Page furniture left inside a paragraph by the copy and paste.
INLINE_FURNITURE = re.compile(r"\bADVERTISEMENT\b\s*")
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
TERMINAL = tuple(".!?:;…" + QUOTES + ")’'")
# Wire-service datelines before the first sentence: "KYIV, Ukraine (AP) — ".
DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,40})?\s*(?:\([A-Za-z. ]{1,20}\))?\s*[—–-]+\s+"
)
# "By Jane Smith and John Doe, BBC News": short, and a name after "By".
BYLINE = re.compile(r"^(?:By|BY|Reporting by|Written by)\s+[A-Z][\w'’-]+")
BYLINE_WORDS = 10
# Page furniture; specific enough not to catch a sentence that starts with
# the same word ("Published figures show…", "Share prices fell…").
BOILERPLATE = re.compile(
    r"^(?:advertisement$|image caption\b|image source\b|media caption\b|getty images\b"
    r"|share(?: this(?: article| story)?)?$|read more\b|related(?: articles| topics)?$"
    r"|copyright\b|©|(?:published|updated|last updated)(?::|\s+\d|\s+on\b)"
    r"|listen\b.*\bmin|watch:)",
    re.IGNORECASE,
)
# A sentence shorter than this says too little to check.
MIN_WORDS = 5
MIN_CHARACTERS = 25
# Longer than this it is not a sentence but a table, a list or a run of markup.
MAX_CHARACTERS = 1500


def clean(text: str) -> str:
    """The text with links reduced to their words, odd spaces made plain and
    hard-wrapped lines joined again."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = LINK_TAIL.sub("", MARKDOWN_LINK.sub(r"\1", text))
    text = INLINE_FURNITURE.sub("", INVISIBLE.sub("", text))
    text = text.replace("\u00a0", " ").replace("\t", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    joined: list[str] = []
    for line in lines:
        # A line broken mid-sentence (no closing punctuation, the next one
        # going on in lower case) was wrapped, not a paragraph of its own.
        if joined and joined[-1] and line[:1].islower() and not joined[-1].endswith(TERMINAL):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return "\n".join(joined)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, without headlines, bylines and other page furniture."""
    kept = []
    for line in clean(text).split("\n"):
        line = DATELINE.sub("", line.strip())
        if line and not is_furniture(line):
            kept.append(line)
    return kept


def is_furniture(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return True
    shouting = sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 3
    byline = BYLINE.match(line) and len(line.split()) <= BYLINE_WORDS
    return bool(shouting or byline or BOILERPLATE.match(line))


@lru_cache(maxsize=1)
def _segmenter():
    return pysbd.Segmenter(language="en", clean=False)


def split(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the paragraph."""
    masked = QUOTE.sub(HIDDEN_QUOTE, paragraph)
    # pysbd ends a sentence at punctuation followed by a space: put a closing
    # mark before its full stop (same length, so offsets hold) and "2015.” Then"
    # splits after the mark.
    masked = CLOSING_AFTER_STOP.sub(rf"{HIDDEN_QUOTE}\1", masked)
    spans, position = [], 0
    for piece in _segmenter().segment(masked):
        start = masked.find(piece, position)
        if start < 0:  # pysbd changed the text; never seen with clean=False
            continue
        end = start + len(piece)
        position = end
        # pysbd ends a sentence at its full stop and leaves the closing quotation
        # mark to the next one: give it back.
        if spans and piece[:1] == HIDDEN_QUOTE:
            closing = len(piece) - len(piece.lstrip(HIDDEN_QUOTE))
            if piece[closing : closing + 1] in (" ", ""):
                spans[-1] = (spans[-1][0], start + closing)
                start += closing
        spans.append((start, end))
    trimmed = []
    for start, end in spans:
        text = paragraph[start:end]
        start += len(text) - len(text.lstrip())
        end -= len(text) - len(text.rstrip())
        if end > start:
            trimmed.append((start, end))
    return trimmed


def is_fragment(text: str) -> bool:
    """Too short, too long or not prose to be a claim."""
    words = text.split()
    if len(words) < MIN_WORDS or len(text) < MIN_CHARACTERS or len(text) > MAX_CHARACTERS:
        return True
    return is_furniture(text)


def fold_key(text: str) -> str:
    """What two copies of a sentence have in common: the words, whatever the
    quotation marks, case and spacing."""
    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))


def is_truncated(text: str) -> bool:
    return text.rstrip(QUOTES + " ").endswith(("...", "…"))
