"""From an article to the claims worth checking in it, best first.

The article is cut into sentences (claims.sentences), copies of a sentence
are folded into its first, each sentence is scored for check-worthiness
(claims.checkworthiness), its speaker guessed (claims.attribution), and the
best ones are matched against our published verdicts (claims.matching, the
function the API's match endpoint uses).

Matching costs a tenth of a second or more per sentence on a large
database, so only the candidates returned (the best `top`) that are
check-worthy (score at or above the threshold) are matched.
"""

from dataclasses import asdict, dataclass

from claims.attribution import SpeakerDirectory, speakers
from claims.checkworthiness import THRESHOLD, Scored, score_sentences
from claims.claimreview import absolute_url
from claims.matching import match_claims
from claims.models import Claim, Speaker
from claims.sentences import fold_key, is_fragment, is_truncated, paragraphs, split

DEFAULT_TOP = 20
MATCHES_PER_CANDIDATE = 3
# A match's score is the probability that the claim is the one the sentence
# makes: shown from even odds up. The API's lower default (0.1) lists every
# claim on the same subject, which would put a warning on every sentence.
MATCH_THRESHOLD = 0.5


@dataclass(frozen=True)
class MatchedClaim:
    """A published claim a candidate probably repeats."""

    id: int
    text: str
    rating: str | None
    score: float
    url: str


@dataclass(frozen=True)
class Candidate:
    text: str
    score: float
    speaker: str | None
    speaker_id: int | None
    reasons: list[str]
    matches: list[MatchedClaim]

    def as_json(self) -> dict:
        return {
            "text": self.text,
            "score": self.score,
            "speaker": self.speaker,
            "reasons": self.reasons,
            "matches": [asdict(match) for match in self.matches],
        }


def article_sentences(text: str) -> list[tuple[str, str | None]]:
    """(sentence, guessed speaker) of every sentence worth scoring, in reading
    order, each copy folded into its first; a snippet cut short ("… said
    that …") folds into the whole sentence it begins."""
    found: dict[str, tuple[str, str | None]] = {}
    for paragraph in paragraphs(text):
        spans = split(paragraph)
        for (start, end), guess in zip(spans, speakers(paragraph, spans), strict=True):
            sentence = paragraph[start:end]
            if is_fragment(sentence):
                continue
            key = fold_key(sentence)
            if key not in found:
                found[key] = (sentence, guess)
            elif found[key][1] is None and guess:
                found[key] = (found[key][0], guess)
    whole = [key for key, (sentence, _) in found.items() if not is_truncated(sentence)]
    return [
        value
        for key, value in found.items()
        if not (is_truncated(value[0]) and any(w != key and w.startswith(key) for w in whole))
    ]


def text_of_source(source) -> tuple[str, str]:
    """(text, where it came from) of a source: its latest successful
    snapshot's text, else the text pasted into the source; ("", "") if neither."""
    snapshot = source.snapshots.successful().only("text", "fetched_at").first()
    if snapshot is not None and snapshot.text.strip():
        return snapshot.text, f"the snapshot of {snapshot.fetched_at:%Y-%m-%d %H:%M}"
    if source.text.strip():
        return source.text, "the source's text"
    return "", ""


def published_claims():
    """The claims a candidate may match: the public API's, never a draft."""
    return Claim.objects.published().select_related("verdict__rating")


def matched_claims(text: str) -> list[MatchedClaim]:
    found = match_claims(
        text, published_claims(), limit=MATCHES_PER_CANDIDATE, threshold=MATCH_THRESHOLD
    )
    return [
        MatchedClaim(
            id=match.claim.pk,
            text=match.claim.text,
            rating=rating_label(match.claim),
            score=match.score,
            url=absolute_url(match.claim.get_absolute_url()),
        )
        for match in found
    ]


def rating_label(claim: Claim) -> str | None:
    verdict = getattr(claim, "verdict", None)
    return verdict.rating.label if verdict and verdict.rating else None


def ranked_sentences(text: str) -> list[tuple[str, str | None, Scored]]:
    """(sentence, guessed speaker, its score) of every sentence of `text`,
    most check-worthy first; equals in reading order."""
    read = article_sentences(text)
    if not read:
        return []
    scored = score_sentences([sentence for sentence, _ in read])
    best = sorted(range(len(read)), key=lambda i: (-scored[i].score, i))
    return [(*read[i], scored[i]) for i in best]


def extract_candidates(text: str, *, top: int = DEFAULT_TOP) -> list[Candidate]:
    """The `top` sentences of `text` most worth checking, best first."""
    best = ranked_sentences(text)[:top]
    directory = None
    if any(guess for _, guess, _ in best):
        directory = SpeakerDirectory(list(Speaker.objects.values_list("pk", "name")))
    candidates = []
    for sentence, guess, scored in best:
        speaker, speaker_id = directory.find(guess) if guess else (None, None)
        candidates.append(
            Candidate(
                text=sentence,
                score=scored.score,
                speaker=speaker,
                speaker_id=speaker_id,
                reasons=list(scored.reasons),
                matches=matched_claims(sentence) if scored.score >= THRESHOLD else [],
            )
        )
    return candidates
