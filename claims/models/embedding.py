from django.db import models

from claims.models.claim import Claim


class ClaimEmbedding(models.Model):
    """A claim's sentence embedding, for semantic matching (claims/vectors.py
    holds them in memory; claims/indexing.py writes them).

    Kept out of the claim's row so that reading claims never carries it."""

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    # FACTCHECK_EMBEDDING_MODEL when embedded; another model's vectors are stale.
    model = models.CharField(max_length=200)
    # SHA-256 of the text embedded: a claim whose text has changed since is stale.
    digest = models.CharField(max_length=64)
    # float16, little-endian, L2-normalised.
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # Web processes read the vectors written since they last looked.
            models.Index(fields=["updated_at"], name="claim_embedding_updated_idx"),
        ]

    def __str__(self):
        return f"Embedding of claim {self.claim_id}"
