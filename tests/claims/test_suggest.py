import pytest
from django.core.cache import cache
from django.test import Client

from claims import indexing
from claims.models import Claim, ClaimState
from tests.factories import VerdictFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "text": "The ICC has indicted 40 people, all from African countries.",
    "source_url": "https://news.example.org/icc",
    "contact": "reader@example.org",
    "website": "",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def send(client, **changes):
    return client.post("/suggest/", {**GOOD, "action": "send", **changes})


def test_the_form_is_offered_with_a_csrf_token(client):
    response = client.get("/suggest/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'value="check"' in page and 'value="send"' not in page


def test_checking_shows_matching_published_verdicts_first(client):
    VerdictFactory(
        published=True, claim__text="The ICC has indicted 40 individuals from African countries."
    )
    VerdictFactory(
        claim__state=ClaimState.IN_REVIEW,
        claim__text="The ICC has indicted 40 people from African countries, in review.",
    )
    response = client.post("/suggest/", {**GOOD, "action": "check"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "We may have checked this already" in page
    assert "The ICC has indicted 40 individuals from African countries." in page
    assert "in review" not in page
    assert 'value="send"' in page
    assert not Claim.objects.filter(text=GOOD["text"]).exists()


def test_checking_says_so_when_nothing_matches(client):
    page = client.post("/suggest/", {**GOOD, "action": "check"}).content.decode()
    assert "No matching fact checks" in page


def test_a_suggestion_lands_as_a_draft_with_the_readers_contact(client):
    response = send(client)
    assert response.status_code == 302
    assert response["Location"] == "/suggest/thanks/"
    claim = Claim.objects.get(text=GOOD["text"])
    assert claim.state == ClaimState.DRAFT
    assert claim.suggested_by_contact == "reader@example.org"
    assert claim.suggested_from_url == "https://news.example.org/icc"
    assert claim.created_by is None
    assert client.get(claim.get_absolute_url()).status_code == 404
    assert client.get("/suggest/thanks/").status_code == 200


def test_contact_and_link_are_optional(client):
    assert send(client, contact="", source_url="").status_code == 302
    claim = Claim.objects.get(text=GOOD["text"])
    assert (claim.suggested_by_contact, claim.suggested_from_url) == ("", "")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"text": ""}, "text", "This field is required."),
        ({"text": "Too short"}, "text", "at least 15 characters"),
        ({"text": "x" * 1001}, "text", "at most 1000 characters"),
        ({"contact": "not-an-email"}, "contact", "Enter a valid email address."),
        ({"source_url": "javascript:alert(1)"}, "source_url", "Enter a valid URL."),
        ({"website": "https://spam.example"}, "website", "This field must stay empty"),
    ],
    ids=["empty", "short", "long", "email", "url", "honeypot"],
)
def test_bad_input_gets_a_form_error_and_stores_nothing(client, changes, field, message):
    response = send(client, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors[field]
    assert Claim.objects.count() == 0


def test_a_client_may_send_five_suggestions_an_hour(client):
    for n in range(5):
        assert send(client, text=f"{GOOD['text']} Number {n}.").status_code == 302
    response = send(client, text=f"{GOOD['text']} One too many.")
    assert response.status_code == 429
    assert "You have sent 5 suggestions in the last hour" in response.content.decode()
    assert Claim.objects.count() == 5
    other_client = Client(REMOTE_ADDR="203.0.113.9")
    assert send(other_client).status_code == 302


def test_rejected_attempts_do_not_use_up_the_limit(client):
    for _ in range(6):
        assert send(client, contact="broken").status_code == 400
    assert send(client).status_code == 302


def test_posting_without_the_csrf_token_is_refused():
    response = send(Client(enforce_csrf_checks=True))
    assert response.status_code == 403
    assert Claim.objects.count() == 0


def test_checking_finds_a_verdict_on_the_same_claim_in_another_language(client):
    VerdictFactory(
        published=True,
        claim__language="pt",
        claim__text="O TPI indiciou 40 pessoas, todas de países africanos.",
    )
    indexing.index(Claim.objects.all())
    page = client.post("/suggest/", {**GOOD, "action": "check"}).content.decode()
    assert "O TPI indiciou 40 pessoas, todas de países africanos." in page
