import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims import indexing
from claims.models import Claim, ClaimState, Verdict
from claims.workflow import claim_transition
from tests.admin_forms import form_data
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    OutletFactory,
    RatingFactory,
    RatingScaleFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def transition_url(claim, name):
    return reverse("admin:claims_claim_transition", args=[claim.pk, name])


def ready(state=ClaimState.RESEARCHING, **kwargs):
    claim = ClaimFactory(state=state, **kwargs)
    VerdictFactory(claim=claim)
    EvidenceFactory(claim=claim)
    return claim


def test_a_researcher_captures_a_claim_as_a_draft(as_user, researcher):
    client = as_user(researcher)
    page = client.get(reverse("admin:claims_claim_add"))
    data = form_data(page.content.decode())
    data |= {"text": "The ICC has 124 member states.", "language": "en"}
    response = client.post(reverse("admin:claims_claim_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    claim = Claim.objects.get(text="The ICC has 124 member states.")
    assert claim.state == ClaimState.DRAFT
    assert claim.created_by == claim.updated_by == researcher


def test_a_save_over_a_newer_version_is_refused_and_overwrites_nothing(as_user, researcher, editor):
    claim = ready(text="Original text")
    first, second = as_user(researcher), None
    form_one = form_data(first.get(change_url(claim)).content.decode())
    from django.test import Client

    second = Client()
    second.force_login(editor)
    form_two = form_data(second.get(change_url(claim)).content.decode())

    assert (
        first.post(change_url(claim), form_one | {"text": "Researcher's text"}).status_code == 302
    )
    response = second.post(
        change_url(claim), form_two | {"text": "Editor's text", "verdict-0-summary": "Lost?"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This claim was changed by researcher on" in page
    assert "Nothing was saved" in page
    claim.refresh_from_db()
    assert claim.text == "Researcher's text"
    assert Verdict.objects.get(claim=claim).summary != "Lost?"


def test_an_inline_verdict_edit_over_a_newer_version_is_refused(as_user, researcher, editor):
    claim = ready()
    stale = form_data(as_user(editor).get(change_url(claim)).content.decode())
    claim_transition(claim=claim, name="submit", by=researcher)  # bumps the version
    response = as_user(editor).post(change_url(claim), stale | {"verdict-0-summary": "Stale"})
    assert "This claim was changed by researcher" in response.content.decode()
    assert Verdict.objects.get(claim=claim).summary != "Stale"


def test_each_save_bumps_the_version_and_is_kept_in_history(as_user, researcher):
    claim = ready()
    client = as_user(researcher)
    data = form_data(client.get(change_url(claim)).content.decode())
    client.post(change_url(claim), data | {"text": "Edited once"})
    claim.refresh_from_db()
    assert claim.version == 2
    assert claim.history.first().history_user == researcher
    assert claim.history.first().text == "Edited once"
    page = client.get(change_url(claim)).content.decode()
    assert "researcher" in page and "Claim changed" in page


def test_the_change_form_offers_only_the_steps_this_user_may_take(as_user, researcher, editor):
    claim = ready()
    researcher_page = as_user(researcher).get(change_url(claim)).content.decode()
    assert 'data-transition="submit"' in researcher_page
    assert 'data-transition="publish"' not in researcher_page
    claim_transition(claim=claim, name="submit", by=researcher)
    editor_page = as_user(editor).get(change_url(claim)).content.decode()
    assert 'data-transition="publish"' in editor_page
    assert 'data-transition="send_back"' in editor_page
    assert 'data-transition="submit"' not in editor_page


def test_sending_back_from_the_admin_needs_a_comment(as_user, researcher, editor):
    claim = ready()
    claim_transition(claim=claim, name="submit", by=researcher)
    client = as_user(editor)
    page = client.get(transition_url(claim, "send_back")).content.decode()
    data = form_data(page, "transition-form")
    response = client.post(transition_url(claim, "send_back"), data | {"comment": ""})
    assert "This field is required" in response.content.decode()
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW
    response = client.post(transition_url(claim, "send_back"), data | {"comment": "Cite it"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.state == ClaimState.RESEARCHING
    assert claim.events.last().comment == "Cite it"


def test_a_researcher_who_opens_the_publish_page_sees_why_not(as_user, researcher):
    claim = ready()
    claim_transition(claim=claim, name="submit", by=researcher)
    client = as_user(researcher)
    page = client.get(transition_url(claim, "publish")).content.decode()
    assert "Only editors may publish" in page
    response = client.post(
        transition_url(claim, "publish"), {"expected_version": claim.version + 1}
    )
    assert "Only editors may publish" in response.content.decode()
    claim.refresh_from_db()
    assert claim.state == ClaimState.IN_REVIEW


def test_a_transition_form_opened_before_an_edit_is_refused(as_user, researcher, editor):
    claim = ready()
    claim_transition(claim=claim, name="submit", by=researcher)
    client = as_user(editor)
    data = form_data(
        client.get(transition_url(claim, "publish")).content.decode(), "transition-form"
    )
    claim_transition(claim=claim, name="send_back", by=UserFactory(groups=["Editors"]), comment="x")
    response = client.post(transition_url(claim, "publish"), data)
    assert "after you opened it" in response.content.decode()


def test_correcting_from_the_admin_records_kind_note_and_ratings(as_user, researcher, editor):
    claim = ready()
    claim_transition(claim=claim, name="submit", by=researcher)
    claim_transition(claim=claim, name="publish", by=editor)
    new = RatingFactory(slug="true", value=5, label="True")
    client = as_user(editor)
    data = form_data(
        client.get(transition_url(claim, "correct")).content.decode(), "transition-form"
    )
    response = client.post(
        transition_url(claim, "correct"),
        data | {"kind": "update", "comment": "New figures.", "rating": new.pk},
    )
    assert response.status_code == 302
    correction = claim.corrections.get()
    assert (correction.kind, correction.note, correction.rating_after) == (
        "update",
        "New figures.",
        new,
    )
    claim.refresh_from_db()
    assert claim.state == ClaimState.PUBLISHED


def test_a_published_rating_cannot_be_edited_directly(as_user, researcher, editor):
    claim = ready()
    claim_transition(claim=claim, name="submit", by=researcher)
    claim_transition(claim=claim, name="publish", by=editor)
    page = as_user(editor).get(change_url(claim)).content.decode()
    assert 'name="verdict-0-rating"' not in page


def test_a_rating_from_another_scale_is_a_form_error_and_saves_nothing(as_user, researcher):
    claim = ready()
    before = Verdict.objects.get(claim=claim).rating
    other = RatingFactory(scale=RatingScaleFactory(name="Pinocchios"), slug="one-pinocchio")
    client = as_user(researcher)
    data = form_data(client.get(change_url(claim)).content.decode())
    response = client.post(
        change_url(claim), data | {"verdict-0-rating": other.pk, "text": "Edited meanwhile"}
    )
    assert response.status_code == 200
    assert "The rating must come from the verdict&#x27;s scale" in response.content.decode()
    claim.refresh_from_db()
    assert claim.text != "Edited meanwhile"
    assert Verdict.objects.get(claim=claim).rating == before


def test_a_new_verdict_takes_only_our_own_scales(as_user, researcher):
    claim = ClaimFactory(state=ClaimState.RESEARCHING)
    theirs = RatingFactory(
        scale=RatingScaleFactory(publisher=OutletFactory(name="Other Desk")), slug="pants"
    )
    client = as_user(researcher)
    data = form_data(client.get(change_url(claim)).content.decode())
    verdict = {"verdict-0-headline": "No", "verdict-0-summary": "It is not."}
    response = client.post(change_url(claim), data | verdict | {"verdict-0-rating": theirs.pk})
    assert "The rating must come from one of our own scales" in response.content.decode()
    assert not Verdict.objects.filter(claim=claim).exists()

    ours = RatingFactory(slug="true")
    response = client.post(change_url(claim), data | verdict | {"verdict-0-rating": ours.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Verdict.objects.get(claim=claim).rating == ours


def test_researchers_see_claims_in_review_read_only(as_user, researcher):
    claim = ready()
    claim_transition(claim=claim, name="submit", by=researcher)
    client = as_user(researcher)
    page = client.get(change_url(claim)).content.decode()
    assert 'name="text"' not in page
    response = client.post(change_url(claim), {"text": "Sneaky"})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.text != "Sneaky"


def test_bulk_transition_checks_each_claim_and_reports_each(as_user, researcher, editor):
    good = ready()
    bare = ClaimFactory(state=ClaimState.RESEARCHING)  # no verdict, no evidence
    claim_transition(claim=good, name="submit", by=researcher)
    claim_transition(claim=bare, name="submit", by=researcher)
    client = as_user(editor)
    response = client.post(
        CHANGELIST,
        {
            "action": "apply_transition",
            ACTION_CHECKBOX_NAME: [good.pk, bare.pk],
            "apply": "1",
            "transition": "publish",
            "comment": "",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Publish: done for 1 of 2." in page
    assert "Publish refused for" in page and "The verdict needs a rating." in page
    good.refresh_from_db(), bare.refresh_from_db()
    assert (good.state, bare.state) == (ClaimState.PUBLISHED, ClaimState.IN_REVIEW)


def test_bulk_transition_first_asks_what_to_do(as_user, editor):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    response = as_user(editor).post(
        CHANGELIST, {"action": "apply_transition", ACTION_CHECKBOX_NAME: [claim.pk]}
    )
    assert response.status_code == 200
    assert "Move claims through the workflow" in response.content.decode()
    claim.refresh_from_db()
    assert claim.state == ClaimState.DRAFT


def test_bulk_assignment(as_user, researcher, editor):
    draft = ClaimFactory(state=ClaimState.DRAFT)
    published = ClaimFactory(state=ClaimState.PUBLISHED)
    client = as_user(researcher)
    response = client.post(
        CHANGELIST,
        {
            "action": "assign_to",
            ACTION_CHECKBOX_NAME: [draft.pk, published.pk],
            "apply": "1",
            "assignee": editor.pk,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Assigned 1 to editor." in page
    assert "Not assigned, you may not edit it now" in page
    draft.refresh_from_db(), published.refresh_from_db()
    assert draft.assignee == editor and published.assignee is None


def test_assigned_to_me_and_waiting_for_my_review_queues(as_user, researcher, editor):
    mine = ClaimFactory(assignee=editor, text="Mine to research")
    ClaimFactory(assignee=researcher, text="Someone else's")
    to_review = ready(text="Needs my review")
    claim_transition(claim=to_review, name="submit", by=researcher)
    own = ready(text="I submitted this one")
    claim_transition(claim=own, name="submit", by=editor)
    client = as_user(editor)
    assigned = client.get(CHANGELIST, {"assigned": "me"}).content.decode()
    assert mine.text in assigned and "Someone else" not in assigned
    queue = client.get(CHANGELIST, {"review": "mine"}).content.decode()
    assert "Needs my review" in queue and "I submitted this one" not in queue


def test_a_signed_off_claim_whose_rating_changed_is_back_in_my_review_queue(
    as_user, researcher, editor
):
    claim = ready(text="Signed off, then re-rated")
    claim_transition(claim=claim, name="submit", by=researcher)
    claim_transition(claim=claim, name="sign_off", by=editor)
    client = as_user(editor)
    assert (
        "Signed off, then re-rated"
        not in client.get(CHANGELIST, {"review": "mine"}).content.decode()
    )
    verdict = Verdict.objects.get(claim=claim)
    verdict.rating = RatingFactory(slug="true", value=5)
    verdict.save()
    assert (
        "Signed off, then re-rated" in client.get(CHANGELIST, {"review": "mine"}).content.decode()
    )


@pytest.mark.parametrize(
    "params",
    [{"state__exact": "draft"}, {"q": "Kostin"}, {"topics__id__exact": "1"}],
)
def test_changelist_filters_and_search_answer(as_user, editor, params):
    assert as_user(editor).get(CHANGELIST, params).status_code == 200


def test_possible_duplicates_are_listed_while_capturing(as_user, researcher):
    ClaimFactory(text="The ICC has 18 judges serving nine-year terms.")
    client = as_user(researcher)
    found = client.get(
        reverse("admin:claims_claim_similar"), {"text": "ICC has 18 judges with nine year terms"}
    ).json()["results"]
    assert found[0]["text"] == "The ICC has 18 judges serving nine-year terms."
    assert 0 < found[0]["score"] <= 1 and found[0]["evidence"] == ["lexical"]
    assert client.get(reverse("admin:claims_claim_similar"), {"text": "short"}).json() == {
        "results": []
    }


def test_a_duplicate_in_another_language_is_listed_with_what_found_it(as_user, researcher):
    spanish = ClaimFactory(text="La CPI tiene 18 jueces con mandatos de nueve años.", language="es")
    ClaimFactory(text="Xi Jinping will visit Moscow next week.")
    indexing.index(Claim.objects.all())
    client = as_user(researcher)
    found = client.get(
        reverse("admin:claims_claim_similar"),
        {"text": "The ICC has 18 judges serving nine-year terms"},
    ).json()["results"]
    assert found[0]["text"] == spanish.text and "semantic" in found[0]["evidence"]
    english = ClaimFactory(text="The ICC has 18 judges serving nine-year terms.")
    indexing.index(Claim.objects.all())
    page = client.get(change_url(english)).content.decode()
    assert spanish.text in page and "semantic" in page


def test_nobody_without_a_staff_account_sees_the_desk(client, outsider):
    claim = ClaimFactory()
    client.force_login(outsider)
    for url in [
        CHANGELIST,
        change_url(claim),
        transition_url(claim, "publish"),
        reverse("admin:claims_claim_similar"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_staff_without_a_group_see_no_claims(client):
    client.force_login(UserFactory(username="bare"))
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(reverse("admin:claims_claim_similar")).status_code == 403
