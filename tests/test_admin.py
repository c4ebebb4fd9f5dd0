import io

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.factories import AppearanceFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(UserFactory(username="root", is_superuser=True))
    return client


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label_lower)
def test_every_admin_page_renders_with_the_demo_data(superuser_client, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert superuser_client.get(changelist).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert superuser_client.get(change).status_code == 200


def test_admin_search_and_autocomplete_find_speakers_and_sources(superuser_client):
    page = superuser_client.get(reverse("admin:claims_claim_changelist"), {"q": "Zelensky"})
    assert "16,000 forced deportations" in page.content.decode()
    found = superuser_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Politico",
            "app_label": "claims",
            "model_name": "evidence",
            "field_name": "source",
        },
    )
    assert found.status_code == 200
    assert "rifles" in found.content.decode()


def test_the_admin_is_closed_to_users_without_staff_access(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("rows", [10, 100])
def test_the_claim_list_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, rows
):
    for verdict in VerdictFactory.create_batch(rows, published=True):
        AppearanceFactory(claim=verdict.claim)
    client.force_login(UserFactory(username="root", is_superuser=True))
    # session and user; the filters' choices; counts; the page with speaker,
    # assignee, last editor and rating joined, however many rows it shows
    with django_assert_max_num_queries(14):
        page = client.get(reverse("admin:claims_claim_changelist"), {"all": ""})
    assert page.status_code == 200
    assert page.content.decode().count('class="action-select"') == rows


def test_the_desk_opens_the_admin_with_the_demo_data(superuser_client):
    page = superuser_client.get(reverse("admin:index"))
    assert page.status_code == 200
    html = page.content.decode()
    for queue in ["Assigned to me", "Waiting for my review", "Quotes: unverified"]:
        assert f'<span class="fc-queue-label">{queue}</span>' in html
    events = html[html.index('<ol class="fc-events">') : html.index("</ol>")]
    assert events.count("<li>") == 10
    # the list of models is still there, under the desk
    assert 'class="app-claims module' in html
