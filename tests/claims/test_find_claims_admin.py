import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.extraction import matched_claims
from claims.models import Appearance, Claim, ClaimState
from sources.models import SourceSnapshot
from tests.factories import SourceFactory, SpeakerFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "The court, which has 18 judges serving nine-year terms, tries four types of crimes.\n"
    "More than 16,000 forced deportations of Ukrainian children have been recorded, "
    "Andriy Kostin said.\n"
    "It was a sunny morning in The Hague when the news broke."
)


def find_url(source):
    return reverse("admin:claims_claim_find_claims", args=[source.pk])


def create_url(source):
    return reverse("admin:claims_claim_create_from_source", args=[source.pk])


@pytest.fixture
def source(db):
    return SourceFactory(text=TEXT, language="en-GB", published_on=dt.date(2023, 3, 17))


@pytest.fixture
def kostin(db):
    return SpeakerFactory(name="Andriy Kostin")


@pytest.fixture
def desk(client, researcher):
    client.force_login(researcher)
    return client


def test_the_source_page_offers_find_claims_to_the_desk(desk, source):
    page = desk.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert page.status_code == 200
    assert f'href="{find_url(source)}"' in page.content.decode()


def test_the_source_page_does_not_offer_it_to_staff_outside_the_desk(client, source):
    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(viewer)
    page = client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert page.status_code == 200
    assert find_url(source) not in page.content.decode()


def test_it_lists_the_candidates_ranked_with_score_reasons_and_speaker(desk, source, kostin):
    page = desk.get(find_url(source))
    assert page.status_code == 200
    candidates = page.context["candidates"]
    assert len(candidates) == 3
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)
    assert candidates[-1].text == "It was a sunny morning in The Hague when the news broke."
    deportations = next(c for c in candidates if "16,000" in c.text)
    assert (deportations.speaker, deportations.speaker_id) == ("Andriy Kostin", kostin.pk)
    html = page.content.decode()
    assert "the source&#x27;s text" in html and "Why: " in html
    assert html.count("Create draft claim") == 3


def test_it_reads_the_latest_successful_snapshot_before_the_source_text(desk, source):
    SourceSnapshot.objects.create(
        source=source,
        requested_url=source.url,
        final_url=source.url,
        status_code=200,
        text="Russia is not a party to the Rome Statute of the International Criminal Court.",
    )
    SourceSnapshot.objects.create(source=source, requested_url=source.url, status_code=404)
    page = desk.get(find_url(source))
    assert [c.text for c in page.context["candidates"]] == [
        "Russia is not a party to the Rome Statute of the International Criminal Court."
    ]
    assert "the snapshot of" in page.content.decode()


def test_without_text_it_says_how_to_get_some(desk):
    source = SourceFactory(text="")
    page = desk.get(find_url(source))
    assert page.status_code == 200
    html = page.content.decode()
    assert "no text to find claims in yet" in html
    assert "check_links" in html and "Text field" in html


def test_matches_link_to_published_claims(desk, source):
    verdict = VerdictFactory(
        published=True, claim__text="The ICC has 18 judges serving nine-year terms."
    )
    page = desk.get(find_url(source))
    judges = next(c for c in page.context["candidates"] if "18 judges" in c.text)
    assert [m.id for m in judges.matches] == [verdict.claim.pk]
    change = reverse("admin:claims_claim_change", args=[verdict.claim.pk])
    assert f'href="{change}"' in page.content.decode()


def test_text_is_escaped(desk):
    source = SourceFactory(
        text="The <script>alert(1)</script> court has 18 judges serving nine-year terms, "
        '"Mr <b>Khan</b>" said.'
    )
    html = desk.get(find_url(source)).content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>Khan</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_page_reads_a_bounded_number_of_queries(desk, source, django_assert_num_queries):
    VerdictFactory(published=True, claim__text="The ICC has 18 judges serving nine-year terms.")
    desk.get(find_url(source))  # warm: the vector index, the embedding model
    candidates = desk.get(find_url(source)).context["candidates"]
    matching = 0
    for candidate in candidates:
        if candidate.score >= 0.5:
            with CaptureQueriesContext(connection) as queries:
                matched_claims(candidate.text)
            matching += len(queries)
    # The session, the user, the user's and the groups' permissions, the source
    # with its outlet, its latest snapshot, the speakers (once, for every
    # guessed name), then the matching of each check-worthy candidate: nothing
    # else per candidate.
    with django_assert_num_queries(7 + matching):
        desk.get(find_url(source))


def test_create_draft_claim_makes_a_draft_with_its_appearance(desk, source, kostin, researcher):
    sentence = (
        "More than 16,000 forced deportations of Ukrainian children have been recorded, "
        "Andriy Kostin said."
    )
    response = desk.post(create_url(source), {"sentence": sentence, "speaker": kostin.pk})
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_claim_change", args=[claim.pk])
    assert claim.state == ClaimState.DRAFT
    assert claim.text == sentence and claim.speaker == kostin
    assert claim.said_on == dt.date(2023, 3, 17) and claim.language == "en-GB"
    assert claim.created_by == researcher and 0.5 <= claim.checkworthiness <= 1
    appearance = Appearance.objects.get(claim=claim)
    assert (appearance.source, appearance.quote) == (source, sentence)
    assert appearance.appeared_on == dt.date(2023, 3, 17)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [f"Draft claim created: “{claim}”."]


def test_create_draft_claim_without_a_speaker(desk, source):
    sentence = "It was a sunny morning in The Hague when the news broke."
    desk.post(create_url(source), {"sentence": sentence, "speaker": ""})
    assert Claim.objects.get().speaker is None


def test_a_candidate_with_matches_asks_to_confirm_first(desk, source):
    verdict = VerdictFactory(
        published=True, claim__text="The ICC has 18 judges serving nine-year terms."
    )
    sentence = "The court, which has 18 judges serving nine-year terms, tries four types of crimes."
    warning = desk.post(create_url(source), {"sentence": sentence})
    assert warning.status_code == 200
    assert [m.id for m in warning.context["matches"]] == [verdict.claim.pk]
    assert "Create the draft claim anyway" in warning.content.decode()
    assert Claim.objects.count() == 1  # only the published one

    confirmed = desk.post(create_url(source), {"sentence": sentence, "confirmed": "on"})
    assert confirmed.status_code == 302
    assert Claim.objects.filter(text=sentence, state=ClaimState.DRAFT).exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"sentence": ""},
        {"sentence": "The moon is made of cheese, the court said on Friday."},  # not in the source
        {"sentence": "It was a sunny morning in The Hague when the news broke.", "speaker": 999999},
        {"sentence": "It was a sunny morning in The Hague when the news broke.", "speaker": "x"},
        {"sentence": "x" * 5001},
    ],
)
def test_a_bad_post_creates_nothing_and_says_why(desk, source, data):
    response = desk.post(create_url(source), data)
    assert response.status_code == 302 and response["Location"] == find_url(source)
    assert list(response.wsgi_request._messages)
    assert not Claim.objects.exists() and not Appearance.objects.exists()


def test_a_get_creates_nothing(desk, source):
    assert desk.get(create_url(source)).status_code == 405
    assert not Claim.objects.exists()


def test_an_unknown_source_is_404(desk):
    assert desk.get(reverse("admin:claims_claim_find_claims", args=[999999])).status_code == 404
    assert (
        desk.post(reverse("admin:claims_claim_create_from_source", args=[999999])).status_code
        == 404
    )


def test_staff_without_the_research_role_get_403(client, source):
    client.force_login(UserFactory(username="staffer"))  # staff, in no group
    sentence = "It was a sunny morning in The Hague when the news broke."
    assert client.get(find_url(source)).status_code == 403
    assert client.post(create_url(source), {"sentence": sentence}).status_code == 403
    assert not Claim.objects.exists()


def test_people_outside_the_staff_are_sent_to_log_in(client, outsider, source):
    client.force_login(outsider)
    assert client.get(find_url(source)).status_code == 302
    client.logout()
    response = client.post(create_url(source), {"sentence": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Claim.objects.exists()


def test_editors_may_find_claims_too(client, editor, source):
    client.force_login(editor)
    assert client.get(find_url(source)).status_code == 200
