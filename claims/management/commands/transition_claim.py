from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.management.arguments import iso_date
from claims.models import Claim, Correction, Rating
from claims.workflow import TRANSITIONS, claim_transition


class Command(BaseCommand):
    help = "Move a claim through the editorial workflow as a given user, under the same rules."

    def add_arguments(self, parser):
        parser.add_argument("claim_id", type=int)
        parser.add_argument("transition", choices=list(TRANSITIONS))
        parser.add_argument("--user", required=True, help="Username of the person acting.")
        parser.add_argument("--comment", default="", help="Comment, reason or public note.")
        parser.add_argument(
            "--kind", default=Correction.Kind.CORRECTION, choices=Correction.Kind.values
        )
        parser.add_argument("--rating", help="New rating slug, for `correct`.")
        parser.add_argument(
            "--confirm-unverified-quotes",
            action="store_true",
            help="For `publish`: publish although a quote was not found in its source "
            "or not checked yet.",
        )
        parser.add_argument(
            "--recheck-on",
            type=iso_date,
            help="For `recheck` and `correct`: the next re-check date, YYYY-MM-DD, after today. "
            "`recheck` without it clears the date.",
        )

    def handle(
        self,
        *args,
        claim_id,
        transition,
        user,
        comment,
        kind,
        rating,
        confirm_unverified_quotes,
        recheck_on,
        **options,
    ):
        claim = Claim.objects.filter(pk=claim_id).first()
        if claim is None:
            raise CommandError(f"There is no claim {claim_id}.")
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"There is no user “{user}”.")
        new_rating = None
        if rating:
            verdict = getattr(claim, "verdict", None)
            scale = verdict.rating.scale_id if verdict and verdict.rating_id else None
            new_rating = Rating.objects.filter(scale_id=scale, slug=rating).first()
            if new_rating is None:
                raise CommandError(f"“{rating}” is not a rating on this verdict's scale.")
        try:
            claim = claim_transition(
                claim=claim,
                name=transition,
                by=actor,
                comment=comment,
                correction_kind=kind,
                new_rating=new_rating,
                confirm_unverified_quotes=confirm_unverified_quotes,
                recheck_on=recheck_on,
            )
        except ValidationError as error:
            message = " ".join(error.messages)
            if "confirm_unverified_quotes" in getattr(error, "error_dict", {}):
                message += " Add --confirm-unverified-quotes to publish anyway."
            raise CommandError(message) from None
        self.stdout.write(f"Claim {claim.pk} is now {claim.get_state_display().lower()}.")
