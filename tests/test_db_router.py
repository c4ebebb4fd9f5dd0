"""Read replicas: anonymous public reads go to the replica; writes, the admin,
signed-in and token requests, transactions and cache fills use the primary.

"replica_1" (tests/settings.py) mirrors "default", as Django's test runner
does for replicas; the rows are committed (transactional) so that its own
connection sees them."""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from claims.models import Claim
from sources.db_router import ReplicaRouter, replica_reads_allowed
from tests.factories import UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica_1"])


@pytest.fixture(autouse=True)
def one_replica(settings):
    settings.DATABASE_REPLICAS = ["replica_1"]


@pytest.fixture
def claim(installation_rows):
    return VerdictFactory(published=True, claim__text="The ICC has 124 member states.").claim


def queries_by_alias(request) -> dict[str, int]:
    """Run `request()` and count the queries each connection made."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_1"]) as replica,
    ):
        response = request()
    assert response.status_code < 400, response.status_code
    return {"primary": len(primary), "replica": len(replica)}


def test_anonymous_public_reads_go_to_the_replica(client, claim):
    for path in (claim.get_absolute_url(), "/claims/", "/api/v1/claims/", "/speakers/"):
        # Once the cache holds what it keeps (filled from the primary, see below).
        client.get(path)
        used = queries_by_alias(lambda path=path: client.get(path))
        assert used["primary"] == 0, path
        assert used["replica"] > 0, path


def test_signed_in_readers_use_the_primary(client, claim):
    client.force_login(UserFactory(is_staff=False))
    used = queries_by_alias(lambda: client.get(claim.get_absolute_url()))
    assert used["replica"] == 0
    assert used["primary"] > 0


def test_token_holders_use_the_primary(client, claim):
    token = Token.objects.create(user=UserFactory(is_staff=False))
    headers = {"authorization": f"Token {token.key}"}
    used = queries_by_alias(lambda: client.get("/api/v1/claims/", headers=headers))
    assert used["replica"] == 0
    assert used["primary"] > 0


def test_writes_and_the_admin_use_the_primary(client, claim):
    form = {"text": "The ICC has 18 judges.", "website": "", "action": "send"}
    assert queries_by_alias(lambda: client.post("/suggest/", form))["replica"] == 0
    assert Claim.objects.filter(text="The ICC has 18 judges.").exists()
    assert queries_by_alias(lambda: client.get("/admin/login/"))["replica"] == 0


def test_cache_fills_read_the_primary(client, claim):
    # A lagging replica must not be cached under a token replaced after the write.
    used = queries_by_alias(lambda: client.get(f"/embed/claims/{claim.pk}/"))
    assert used == {"primary": 1, "replica": 0}


def test_reads_inside_a_transaction_use_the_primary():
    router = ReplicaRouter()
    reset = replica_reads_allowed.set(True)
    try:
        assert router.db_for_read(Claim) == "replica_1"
        with transaction.atomic():
            assert router.db_for_read(Claim) == "default"
    finally:
        replica_reads_allowed.reset(reset)
    assert router.db_for_read(Claim) == "default", "outside a request, the primary"
    assert router.db_for_write(Claim) == "default"
    assert not router.allow_migrate("replica_1", "claims")
