"""What each user may read. Anonymous clients and accounts without a research
role see published and retracted claims only, and only the speakers, sources
and outlets those claims show: a draft never leaks through a related list."""

from django.db.models import Q

from claims.api.permissions import sees_drafts
from claims.models import Appearance, Claim, Evidence, Speaker, Verdict
from claims.models.claim import PUBLIC_STATES
from sources.models import Outlet, Source


def visible_claims(user):
    return Claim.objects.all() if sees_drafts(user) else Claim.objects.public()


def visible_speakers(user):
    if sees_drafts(user):
        return Speaker.objects.all()
    return Speaker.objects.filter(pk__in=Claim.objects.public().values("speaker_id"))


def visible_sources(user):
    if sees_drafts(user):
        return Source.objects.all()
    public = {"claim__state__in": PUBLIC_STATES}
    return Source.objects.filter(
        Q(pk__in=Appearance.objects.filter(**public).values("source_id"))
        | Q(pk__in=Evidence.objects.filter(**public).values("source_id"))
    )


def visible_outlets(user):
    if sees_drafts(user):
        return Outlet.objects.all()
    return Outlet.objects.filter(
        Q(pk__in=visible_sources(user).values("outlet_id"))
        | Q(pk__in=Verdict.objects.filter(claim__state__in=PUBLIC_STATES).values("publisher_id"))
    )
