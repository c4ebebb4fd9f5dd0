"""The readable cues of check-worthiness: things a fact-checker looks for in a
sentence (a number, a comparison, a named statistic, a legal status...), each
a pattern with the phrase that explains it.

They are features of the model beside its word and character n-grams, and
the reasons it gives: a cue is a reason for a score when its learned weight
pushed that score up, and the reason quotes the words that matched. The cues
that mark what is rarely checked (a plan, an opinion, a question, thanks) are
features too; their weights come out negative, so they never become reasons.
"""

import math
import re
from dataclasses import dataclass

NUMBER_WORDS = (
    r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|"
    r"billions?|trillions?|dozens?|half|twice|double|triple|quarter|third"
)
NUMBER = rf"(?:[$£€]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent))?|\b(?:{NUMBER_WORDS})\b"


@dataclass(frozen=True)
class Cue:
    name: str
    reason: str  # "gives a number": the matched words follow in brackets
    pattern: re.Pattern

    def find(self, text: str) -> list[str]:
        return [match.group(0).strip(" ,.;:") for match in self.pattern.finditer(text)]


def cue(name: str, reason: str, pattern: str) -> Cue:
    return Cue(name, reason, re.compile(pattern, re.IGNORECASE))


CUES = (
    cue(
        "percentage",
        "gives a percentage",
        r"\d[\d,.]*\s?(?:%|percent\b|per cent\b)|\b(?:percent(?:age)?|per cent)\b",
    ),
    cue(
        "money",
        "gives an amount of money",
        r"[$£€]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion))?"
        r"|\b\d[\d,.]*\s?(?:million|billion|trillion)?\s?(?:dollars|pounds|euros)\b"
        r"|\b(?:million|billion|trillion) dollars\b",
    ),
    cue(
        "large_number",
        "gives a large number",
        r"\b\d[\d,.]*\s?(?:thousand|million|billion|trillion)\b"
        r"|\b\d{1,3}(?:,\d{3})+\b|\b(?:hundreds|thousands|millions|billions) of\b",
    ),
    cue(
        "number",
        "gives a number",
        # Not a year: that is a date.
        r"(?<![\w$£€])(?!(?:1[89]|20)\d\d\b)\d[\d,]*(?:\.\d+)?(?![\w%])"
        r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|"
        r"trillion|dozen|half|twice|doubled?|tripled?|quadrupled?)\b",
    ),
    cue(
        "year",
        "gives a date or period",
        r"\b(?:in|since|by|from|until|before|after) (?:(?:early|late|mid-?)\s?)?"
        r"(?:1[89]\d\d|20\d\d)s?\b|\b(?:1[89]\d\d|20\d\d)s?\b"
        r"|\b(?:last|past|next) (?:year|decade|\d+ years|(?:two|three|four|five|ten) years)\b"
        r"|\b\w+ years ago\b",
    ),
    cue(
        "comparison",
        "compares",
        r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|faster|slower|"
        r"better|worse|cheaper|richer|poorer) than\b|\bas (?:much|many|high|low) as\b"
        r"|\b(?:compared (?:to|with)|twice as|times as|times more|times the)\b"
        r"|\b(?:above|below) (?:the )?(?:average|level)\b",
    ),
    cue(
        "superlative",
        "uses a superlative",
        # "at least hundreds of" is a floor on a number, not a superlative.
        r"(?<!\bat )\b(?:the )?(?:largest|biggest|highest|lowest|smallest|fastest|slowest|worst|"
        r"best|greatest|most|least|fewest|first|only|record)\b"
        r"(?: \w+)?(?= (?:in|since|ever|of|on)\b)|\b(?:ever|in history|on record|all-time)\b",
    ),
    cue(
        "change",
        "describes a change",
        r"\b(?:increased?|increasing|decreased?|decreasing|rose|risen|rising|fell|fallen|"
        r"falling|dropped|declined?|grew|grown|growing|doubled|tripled|quadrupled|halved|"
        r"cut|cuts|slashed|raised|lowered|reduced|lost|gained|created|added|went (?:up|down)|"
        r"gone (?:up|down)|skyrocketed|soared|plummeted|tripled|jumped)\b",
    ),
    cue(
        "statistic",
        "names a statistic",
        r"\b(?:unemployment(?: rate)?|employment|jobs?|deficits?|debt|gdp|gross domestic product|"
        r"inflation|interest rates?|wages?|income|salar(?:y|ies)|poverty(?: rate)?|crime(?: rate)?|"
        r"murders?|homicides?|deaths?|killed|casualties|budget|spending|revenues?|taxe?s?|"
        r"tax (?:rate|cut|increase)s?|prices?|costs?|growth(?: rate)?|economy|trade|exports?|"
        r"imports?|population|turnout|votes?|polls?|premiums?|insurance|uninsured|"
        r"emissions|oil|energy|gas|troops|soldiers|immigrants?|refugees?|deportations?|"
        r"members?|per capita|average|median|rate|million|billion)\b",
    ),
    cue(
        "legal_status",
        "states a legal status",
        r"\b(?:not )?(?:a )?(?:party|signatory) to (?:the )?(?-i:[A-Z][\w-]*(?: [A-Z][\w-]*)*)"
        r"|\b(?:illegal(?:ly)?|unlawful|unconstitutional|constitution(?:al)?|legal(?:ly)?|"
        r"laws?|statutes?|treaty|treaties|convention|ratified|signed|vetoed|veto|enacted|"
        r"passed|legislation|bill|amendment|court|supreme court|ruled|ruling|warrant|indicted|"
        r"indictment|convicted|prosecuted|charged|sanctions?|banned|ban|allowed|prohibited|"
        r"jurisdiction|regulations?|mandate)\b",
    ),
    cue(
        "record",
        "reports a vote, a pledge or what someone said",
        r"\b(?:voted|vote[ds]? (?:for|against)|supported|opposed|sponsored|co-?sponsored|"
        r"proposed|signed into law|filibustered|appointed|nominated|pledged|promised|"
        r"said (?:that|he|she|they|we|it)|has said|have said|called for)\b",
    ),
    cue(
        "source",
        "cites a source",
        r"\b(?:according to|reported|reports?|study|studies|survey|census|data|statistics|"
        r"figures|estimates?|analysis|found that|shows? that|showed that|cbo|gao|fbi|"
        r"bureau|department of|office of|agency|commission|institute)\b",
    ),
    cue(
        "entity",
        "names a specific body or place",
        r"(?-i:(?<!^)(?<![.!?]\s)\b(?:[A-Z][a-z]+(?:\s(?:of\s)?[A-Z][a-z]+)+|[A-Z]{2,})\b)",
    ),
    # The cues below mark sentences rarely worth checking; their weights are
    # negative, so they lower a score and are never given as reasons.
    cue(
        "plan_or_opinion",
        "states a plan or an opinion",
        r"\b(?:I|we)(?:'ll| will| would| want| wanna| intend| plan| hope| believe| think| feel|"
        r"'m going to| am going to|'re going to| are going to| must| should| need| have got to|"
        r"'ve got to)\b|\b(?:I think|I believe|in my opinion|my view|let me|I'd like)\b",
    ),
    cue("question", "asks a question", r"\?"),
    cue(
        "courtesy",
        "is a courtesy",
        r"\b(?:thank(?:s| you)|congratulat\w+|good (?:evening|night|morning)|"
        r"ladies and gentlemen|appreciate|pleasure|honou?red)\b",
    ),
    cue(
        "hedge",
        "hedges",
        r"\b(?:maybe|perhaps|probably|might|could be|I don't know|I'm not sure|"
        r"seems?|kind of|sort of)\b",
    ),
)

CUE_NAMES = [c.name for c in CUES]
# The cues are a few dense features beside tens of thousands of sparse
# n-grams: scaled up, the regularisation lets them carry their own weight
# rather than leave it to the n-grams, so the reasons come from them. (On the
# dev set F1 is the same at scale 1 and 3.)
CUE_SCALE = 3.0
# One more feature beside the cues: the sentence's length in words, as a log.
FEATURE_NAMES = [*CUE_NAMES, "length"]


@dataclass(frozen=True)
class CueMatches:
    """The words each cue matched in one sentence, in CUES order."""

    matches: tuple[tuple[str, ...], ...]
    words: int

    def vector(self) -> list[float]:
        # A cue counts once or twice at most: a long list of numbers is no
        # more check-worthy than two of them.
        counts = [CUE_SCALE * min(len(found), 2) / 2 for found in self.matches]
        return [*counts, math.log1p(self.words) / 4]


# Pasted text carries links whose digits and capitals are no claim's.
URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)


def find_cues(text: str) -> CueMatches:
    text = URL.sub(" ", text)
    return CueMatches(
        matches=tuple(tuple(c.find(text)) for c in CUES),
        words=len(text.split()),
    )
