"""Publishing a claim whose quotes are not verified asks the editor to confirm,
through every door: the workflow module, the admin, the API and the command."""

import io
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import ClaimState, QuoteCheck
from claims.workflow import available_transitions, claim_transition, unverified_quotes
from sources.models import LinkStatus
from tests.admin_forms import form_data
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    SourceSnapshotFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> the court has 19 judges'


def in_review(researcher, *, evidence_quote="The court has 18 judges", source=None):
    """A claim ready to publish, whose evidence quotes `source` (by default one
    whose page says the court has 18 judges)."""
    if source is None:
        source = SourceFactory(title="ICC at a glance", text="")
        SourceSnapshotFactory(source=source, text="The court has 18 judges serving nine years.")
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim, source=source, quote=evidence_quote)
    return claim_transition(claim=claim, name="submit", by=researcher)


def unverified(researcher):
    """A claim in review with one quote not found and one not checked."""
    claim = in_review(researcher, evidence_quote="The court has 19 judges")
    AppearanceFactory(
        claim=claim,
        source=SourceFactory(title="Press briefing", text="", link_status=LinkStatus.BROKEN),
        quote="We will not recognise the warrant",
    )
    return claim


# --- The rule, in claims.workflow ------------------------------------------------------


def test_publishing_with_unverified_quotes_is_refused_naming_them(researcher, editor):
    claim = unverified(researcher)
    with pytest.raises(ValidationError) as refused:
        claim_transition(claim=claim, name="publish", by=editor)
    [message] = refused.value.message_dict["confirm_unverified_quotes"]
    assert message.startswith("2 quotes are not verified against their sources:")
    assert "“ICC at a glance”: “The court has 19 judges” (quote not found in the source)" in message
    assert "“Press briefing”: “We will not recognise the warrant” (not checked" in message
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW
    assert claim.verdict.published_at is None
    assert not claim.sign_offs.exists()


def test_the_editor_may_publish_them_by_confirming_and_the_record_says_so(researcher, editor):
    claim = unverified(researcher)
    claim = claim_transition(
        claim=claim, name="publish", by=editor, comment="Read both.", confirm_unverified_quotes=True
    )
    assert claim.state == ClaimState.PUBLISHED
    assert claim.events.last().comment == (
        "Read both. (Published with 2 unverified quote(s), confirmed.)"
    )


def test_verified_and_blank_quotes_need_no_confirmation(researcher, editor):
    claim = in_review(researcher)
    AppearanceFactory(claim=claim, quote="")
    assert unverified_quotes(claim) == []
    claim = claim_transition(claim=claim, name="publish", by=editor)
    assert claim.state == ClaimState.PUBLISHED
    assert claim.events.last().comment == ""


def test_publish_is_still_offered_with_unverified_quotes(researcher, editor):
    claim = unverified(researcher)
    assert "publish" in [t.name for t in available_transitions(claim, editor)]


def test_other_refusals_come_before_the_confirmation(researcher):
    claim = unverified(researcher)
    with pytest.raises(ValidationError) as refused:
        claim_transition(claim=claim, name="publish", by=researcher, confirm_unverified_quotes=True)
    assert refused.value.messages == ["Only editors may publish."]


def test_the_check_is_the_one_the_quote_has_now(researcher, editor):
    claim = unverified(researcher)
    appearance = claim.appearances.get()
    source = appearance.source
    source.text = "Minister: “We will not recognise the warrant.”"
    source.save()
    evidence = claim.evidence.get()
    evidence.quote = "The court has 18 judges"
    evidence.save()
    assert unverified_quotes(claim) == []
    claim_transition(claim=claim, name="publish", by=editor)


# --- The admin: a confirmation step ----------------------------------------------------


def transition_url(claim, name="publish"):
    return reverse("admin:claims_claim_transition", args=[claim.pk, name])


def test_the_admin_lists_the_unverified_quotes_and_publishes_only_when_confirmed(
    client, researcher, editor
):
    claim = unverified(researcher)
    client.force_login(editor)
    page = client.get(transition_url(claim)).content.decode()
    assert "Quotes not verified against their sources" in page
    assert "Evidence from “ICC at a glance”: “The court has 19 judges”" in page
    assert "Quote not found in the source" in page
    assert "Not checked: no snapshot text yet" in page
    assert "source link: broken" in page
    assert 'name="confirm_unverified_quotes"' in page
    data = form_data(page, "transition-form")

    refused = client.post(transition_url(claim), data)
    assert refused.status_code == 200
    assert "2 quotes are not verified" in refused.content.decode()
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW

    done = client.post(transition_url(claim), data | {"confirm_unverified_quotes": "on"})
    assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.state == ClaimState.PUBLISHED


def test_the_admin_asks_nothing_more_when_the_quotes_check_out(client, researcher, editor):
    claim = in_review(researcher)
    client.force_login(editor)
    page = client.get(transition_url(claim)).content.decode()
    assert "Quotes not verified" not in page
    assert "confirm_unverified_quotes" not in page
    assert client.post(transition_url(claim), form_data(page, "transition-form")).status_code == 302
    claim.refresh_from_db()
    assert claim.state == ClaimState.PUBLISHED


def test_the_bulk_action_refuses_to_publish_unverified_quotes(client, researcher, editor):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    claim, fine = unverified(researcher), in_review(researcher)
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "apply_transition",
            ACTION_CHECKBOX_NAME: [claim.pk, fine.pk],
            "transition": "publish",
            "comment": "",
            "apply": "1",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "2 quotes are not verified" in page
    claim.refresh_from_db(), fine.refresh_from_db()
    assert (claim.state, fine.state) == (ClaimState.IN_REVIEW, ClaimState.PUBLISHED)


def test_hostile_quote_text_is_escaped_in_the_admin(client, researcher, editor):
    claim = in_review(researcher, evidence_quote=HOSTILE)
    claim.evidence.update(quote=HOSTILE)
    client.force_login(editor)
    for url in (transition_url(claim), reverse("admin:claims_claim_change", args=[claim.pk])):
        page = client.get(url).content.decode()
        assert '<script>alert("x")</script>' not in page
        assert "&lt;script&gt;" in page


# --- The admin: beside each quote, and the queue filter --------------------------------


def test_the_claim_form_shows_each_quotes_check(client, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    broken = SourceFactory(
        text="The court has 18 judges.",
        link_status=LinkStatus.UNREACHABLE,
        link_note="Timed out <b>after</b> 10 s",
    )
    AppearanceFactory(claim=claim, source=broken, quote="The court has 18 judges")
    EvidenceFactory(claim=claim, source=SourceFactory(text="Other words."), quote="18 judges")
    EvidenceFactory(claim=claim, source=SourceFactory(text=""), quote="18 judges")
    EvidenceFactory(claim=claim, quote="")
    client.force_login(researcher)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert '<span class="fc-quote fc-quote-found">Quote found</span>' in page
    assert "Source link: could not be reached" in page
    assert 'title="Timed out &lt;b&gt;after&lt;/b&gt; 10 s"' in page
    assert '<span class="fc-quote fc-quote-not_found">Quote not found in the source</span>' in page
    assert '<span class="fc-quote fc-quote-unchecked">Not checked: no snapshot text yet' in page
    assert "No quote." in page


def test_a_quote_edited_in_the_admin_is_rechecked(client, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    evidence = EvidenceFactory(
        claim=claim, source=SourceFactory(text="The court has 18 judges."), quote="18 judges"
    )
    client.force_login(researcher)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(client.get(url).content.decode())
    response = client.post(url, data | {"evidence-0-quote": "The court has 81 judges"})
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.quote_check == QuoteCheck.NOT_FOUND


def test_the_quote_checks_cost_no_query_per_row_on_the_claim_form(client, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    VerdictFactory(claim=claim)
    source = SourceFactory(text="The court has 18 judges.", link_status=LinkStatus.BROKEN)
    EvidenceFactory(claim=claim, source=source, quote="18 judges")
    AppearanceFactory(claim=claim, source=source, quote="18 judges")
    client.force_login(researcher)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    client.get(url)  # warm: content types, the rating scale
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    EvidenceFactory.create_batch(7, claim=claim, source=source, quote="18 judges")
    AppearanceFactory.create_batch(7, claim=claim, quote="x", source__text="Other words.")
    with CaptureQueriesContext(connection) as eight:
        page = client.get(url).content.decode()
    assert page.count('class="fc-quote fc-quote-found"') == 9
    assert page.count('class="fc-quote fc-quote-not_found"') == 7
    # Only Django's autocomplete widget reads a row's selected source, one query
    # per row; each row's quote check, source link and title come with the rows.
    tables = Counter(q["sql"].split(" FROM ")[1].split()[0] for q in eight.captured_queries)
    tables.subtract(q["sql"].split(" FROM ")[1].split()[0] for q in one.captured_queries)
    assert +tables == {'"sources_source"': 14}


@pytest.mark.parametrize("claims", [1, 10])
def test_the_unverified_quotes_filter_lists_the_claims_to_look_at(
    client, editor, django_assert_num_queries, claims
):
    verified = in_review(UserFactory(username="r", groups=["Researchers"]))
    for _ in range(claims):
        EvidenceFactory(source=SourceFactory(text=""), quote="Still to check")
        AppearanceFactory(source=SourceFactory(text="Something else"), quote="Not there")
    client.force_login(editor)
    # session and user; the filters' choices; the counts; the page with its
    # joins: the same 14 however many claims the filter keeps
    with django_assert_num_queries(14):
        page = client.get(reverse("admin:claims_claim_changelist"), {"quotes": "unverified"})
    html = page.content.decode()
    assert html.count('class="action-select"') == 2 * claims
    assert f'value="{verified.pk}"' not in html
    assert "Quotes: unverified" in html


# --- The API ------------------------------------------------------------------------


@pytest.fixture
def api_as():
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def make(user):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        return client

    return make


def test_the_api_needs_confirm_unverified_quotes_to_publish_them(api_as, researcher, editor):
    claim = unverified(researcher)
    api = api_as(editor)
    url = f"/api/v1/claims/{claim.pk}/publish/"

    refused = api.post(url, {}, format="json")
    assert refused.status_code == 400
    [message] = refused.json()["confirm_unverified_quotes"]
    assert "2 quotes are not verified" in message and "“Press briefing”" in message
    assert api.post(url, {"confirm_unverified_quotes": False}, format="json").status_code == 400
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW

    bad = api.post(url, {"confirm_unverified_quotes": "perhaps"}, format="json")
    assert bad.status_code == 400
    assert "confirm_unverified_quotes" in bad.json()

    done = api.post(url, {"confirm_unverified_quotes": True}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "published"


def test_the_api_schema_documents_the_confirmation(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    field = schema["components"]["schemas"]["TransitionRequest"]["properties"][
        "confirm_unverified_quotes"
    ]
    assert field["type"] == "boolean"
    assert field["default"] is False
    assert "not found in its source" in field["description"]


# --- The command --------------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("transition_claim", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_command_needs_the_flag_to_publish_unverified_quotes(researcher, editor):
    claim = unverified(researcher)
    with pytest.raises(CommandError) as refused:
        run(claim.pk, "publish", "--user", "editor")
    message = str(refused.value)
    assert "\n" not in message
    assert "2 quotes are not verified" in message
    assert message.endswith("Add --confirm-unverified-quotes to publish anyway.")
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW

    out = run(claim.pk, "publish", "--user", "editor", "--confirm-unverified-quotes")
    assert out == f"Claim {claim.pk} is now published.\n"
