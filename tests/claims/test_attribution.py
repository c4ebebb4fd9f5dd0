import pytest

from claims.attribution import SpeakerDirectory, speakers
from claims.sentences import split


def guesses(paragraph: str) -> list[str | None]:
    return speakers(paragraph, split(paragraph))


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("The ICC has 123 member states, Khan said.", "Khan"),
        ("“The ICC has 123 member states,” Karim Khan said on Friday.", "Karim Khan"),
        ("Khan said that the ICC has 123 member states.", "Khan"),
        ("Khan has also said that the court has 18 judges.", "Khan"),
        ("“The court has 18 judges,” said Mr Khan, the prosecutor.", "Khan"),
        (
            "The court has 18 judges, Jonathan Leader Maynard told the BBC.",
            "Jonathan Leader Maynard",
        ),
        (
            "Russia will not cooperate, Jonathan Leader Maynard, a lecturer in politics at "
            "King's College London, told the BBC.",
            "Jonathan Leader Maynard",
        ),
        ("According to Denysova, Russia changed the law on adoption.", "Denysova"),
        ("When asked, US President Joe Biden said the warrant was justified.", "Joe Biden"),
        (
            "Ukraine's Prosecutor General Andriy Kostin said Putin would be arrested.",
            "Andriy Kostin",
        ),
        ('"It is outrageous," Kremlin spokesman Dmitry Peskov said.', "Dmitry Peskov"),
        (
            "In a statement, the ICC prosecutor, Karim Khan, said: “Hundreds were taken.”",
            "Karim Khan",
        ),
        ("The Kremlin's spokesman said Russia does not recognise the court.", "Kremlin"),
        ("The EU said Chibis was involved in the deportations.", "EU"),
    ],
)
def test_it_finds_who_said_it(paragraph, expected):
    assert guesses(paragraph)[0] == expected


def test_a_quotation_gets_the_attribution_that_follows_it_in_the_next_sentence():
    paragraph = (
        "“The court has 18 judges. They serve nine-year terms.” Hofmanski said at the "
        "press conference in The Hague."
    )
    assert guesses(paragraph) == ["Hofmanski", "Hofmanski", "Hofmanski"]


def test_every_sentence_of_a_quotation_gets_the_speaker_who_opened_it():
    paragraph = (
        "Kuleba said: “China has not armed Russia. The visit is the first since the "
        "invasion. It was announced on Friday.”"
    )
    assert guesses(paragraph) == ["Kuleba", "Kuleba", "Kuleba"]


def test_he_and_she_stand_for_the_last_person_named_in_the_paragraph():
    paragraph = (
        "Mr Rozenberg said the goal is to get Mr Putin behind bars. "
        "But he said Mr Putin is not going to stand trial unless he is arrested."
    )
    assert guesses(paragraph) == ["Rozenberg", "Rozenberg"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The court has 18 judges serving nine-year terms.",
        "He said the court has 18 judges.",  # nobody named before "he"
        "The court said it had reasonable grounds to believe it.",
        "Moscow claims the court has no authority over Russia.",
        "The ICC's 123 member states must arrest him if he travels there.",
        "“He said he would go,” the lawyer recalled in a court filing today.",
    ],
)
def test_it_names_nobody_when_the_text_does_not(paragraph):
    assert guesses(paragraph)[0] is None


def test_words_said_inside_a_quotation_are_not_attributions():
    paragraph = "“Peskov said it was outrageous, and Russia agreed,” Kallas wrote on Twitter."
    assert guesses(paragraph) == ["Kallas"]


DIRECTORY = SpeakerDirectory(
    [
        (1, "Karim Khan"),
        (2, "Piotr Hofmański"),
        (3, "Joe Biden"),
        (4, "Jonathan Leader Maynard"),
        (5, "Sadiq Khan"),
        (6, "Dmitry Peskov"),
        (7, "The Kremlin"),
    ]
)


@pytest.mark.parametrize(
    "guess, expected",
    [
        ("Karim Khan", ("Karim Khan", 1)),
        ("KARIM KHAN", ("Karim Khan", 1)),
        ("Piotr Hofmanski", ("Piotr Hofmański", 2)),  # without the accent
        ("Hofmanski", ("Piotr Hofmański", 2)),
        ("President Biden", ("Joe Biden", 3)),
        ("Mr Peskov", ("Dmitry Peskov", 6)),
        ("Leader Maynard", ("Jonathan Leader Maynard", 4)),
        ("ICC Piotr Hofmanski", ("Piotr Hofmański", 2)),
        ("Kremlin", ("The Kremlin", 7)),
    ],
)
def test_a_guess_is_matched_to_a_known_speaker(guess, expected):
    assert DIRECTORY.find(guess) == expected


@pytest.mark.parametrize("guess", ["Khan", "Mr Khan", "Brody", "Jonathan", "Joe Bidenski"])
def test_an_ambiguous_or_unknown_guess_stays_a_guess(guess):
    # Two speakers are called Khan: a surname alone says neither.
    assert DIRECTORY.find(guess) == (guess, None)
