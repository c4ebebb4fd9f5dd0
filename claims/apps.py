from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = "Claims"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from claims import indexing, invalidation  # noqa: F401  (connects the cache's receivers)

        post_save.connect(indexing.claim_saved, sender="claims.Claim")
        post_save.connect(indexing.verdict_saved, sender="claims.Verdict")
        post_delete.connect(indexing.embeddings_deleted, sender="claims.ClaimEmbedding")

        from claims import snapshotting

        post_save.connect(snapshotting.attached, sender="claims.Evidence")
        post_save.connect(snapshotting.attached, sender="claims.Appearance")
        post_save.connect(snapshotting.source_saved, sender="sources.Source")
