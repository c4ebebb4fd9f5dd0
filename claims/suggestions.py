"""Claims suggested by readers through the public form."""

from django.db import transaction

from claims.models import Claim, ClaimState


@transaction.atomic
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
