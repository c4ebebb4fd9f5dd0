"""Who said it: speakers guessed from how a text attributes words, and matched
to the speakers we know.

News copy attributes words in a handful of ways: "…, Khan said", "Khan said
that…", "…, said Mr Khan", "Khan told the BBC", "according to Khan", "the
Kremlin's spokesman said", and a quotation whose attribution comes after
its last sentence ("“A. B,” she said."). The guesses are read per paragraph:
each attribution is found once, "he" and "she" stand for the last person
named before them in the paragraph, and every sentence of a quotation gets
the quotation's speaker.
"""

import re
import unicodedata
from dataclasses import dataclass

VERBS = (
    "said|says|told|tells|added|adds|wrote|writes|stated|tweeted|posted|explained"
    "|explains|noted|argued|argues|insisted|insists|warned|warns|responded|replied"
    "|announced|announces|declared|declares|stressed|stresses|emphasised|emphasized"
    "|confirmed|confirms|claimed|alleged|asserted|asserts|acknowledged|admitted"
    "|recalled|saying|telling"
)
# Left out: "states", "claims" and "notes", far more often nouns ("member
# states", "Moscow claims to be…") than verbs of saying.
VERB = re.compile(rf"\b(?:{VERBS})\b")
ACCORDING_TO = re.compile(r"\baccording to\s+", re.IGNORECASE)
# Words that may stand between a speaker and the verb: "Khan has also said".
AUXILIARIES = frozenset(
    """has have had was is also later then further previously reportedly recently once
    has would had already""".split()
)
PRONOUNS = frozenset({"he", "she", "they"})
# Titles and descriptions that come before a name and are not part of it:
# "US President Joe Biden", "Prosecutor General Andriy Kostin", "Mr Putin".
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister
    foreign defence defense interior finance secretary general attorney prosecutor chancellor
    senator sen rep representative governor mayor judge justice king queen prince princess
    pope ambassador spokesman spokeswoman spokesperson chairman chairwoman chair commissioner
    deputy chief head leader former state of the us u.s. uk u.k. eu un nato russian ukrainian
    chinese american british french german european kremlin white house""".split()
)
SENTENCE_WORDS = frozenset(
    """the a an this that these those it its he she they we i you but and or so however
    yet still meanwhile nevertheless asked when while after before although though if
    as in on at for""".split()
)
PARTICLES = frozenset({"de", "da", "van", "von", "der", "den", "bin", "al", "la", "le", "del"})
# "the Kremlin's spokesman said": the words are the Kremlin's.
ON_BEHALF = re.compile(
    r"(?P<who>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)['’]s\s+(?:chief\s+|official\s+)?"
    r"(?:spokesperson|spokesman|spokeswoman|press service|press secretary|press office"
    r"|office|foreign ministry|ministry|government)$"
)
NAME_WORD = re.compile(r"(?:[^\W\d_][\w'’.-]*|[^\W\d_]\.)")
OPENING_QUOTES = "“„«"
CLOSING_QUOTES = "”»"
# How far after a closing quotation mark its attribution may be: past the
# speaker's name and a description ("Jonathan Leader Maynard, a lecturer in
# international politics at King's College London, told the BBC").
ATTRIBUTION_REACH = 130


@dataclass(frozen=True)
class Attribution:
    who: str  # a name, or "he", "she", "they" until resolved
    verb_start: int
    verb_end: int


def is_name_word(word: str) -> bool:
    return (
        bool(NAME_WORD.fullmatch(word))
        and word[0].isupper()
        and not word.endswith(("'s", "’s"))
        and any(c.isalpha() for c in word)
    )


def tidy_name(words: list[str]) -> str | None:
    """The name in a run of capitalised words, without titles, leading
    acronyms and the words that start sentences."""
    words = [w.rstrip(".,;:") if not re.fullmatch(r"[A-Z]\.", w) else w for w in words]
    while words:
        first = words[0].lower()
        if first in SENTENCE_WORDS or first in PARTICLES or (first in TITLES and len(words) > 1):
            words = words[1:]
        # "ICC Piotr Hofmanski": an organisation's acronym before a person's name.
        elif len(words) > 2 and words[0].isupper() and len(words[0]) > 1:
            words = words[1:]
        else:
            break
    name = " ".join(words)
    if not words or sum(c.isalpha() for c in name) < 2:
        return None
    return name


def trailing_name(text: str) -> str | None:
    """The name that ends `text`: "When asked, US President Joe Biden" -> "Joe Biden"."""
    run: list[str] = []
    for word in reversed(text.split()):
        if word.endswith((",", ";", ":", "(", ")")) and run:
            break
        if is_name_word(word.rstrip(",;:")) or (run and word in PARTICLES):
            run.insert(0, word)
        else:
            break
    return tidy_name(run)


def leading_name(text: str) -> str | None:
    """The name that starts `text`: "Mr Khan, the prosecutor" -> "Khan"."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    run: list[str] = []
    for word in words:
        bare = word.rstrip('.,;:!?”"’)')
        if is_name_word(bare) or (run and word in PARTICLES):
            run.append(bare)
            if bare != word and not re.fullmatch(r"[A-Z]\.", word):
                break
        else:
            break
    return tidy_name(run)


def subject_before(text: str) -> str | None:
    """Who the verb after `text` belongs to, from the words before it."""
    text = text.rstrip()
    words = text.split()
    while words and words[-1].lower() in AUXILIARIES:
        words.pop()
    text = " ".join(words)
    if not words:
        return None
    if words[-1].lower() in PRONOUNS:
        return words[-1].lower()
    if on_behalf := ON_BEHALF.search(text):
        return tidy_name(on_behalf["who"].split())
    if text.endswith(","):
        # An apposition: "the ICC prosecutor, Karim Khan," or "Khan, a lawyer,".
        inner_start = text.rfind(",", 0, len(text) - 1)
        inner = text[inner_start + 1 : -1].strip()
        name = trailing_name(inner)
        if name and len(name.split()) >= len(inner.split()) - 1:
            return name
        if inner_start >= 0 and inner[:1].islower():
            return trailing_name(text[:inner_start])
        return None
    return trailing_name(text)


def attributions(paragraph: str, quoted: list["Quotation"]) -> list[Attribution]:
    """Every attribution in the paragraph outside its closed quotations (words
    said inside a quotation are the speaker's, not ours to attribute),
    pronouns resolved, in reading order."""

    def inside_quotation(position: int) -> bool:
        return any(q.closed and q.start <= position < q.end for q in quoted)

    found: list[Attribution] = []
    for verb in VERB.finditer(paragraph):
        if inside_quotation(verb.start()):
            continue
        before = paragraph[: verb.start()]
        # The start of the clause the verb closes: its subject is in it.
        clause = re.split(r"[.!?“”\"«»]\s|[“”\"«»]", before[-200:])[-1]
        who = subject_before(clause)
        if who is None and re.search(r"[,“”\"]\s*$", before):
            # "…,” said Mr Khan."
            who = leading_name(paragraph[verb.end() :])
        if who:
            found.append(Attribution(who, verb.start(), verb.end()))
    for phrase in ACCORDING_TO.finditer(paragraph):
        if not inside_quotation(phrase.start()) and (
            who := leading_name(paragraph[phrase.end() :])
        ):
            found.append(Attribution(who, phrase.start(), phrase.end()))
    found.sort(key=lambda a: a.verb_start)
    resolved, last_named = [], None
    for attribution in found:
        if attribution.who in PRONOUNS:
            if last_named is None:
                continue
            attribution = Attribution(last_named, attribution.verb_start, attribution.verb_end)
        last_named = attribution.who
        resolved.append(attribution)
    return resolved


@dataclass(frozen=True)
class Quotation:
    start: int  # its opening mark
    end: int  # after its closing mark
    # False when no closing mark was found: where it ends is a guess.
    closed: bool


def quotations(paragraph: str) -> list[Quotation]:
    """The paragraph's quotations. A snippet may begin inside a quotation: a
    closing mark with no opening one closes a quotation begun where the
    previous one ended."""
    spans, opened, last_end = [], None, 0
    for i, char in enumerate(paragraph):
        straight = char == '"'
        # A straight mark opens after a space and before a word, else it closes.
        opening = char in OPENING_QUOTES or (
            straight
            and opened is None
            and (i == 0 or paragraph[i - 1].isspace() or paragraph[i - 1] in "([—–-")
            and paragraph[i + 1 : i + 2].strip() != ""
        )
        if opening and opened is None:
            opened = i
        elif opening:
            # The quotation open before this one was never closed.
            spans.append(Quotation(opened, i, closed=False))
            opened = i
        elif char in CLOSING_QUOTES or straight:
            spans.append(Quotation(last_end if opened is None else opened, i + 1, closed=True))
            opened, last_end = None, i + 1
    if opened is not None:
        spans.append(Quotation(opened, len(paragraph), closed=False))
    return spans


def quotation_speaker(paragraph: str, quotation: Quotation, found: list[Attribution]):
    """Who said the quotation: the attribution right after it ("…,” Khan
    said") or right before it (Khan said: “…")."""
    for attribution in found:
        between = paragraph[quotation.end : attribution.verb_start]
        if 0 <= attribution.verb_start - quotation.end <= ATTRIBUTION_REACH and not re.search(
            r"[.!?“”\"«»]", between
        ):
            return attribution.who
        before = paragraph[attribution.verb_end : quotation.start]
        if attribution.verb_end <= quotation.start and re.fullmatch(
            r"\s*(?:that\s*)?[:,]?\s*", before
        ):
            return attribution.who
    return None


def speakers(paragraph: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """The guessed speaker of each sentence (its span in the paragraph), or None."""
    quoted = quotations(paragraph)
    found = attributions(paragraph, quoted)
    speakers_of_quotations = [(q, quotation_speaker(paragraph, q, found)) for q in quoted]
    guesses = []
    for start, end in spans:
        middle = (start + end) // 2
        guess = next(
            (who for q, who in speakers_of_quotations if who and q.start <= middle < q.end), None
        )
        if guess is None:
            guess = next((a.who for a in found if start <= a.verb_start < end), None)
        guesses.append(guess)
    return guesses


def name_key(name: str) -> tuple[str, ...]:
    """A name's words without accents, case, titles or punctuation."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    words = re.findall(r"\w+", name)
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return tuple(words)


class SpeakerDirectory:
    """The speakers we know, to look a guessed name up in: by full name, by
    surname when only one speaker has it, or a guess that holds a speaker's
    full name ("ICC Piotr Hofmanski")."""

    def __init__(self, speakers: list[tuple[int, str]]):
        self.names = {}
        self.by_key: dict[tuple[str, ...], int] = {}
        self.by_surname: dict[str, set[int]] = {}
        for pk, name in speakers:
            key = name_key(name)
            if not key:
                continue
            self.names[pk] = name
            self.by_key.setdefault(key, pk)
            self.by_surname.setdefault(key[-1], set()).add(pk)

    def find(self, guess: str) -> tuple[str, int | None]:
        """(name, speaker id) of the speaker `guess` names; (guess, None) if none."""
        key = name_key(guess)
        if not key:
            return guess, None
        if key in self.by_key:
            pk = self.by_key[key]
            return self.names[pk], pk
        candidates = self.by_surname.get(key[-1], set())
        # "Khan" or "Mr Khan": one speaker with that surname and no other first name.
        fitting = [pk for pk in candidates if set(key) <= set(name_key(self.names[pk]))]
        if len(fitting) == 1:
            return self.names[fitting[0]], fitting[0]
        for length in range(len(key) - 1, 1, -1):
            for i in range(len(key) - length + 1):
                if (pk := self.by_key.get(key[i : i + length])) is not None:
                    return self.names[pk], pk
        return guess, None
