"""Read replicas (DATABASE_REPLICA_URLS): anonymous public reads go to a
replica; writes, the admin, signed-in requests and anything inside a
transaction use the primary ("default").

Routers do not see the request, so ReplicaReadsMiddleware marks the requests
that may read from a replica in a context variable; everything else (commands,
workers, shells) reads from the primary."""

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

# Nobody may read from a replica unless a request was found to be anonymous and public.
replica_reads_allowed: ContextVar[bool] = ContextVar("replica_reads_allowed", default=False)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@contextmanager
def primary_reads():
    """Read from the primary inside this block, whatever the request is.

    A cache entry must be built from committed rows at least as new as the
    token it is stored under; a lagging replica could give older ones."""
    reset = replica_reads_allowed.set(False)
    try:
        yield
    finally:
        replica_reads_allowed.reset(reset)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = settings.DATABASE_REPLICAS
        if not replicas or not replica_reads_allowed.get():
            return DEFAULT_DB_ALIAS
        # A transaction must see its own writes, which only the primary has.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(replicas)

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas follow the primary's schema through replication.
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Let anonymous reads of public pages and the API go to a replica.

    Anonymous is told from the request alone (no session cookie, no
    Authorization header), never by loading the session: that would add
    `Vary: Cookie` to embed cards and cost a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_read_from_replica(request):
            return self.get_response(request)
        reset = replica_reads_allowed.set(True)
        try:
            return self.get_response(request)
        finally:
            replica_reads_allowed.reset(reset)

    @staticmethod
    def may_read_from_replica(request) -> bool:
        return (
            bool(settings.DATABASE_REPLICAS)
            and request.method in SAFE_METHODS
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "authorization" not in request.headers
            and not request.path_info.startswith("/admin/")
        )
