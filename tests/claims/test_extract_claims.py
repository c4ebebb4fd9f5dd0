import io
import json

import pytest
from django.core.management import CommandError, call_command

from claims.article_reading import MAX_BYTES
from claims.extraction import matched_claims
from claims.models import Claim, ClaimState
from tests.factories import SpeakerFactory, VerdictFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "PUTIN WANTED BY THE ICC\n"
    "By Jane Smith\n"
    "The court, which has 18 judges serving nine-year terms, tries four types of crimes. "
    "“This is a historic decision,” Kostin said. "
    "More than 16,000 forced deportations of Ukrainian children have been recorded, "
    "Andriy Kostin said.\n"
    "It was a sunny morning in The Hague when the news broke.\n"
)
HTML_ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ICC and Putin</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>ICC issues arrest warrant for Vladimir Putin</h1>
<p>The International Criminal Court has issued an arrest warrant for Russian President
Vladimir Putin over the alleged unlawful deportation of children from Ukraine.</p>
<p>The court said more than 16,000 forced deportations of Ukrainian children have been
recorded. The ICC’s 123 member states would be obliged to arrest him.</p>
<p>It was a quiet afternoon in the city as people walked their dogs by the canal.</p>
</article><footer>© 2023 Example News · Cookies · Privacy</footer></body></html>
"""


def extract(*args, stdin=None) -> str:
    out = io.StringIO()
    call_command("extract_claims", *args, stdout=out, stdin=stdin)
    return out.getvalue()


def extract_json(*args, stdin=None) -> list[dict]:
    return json.loads(extract(*args, "--json", stdin=stdin))


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_it_lists_the_sentences_of_a_text_file_best_first(article_file):
    results = extract_json(str(article_file))
    texts = [r["text"] for r in results]
    # Headline in capitals and byline dropped; every sentence once.
    assert len(texts) == 4 and len(set(texts)) == 4
    # The two with numbers first; the quoted opinion and the scene last.
    assert {texts[0][:8], texts[1][:8]} == {"The cour", "More tha"}
    assert set(texts[2:]) == {
        "“This is a historic decision,” Kostin said.",
        "It was a sunny morning in The Hague when the news broke.",
    }
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


def test_each_result_has_exactly_the_documented_fields(article_file):
    for result in extract_json(str(article_file)):
        assert set(result) == {"text", "score", "speaker", "reasons", "matches"}
        assert isinstance(result["reasons"], list)
        assert all(isinstance(reason, str) for reason in result["reasons"])


def test_numbers_are_given_as_a_reason(article_file):
    by_text = {r["text"]: r for r in extract_json(str(article_file))}
    deportations = next(r for t, r in by_text.items() if "16,000" in t)
    assert any("16,000" in reason for reason in deportations["reasons"])


def test_speakers_are_guessed_and_matched_to_known_speakers(article_file):
    SpeakerFactory(name="Andriy Kostin")
    by_text = {r["text"]: r for r in extract_json(str(article_file))}
    assert by_text["“This is a historic decision,” Kostin said."]["speaker"] == "Andriy Kostin"
    deportations = next(r for t, r in by_text.items() if "16,000" in t)
    assert deportations["speaker"] == "Andriy Kostin"
    assert by_text["It was a sunny morning in The Hague when the news broke."]["speaker"] is None


def test_an_unknown_speaker_is_given_as_the_text_names_them(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The ICC has 123 member states, Jonathan Brody told the BBC on Friday.")
    assert extract_json(str(path))[0]["speaker"] == "Jonathan Brody"


def test_top_limits_the_list(article_file):
    assert len(extract_json(str(article_file), "--top", "2")) == 2
    assert len(extract_json(str(article_file), "--top", "1")) == 1


@pytest.mark.parametrize("top", ["0", "-3", "many", "1.5", "501"])
def test_a_bad_top_is_refused(article_file, top):
    with pytest.raises(CommandError, match="top"):
        extract(str(article_file), "--top", top)


def test_the_readable_list_shows_rank_score_speaker_reasons(article_file):
    SpeakerFactory(name="Andriy Kostin")
    out = extract(str(article_file), "--top", "4")
    assert "  1. " in out and "why: " in out and "Andriy Kostin" in out
    assert "It was a sunny morning in The Hague when the news broke." in out


def test_it_reads_standard_input():
    results = extract_json("-", stdin=io.BytesIO(ARTICLE.encode()))
    assert any("16,000" in r["text"] for r in results)


def test_it_reads_the_article_out_of_an_html_file_told_by_its_content(tmp_path):
    path = tmp_path / "page.txt"  # the name says text; the content says HTML
    path.write_text(HTML_ARTICLE, encoding="utf-8")
    texts = [r["text"] for r in extract_json(str(path))]
    assert any("16,000 forced deportations" in t for t in texts)
    assert not any("Cookies" in t or "Home" in t for t in texts)


def test_an_html_file_in_its_declared_charset_is_read(tmp_path):
    page = HTML_ARTICLE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("’", "'")
    page = page.replace("The court said", "La Cour pénale said")
    path = tmp_path / "latin1.html"
    path.write_bytes(page.encode("latin-1"))
    assert any("La Cour pénale said" in r["text"] for r in extract_json(str(path)))


def test_an_html_page_without_an_article_is_refused(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"
    )
    with pytest.raises(CommandError, match="no article text"):
        extract(str(path))


@pytest.mark.parametrize(
    "body, message",
    [
        (b"", "is empty"),
        (b"  \n\n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "neither text nor HTML"),
        ("Le procureur a déclaré que la Cour était prête.".encode("latin-1"), "not UTF-8"),
        (b"Hi there.", "no sentences to score"),
    ],
)
def test_a_bad_file_is_refused_with_one_line(tmp_path, body, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(body)
    with pytest.raises(CommandError, match=message) as error:
        extract(str(path))
    assert "\n" not in str(error.value)


def test_a_file_larger_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The court has 18 judges. " * (MAX_BYTES // 25 + 1))
    with pytest.raises(CommandError, match="larger than 5 MB"):
        extract(str(path))


def test_too_much_text_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The court has 18 judges serving nine-year terms. " * 7000)
    with pytest.raises(CommandError, match="at most 300,000 are read"):
        extract(str(path))


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        extract(str(tmp_path / "nothing-here.txt"))


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        extract(str(tmp_path))


def test_it_fetches_an_article_from_a_url(web):
    web.pages["/icc"] = (200, "text/html; charset=utf-8", HTML_ARTICLE.encode())
    texts = [r["text"] for r in extract_json(web.url("/icc"))]
    assert any("16,000 forced deportations" in t for t in texts)
    assert not any("Cookies" in t for t in texts)


def test_it_follows_redirects_to_the_article(web):
    assert extract_json(web.url("/redirect/2"))


def test_a_plain_text_url_in_its_declared_charset_is_read(web):
    body = "Le procureur a déclaré que la Cour pénale internationale compte 123 États."
    web.pages["/fr"] = (200, "text/plain; charset=iso-8859-1", body.encode("latin-1"))
    assert extract_json(web.url("/fr"))[0]["text"] == body


@pytest.mark.parametrize(
    "path, message",
    [
        ("/404", "answered HTTP 404"),
        ("/500", "answered HTTP 500"),
        ("/loop", "Too many redirects"),
        ("/menus-only", "no article text"),
        ("/pdf", r"neither text nor HTML \(application/pdf\)"),
    ],
)
def test_a_url_that_gives_no_article_is_refused(web, path, message):
    with pytest.raises(CommandError, match=message):
        extract(web.url(path))


def test_a_url_that_times_out_is_refused(web, settings):
    settings.FACTCHECK_FETCH_TIMEOUT = 0.3
    web.slow_seconds = 1.5
    with pytest.raises(CommandError, match="Timed out"):
        extract(web.url("/slow"))


def test_a_private_address_is_refused_unless_allowed(settings):
    with pytest.raises(CommandError, match="private or reserved address"):
        extract("http://127.0.0.1:9/article")


def test_nothing_is_stored(article_file):
    SpeakerFactory(name="Andriy Kostin")
    before = Claim.objects.count()
    extract(str(article_file))
    assert Claim.objects.count() == before


@pytest.fixture
def published_claim(db):
    verdict = VerdictFactory(
        published=True, claim__text="The ICC has 18 judges serving nine-year terms."
    )
    return verdict.claim


def test_a_sentence_close_to_a_published_claim_lists_it(tmp_path, published_claim):
    path = tmp_path / "a.txt"
    path.write_text("The ICC has 18 judges who serve nine-year terms, the court said.")
    (result,) = extract_json(str(path))
    (match,) = result["matches"]
    assert set(match) == {"id", "text", "rating", "score", "url"}
    assert match["id"] == published_claim.pk
    assert match["text"] == published_claim.text
    assert match["rating"] == published_claim.verdict.rating.label
    assert 0.5 <= match["score"] <= 1
    assert match["url"].endswith(f"/claims/{published_claim.pk}/")


@pytest.mark.parametrize(
    "state", [ClaimState.DRAFT, ClaimState.RESEARCHING, ClaimState.IN_REVIEW, ClaimState.REJECTED]
)
def test_matches_never_include_claims_that_are_not_published(tmp_path, state):
    VerdictFactory(claim__text="The ICC has 18 judges serving nine-year terms.", claim__state=state)
    path = tmp_path / "a.txt"
    path.write_text("The ICC has 18 judges serving nine-year terms.")
    assert extract_json(str(path))[0]["matches"] == []


@pytest.mark.parametrize(
    "body, message",
    [(b"", "standard input is empty"), (b"x" * (MAX_BYTES + 1), "larger than 5 MB")],
)
def test_bad_standard_input_is_refused(body, message):
    with pytest.raises(CommandError, match=message):
        extract("-", stdin=io.BytesIO(body))


def test_twenty_sentences_are_listed_unless_told_otherwise(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(
        " ".join(f"The court has {n} judges serving terms of {n} years." for n in range(30))
    )
    assert len(extract_json(str(path))) == 20


def test_sentences_not_worth_checking_are_not_matched(tmp_path):
    # Matching costs a tenth of a second a sentence: only check-worthy ones are matched.
    sentence = "So I think it is good to see the prosecutor focusing on children."
    VerdictFactory(published=True, claim__text=sentence)
    path = tmp_path / "a.txt"
    path.write_text(sentence)
    (result,) = extract_json(str(path))
    assert result["score"] < 0.5 and result["matches"] == []
    assert matched_claims(sentence)  # it would have matched
