"""Signal receivers that replace the cache tokens of whatever a write changes
(see claims.caching). Writes that skip save() and its signals call
claims.caching.claims_changed() themselves (the ClaimReview importer's
bulk writes do), and so does a restore, whose raw saves (import_archive) the
receivers ignore."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from claims.caching import claims_changed, site_changed
from claims.models import (
    Appearance,
    Claim,
    Correction,
    Evidence,
    Page,
    Rating,
    RatingScale,
    Speaker,
    Topic,
    Verdict,
)
from sources.models import Outlet, Source

CLAIM_PARTS = (Verdict, Evidence, Appearance, Correction)
SITE_WIDE = (Rating, RatingScale, Page)


def claims_citing(sources) -> set[int]:
    """Claims that show any of `sources` as an appearance or as evidence."""
    return {
        *Appearance.objects.filter(source__in=sources).values_list("claim_id", flat=True),
        *Evidence.objects.filter(source__in=sources).values_list("claim_id", flat=True),
    }


@receiver([post_save, post_delete], sender=Claim)
def claim_written(sender, instance, raw=False, **kwargs):
    if not raw:
        claims_changed([instance.pk])


def claim_part_written(sender, instance, raw=False, **kwargs):
    if not raw:
        claims_changed([instance.claim_id])


def site_wide_written(sender, raw=False, **kwargs):
    if not raw:
        site_changed()


for signal in (post_save, post_delete):
    for model in CLAIM_PARTS:
        signal.connect(claim_part_written, sender=model)
    for model in SITE_WIDE:
        signal.connect(site_wide_written, sender=model)


@receiver(m2m_changed, sender=Claim.topics.through)
def claim_topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        if action.startswith("post_"):
            claims_changed([instance.pk])
    elif action == "pre_clear":
        # topic.claims.clear() names no claims: ask before the links go.
        claims_changed(instance.claims.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        claims_changed(pk_set)


# Shown by many claims: replace the tokens of those that show them. A new row
# is shown by none yet; deleting a speaker, source or outlet that anything
# shows is refused (PROTECT), and a deleted topic takes its links along.


@receiver(post_save, sender=Speaker)
def speaker_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        claims_changed(instance.claims.values_list("pk", flat=True))


@receiver(post_save, sender=Topic)
@receiver(pre_delete, sender=Topic)
def topic_written(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw:
        claims_changed(instance.claims.values_list("pk", flat=True))


@receiver(post_save, sender=Source)
def source_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        claims_changed(claims_citing([instance.pk]))


@receiver(post_save, sender=Outlet)
def outlet_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    published = Verdict.objects.filter(publisher=instance).values_list("claim_id", flat=True)
    claims_changed({*claims_citing(instance.sources.all()), *published})
