from claims.extraction import article_sentences
from claims.sentences import fold_key, paragraphs


def texts(text: str) -> list[str]:
    return [sentence for sentence, _ in article_sentences(text)]


def test_it_splits_a_paragraph_into_sentences():
    text = (
        "The court has 18 judges serving nine-year terms. Mr Putin could be detained if he "
        "leaves the country. The U.S. has had a complicated relationship with the court."
    )
    assert texts(text) == [
        "The court has 18 judges serving nine-year terms.",
        "Mr Putin could be detained if he leaves the country.",
        "The U.S. has had a complicated relationship with the court.",
    ]


def test_it_splits_inside_a_quotation_that_spans_sentences():
    text = (
        "“This makes Putin a pariah. Ukraine has accepted the ICC twice, in 2014 and 2015.” "
        "Nevertheless, the spokesperson emphasised that the decision was independent."
    )
    assert texts(text) == [
        "“This makes Putin a pariah.",
        "Ukraine has accepted the ICC twice, in 2014 and 2015.”",
        "Nevertheless, the spokesperson emphasised that the decision was independent.",
    ]


def test_a_stray_quotation_mark_does_not_glue_the_rest_of_the_paragraph():
    # A snippet that starts mid-quote: pysbd alone would keep all of it as one sentence.
    text = (
        "We cannot allow children to be treated as spoils of war.” The ICC relies on the "
        "cooperation of governments to arrest people. Russia is not a party to the court."
    )
    assert len(texts(text)) == 3
    assert texts(text)[0].endswith("war.”")


def test_it_keeps_the_words_of_markdown_links():
    text = "[In a statement](https://www.icc-cpi.int/news/x), the ICC said it had grounds to act."
    assert texts(text) == ["In a statement, the ICC said it had grounds to act."]


def test_it_drops_headlines_in_capitals_bylines_and_short_lines():
    text = "\n".join(
        [
            "PUTIN WANTED FOR WAR CRIMES",
            "By Jane Smith and John Doe",
            "Share",
            "Advertisement",
            "Published 17 March 2023",
            "Image caption, The court sits in The Hague",
            "Too short.",
            "The court has 18 judges serving nine-year terms.",
        ]
    )
    assert texts(text) == ["The court has 18 judges serving nine-year terms."]


def test_sentences_that_start_like_page_furniture_are_kept():
    text = "\n".join(
        [
            "From Moscow, Xi Jinping will travel on to other capitals next month.",
            "By 2030 the court expects to have heard forty more cases.",
            "Published figures show 16,000 children were deported.",
            "Share prices in Moscow fell by 20% on Friday.",
        ]
    )
    assert len(texts(text)) == 4


def test_it_strips_a_dateline():
    text = "THE HAGUE, Netherlands (AP) — The International Criminal Court issued a warrant."
    assert texts(text) == ["The International Criminal Court issued a warrant."]


def test_it_joins_hard_wrapped_lines_and_keeps_paragraphs_apart():
    text = "The court has 18 judges\nserving nine-year terms.\nRussia is not a party to it at all."
    assert paragraphs(text) == [
        "The court has 18 judges serving nine-year terms.",
        "Russia is not a party to it at all.",
    ]


def test_copies_of_a_sentence_fold_into_the_first():
    text = (
        "The ICC has 123 member states, the court said.\n"
        "Something else entirely happened in Moscow on Friday.\n"
        "“The ICC has 123 member states,” the court said."
    )
    assert [sentence for sentence, _ in article_sentences(text)] == [
        "The ICC has 123 member states, the court said.",
        "Something else entirely happened in Moscow on Friday.",
    ]


def test_a_snippet_cut_short_folds_into_the_whole_sentence():
    text = (
        "Putin is accused of being responsible for the deportation ...\n"
        "Putin is accused of being responsible for the deportation of children from Ukraine."
    )
    assert [sentence for sentence, _ in article_sentences(text)] == [
        "Putin is accused of being responsible for the deportation of children from Ukraine."
    ]


def test_the_fold_key_ignores_quotation_marks_case_accents_and_spacing():
    assert fold_key("“Hofmański  said”") == fold_key('"hofmanski said"')


def test_empty_and_blank_text_has_no_sentences():
    assert texts("") == []
    assert texts(" \n\n \t ") == []
