"""Background tasks (django-tasks: the database backend and `db_worker` in
production, run at once in tests; Django 6's built-in tasks take the same
code)."""

from django_tasks import task

from claims import indexing
from claims.models import Claim


@task()
def embed_claims(claim_ids: list[int]) -> int:
    """Embed these claims if their embedding is missing or stale."""
    return indexing.index(Claim.objects.filter(pk__in=claim_ids))
