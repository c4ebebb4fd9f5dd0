"""Which claims cite a source whose link is broken: the desk's "Evidence links: broken"."""

import pytest
from django.urls import reverse

from claims.models import Claim
from sources.models import LinkStatus
from tests.factories import AppearanceFactory, ClaimFactory, EvidenceFactory, SourceFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


def broken_source(status=LinkStatus.BROKEN):
    return SourceFactory(link_status=status, text="")


@pytest.mark.parametrize("extra", [0, 10])
def test_it_lists_the_claims_whose_sources_links_are_broken(django_assert_num_queries, extra):
    by_appearance = AppearanceFactory(source=broken_source()).claim
    by_evidence = EvidenceFactory(source=broken_source(LinkStatus.UNREACHABLE)).claim
    both = AppearanceFactory(source=broken_source()).claim
    EvidenceFactory(claim=both, source=broken_source(LinkStatus.UNREACHABLE))
    # One broken source cited by two claims.
    shared = broken_source()
    sharing = [EvidenceFactory(source=shared).claim, AppearanceFactory(source=shared).claim]
    healthy = {
        AppearanceFactory(source=SourceFactory(link_status=status)).claim.pk
        for status in (LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.UNCHECKED)
    }
    healthy.add(ClaimFactory().pk)
    for _ in range(extra):
        AppearanceFactory(source=broken_source())
    expected = {by_appearance.pk, by_evidence.pk, both.pk, *(c.pk for c in sharing)}

    with django_assert_num_queries(1):
        found = list(Claim.objects.with_broken_links().values_list("pk", flat=True))
    assert len(found) == len(set(found)) == 5 + extra
    assert expected <= set(found)
    assert not healthy & set(found)
    # chainable, as a queue filter needs
    assert Claim.objects.with_broken_links().filter(pk=both.pk).count() == 1


def test_the_claim_list_filters_by_broken_evidence_links(client, editor):
    broken = EvidenceFactory(source=broken_source(), claim__text="The ICC has 18 judges.").claim
    AppearanceFactory(claim__text="The ICC has 123 states parties.")
    client.force_login(editor)
    unfiltered = client.get(CHANGELIST).content.decode()
    assert "Evidence links: broken" in unfiltered
    page = client.get(CHANGELIST, {"links": "broken"}).content.decode()
    assert page.count('class="action-select"') == 1
    assert f'value="{broken.pk}"' in page
    assert "123 states parties" not in page
