from claims.models.claim import Appearance, Claim, ClaimState, Topic
from claims.models.embedding import ClaimEmbedding
from claims.models.page import Page
from claims.models.quote import QuoteCheck
from claims.models.rating import Rating, RatingScale
from claims.models.speaker import Speaker
from claims.models.verdict import Correction, Evidence, Verdict
from claims.models.workflow_event import SignOff, WorkflowEvent

__all__ = [
    "Appearance",
    "Claim",
    "ClaimEmbedding",
    "ClaimState",
    "Correction",
    "Evidence",
    "Page",
    "QuoteCheck",
    "Rating",
    "RatingScale",
    "SignOff",
    "Speaker",
    "Topic",
    "Verdict",
    "WorkflowEvent",
]
