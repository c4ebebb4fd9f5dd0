import base64
import hashlib
import json

import pytest

from claims.models import ClaimState
from tests.csp import policy
from tests.factories import ClaimFactory, SpeakerFactory, VerdictFactory

pytestmark = pytest.mark.django_db

SITE = "https://factcheck.example.org/"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.FACTCHECK_SITE_URL = SITE


def card_url(claim) -> str:
    return f"/embed/claims/{claim.pk}/"


# --- The card ---------------------------------------------------------------------


def test_card_shows_rating_claim_speaker_date_and_link_back(client):
    verdict = VerdictFactory(
        published=True,
        claim__text="The ICC has 18 judges.",
        claim__speaker=SpeakerFactory(name="Associated Press"),
    )
    page = client.get(card_url(verdict.claim)).content.decode()
    assert f'style="background: {verdict.rating.colour}">{verdict.rating.label}</span>' in page
    assert "The ICC has 18 judges." in page
    assert "Associated Press, 17 March 2023" in page
    assert f'href="{SITE}claims/{verdict.claim.pk}/" target="_blank" rel="noopener"' in page


def test_card_is_self_contained(client):
    page = client.get(card_url(VerdictFactory(published=True).claim)).content.decode()
    assert "<link" not in page and " src=" not in page


def test_any_site_may_frame_the_card(client):
    response = client.get(card_url(VerdictFactory(published=True).claim))
    assert policy(response)["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response


def test_the_card_runs_its_own_inline_style_and_script_and_nothing_else(client):
    response = client.get(card_url(VerdictFactory(published=True).claim))
    page = response.content.decode()
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    for directive, tag in (("script-src", "script"), ("style-src", "style")):
        [source] = directives[directive]
        inline = page.split(f"<{tag}>", 1)[1].split(f"</{tag}>", 1)[0]
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert source == f"'sha256-{digest}'"


def test_pages_other_than_the_card_may_not_be_framed(client):
    claim = VerdictFactory(published=True).claim
    for path in (claim.get_absolute_url(), "/", "/embed/claims/999999/"):
        response = client.get(path)
        assert policy(response)["frame-ancestors"] == ["'none'"], path
        assert response["X-Frame-Options"] == "DENY"


def test_card_sets_no_cookie_and_does_not_vary_on_cookies(client):
    client.cookies["sessionid"] = "not-a-session"
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(card_url(VerdictFactory(published=True).claim))
    assert response.cookies == {}
    assert "Cookie" not in response.get("Vary", "")


def test_card_is_publicly_cacheable_with_validators(client):
    claim = VerdictFactory(published=True).claim
    response = client.get(card_url(claim))
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"].startswith(f'"{claim.pk}-{claim.version}-')
    assert response["Last-Modified"].endswith(" GMT")


def test_card_answers_a_conditional_request_with_304(client):
    claim = VerdictFactory(published=True).claim
    first = client.get(card_url(claim))
    by_etag = client.get(card_url(claim), HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(card_url(claim), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    for response in (by_etag, by_date):
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == first["ETag"]
        assert response["Cache-Control"] == "public, max-age=60"


def test_card_etag_changes_when_the_rating_is_edited(client):
    verdict = VerdictFactory(published=True)
    etag = client.get(card_url(verdict.claim))["ETag"]
    verdict.rating.label = "Wrong"
    verdict.rating.save()
    response = client.get(card_url(verdict.claim), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert ">Wrong</span>" in response.content.decode()


def test_card_of_a_retracted_verdict_says_so(client):
    verdict = VerdictFactory(
        claim__state=ClaimState.RETRACTED, claim__retraction_note="Records were misread."
    )
    page = client.get(card_url(verdict.claim)).content.decode()
    assert '<span class="badge badge-retracted">Retracted</span>' in page
    assert "Records were misread." in page


@pytest.mark.parametrize("state", ["draft", "researching", "in_review", "rejected"])
def test_unpublished_claims_have_no_card(client, state):
    assert client.get(card_url(VerdictFactory(claim__state=state).claim)).status_code == 404


def test_card_escapes_the_claim(client):
    claim = VerdictFactory(
        published=True,
        claim__text="<script>alert(1)</script>",
        claim__speaker=SpeakerFactory(name="<b>x</b>"),
    ).claim
    page = client.get(card_url(claim)).content.decode()
    assert "<script>alert(1)" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_card_answers_only_get_and_head(client):
    claim = VerdictFactory(published=True).claim
    assert client.post(card_url(claim)).status_code == 405
    assert client.head(card_url(claim)).status_code == 200


# --- oEmbed ---------------------------------------------------------------------------


def oembed(client, **params):
    return client.get("/oembed/", params)


def test_oembed_returns_a_rich_iframe_for_a_claim_page(client):
    claim = VerdictFactory(published=True, claim__text='Xi "visits" <Moscow>').claim
    response = oembed(client, url=f"{SITE}claims/{claim.pk}/", format="json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["provider_name"] == "Factcheck"
    assert data["title"] == 'Fact check: Xi "visits" <Moscow>'
    assert (data["width"], data["height"]) == (500, 240)
    assert data["html"] == (
        f'<iframe class="factcheck-embed-frame" src="{SITE}embed/claims/{claim.pk}/" '
        'width="500" height="240" title="Fact check: Xi &quot;visits&quot; &lt;Moscow&gt;" '
        'style="border:0;max-width:100%"></iframe>'
        f'<script async src="{SITE}static/embed.js"></script>'
    )


def test_oembed_defaults_to_json_and_respects_maxwidth_and_maxheight(client):
    claim = VerdictFactory(published=True).claim
    data = oembed(client, url=f"{SITE}claims/{claim.pk}/", maxwidth="320", maxheight="900").json()
    assert (data["width"], data["height"]) == (320, 240)
    assert 'width="320" height="240"' in data["html"]


def test_oembed_accepts_the_page_url_on_the_host_that_was_asked(client, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    claim = VerdictFactory(published=True).claim
    url = f"http://127.0.0.1:8123/claims/{claim.pk}/"
    assert client.get("/oembed/", {"url": url}, HTTP_HOST="127.0.0.1:8123").status_code == 200
    assert client.get("/oembed/", {"url": url}, HTTP_HOST="127.0.0.1:9999").status_code == 404


def test_oembed_in_xml_is_not_implemented(client):
    claim = VerdictFactory(published=True).claim
    response = oembed(client, url=f"{SITE}claims/{claim.pk}/", format="xml")
    assert response.status_code == 501
    assert response.json() == {"error": "Format “xml” is not supported; use json."}


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example.com/claims/{pk}/",
        f"{SITE}speakers/someone/",
        f"{SITE}claims/{{pk}}/extra/",
        f"{SITE}claims/999999/",
        f"{SITE}claims/{{draft}}/",
        f"{SITE}claims/{{retracted}}/",
    ],
    ids=["other-site", "not-a-claim-page", "no-such-path", "no-such-claim", "draft", "retracted"],
)
def test_oembed_is_404_for_urls_that_are_not_our_published_claims(client, url):
    claim = VerdictFactory(published=True).claim
    draft = VerdictFactory(claim__state=ClaimState.IN_REVIEW).claim
    retracted = VerdictFactory(claim__state=ClaimState.RETRACTED).claim
    response = oembed(client, url=url.format(pk=claim.pk, draft=draft.pk, retracted=retracted.pk))
    assert response.status_code == 404
    assert response.json() == {"error": "That URL is not a published fact check on this site."}


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({}, "url", "This field is required."),
        ({"url": "not a url at all"}, "url", "Enter a valid URL."),
        ({"url": f"{SITE}claims/1/", "maxwidth": "wide"}, "maxwidth", "Enter a whole number."),
        ({"url": f"{SITE}claims/1/", "maxheight": "0"}, "maxheight", "greater than or equal"),
    ],
)
def test_oembed_answers_bad_parameters_with_400(client, params, field, message):
    response = client.get("/oembed/", params)
    assert response.status_code == 400
    errors = json.loads(response.content)["errors"]
    assert message in errors[field][0]["message"]


def test_claim_page_discovery_link_leads_to_its_oembed(client):
    claim = VerdictFactory(published=True).claim
    page = client.get(claim.get_absolute_url()).content.decode()
    href = page.split('type="application/json+oembed" href="')[1].split('"')[0]
    response = client.get(href.replace(SITE, "/").replace("&amp;", "&"))
    assert response.status_code == 200
    assert f"embed/claims/{claim.pk}/" in response.json()["html"]


def test_an_unpublished_claim_is_never_embedded(client):
    claim = ClaimFactory(state=ClaimState.DRAFT)
    assert client.get(card_url(claim)).status_code == 404
    assert oembed(client, url=f"{SITE}claims/{claim.pk}/").status_code == 404
